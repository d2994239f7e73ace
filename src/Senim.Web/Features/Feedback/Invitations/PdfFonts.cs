using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Senim.Web.Features.Feedback.Invitations;

/// <summary>PDFsharp 6 (Core build) cannot see system fonts on Linux, so the card and poster fonts come from the
/// DejaVu files of the Debian package <c>fonts-dejavu-core</c>. DejaVu covers Latin, Cyrillic and the Kazakh letters
/// ә ғ қ ң ө ұ ү һ і. Every family name resolves to DejaVu Sans except the two monospace names; italic is simulated
/// (the core package ships no oblique faces).</summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string DebianPackage = "fonts-dejavu-core";
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private static readonly string[] FaceFiles = ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono", "DejaVuSansMono-Bold"];
    private static readonly Lock InstallLock = new();
    private static readonly Lazy<DejaVuFontResolver> Shared = new(() => new DejaVuFontResolver(DefaultDirectory));

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    public DejaVuFontResolver(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>Installs the shared resolver as PDFsharp's global font resolver (once; later calls are no-ops) after
    /// checking that the font files exist. A resolver installed by someone else is left alone.</summary>
    /// <exception cref="InvalidOperationException">A DejaVu file is missing: install <c>fonts-dejavu-core</c>.</exception>
    public static void EnsureInstalled()
    {
        var resolver = Shared.Value;
        resolver.CheckFiles();
        lock (InstallLock)
        {
            // PDFsharp accepts the resolver once, before the first font operation; setting the same instance again is allowed.
            GlobalFontSettings.FontResolver ??= resolver;
        }
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the Debian package when a face file is missing.</summary>
    public void CheckFiles()
    {
        foreach (var face in FaceFiles) _ = PathOf(face);
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var mono = familyName.Contains("Mono", StringComparison.OrdinalIgnoreCase)
            || familyName.Contains("Courier", StringComparison.OrdinalIgnoreCase)
            || familyName.Equals("monospace", StringComparison.OrdinalIgnoreCase);
        var face = (mono ? "DejaVuSansMono" : "DejaVuSans") + (bold ? "-Bold" : "");
        return new FontResolverInfo(face, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, f => File.ReadAllBytes(PathOf(f)));

    private string PathOf(string face)
    {
        var path = Path.Combine(Directory, face + ".ttf");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Font file '{path}' is missing. The invitation PDFs need the DejaVu fonts: install the Debian package '{DebianPackage}' (apt-get install {DebianPackage}).");
        }
        return path;
    }
}
