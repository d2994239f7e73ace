using System.Collections.Concurrent;
using UglyToad.PdfPig.Writer;

namespace Senim.Web.Common;

/// <summary>The fonts of every Senim PDF (cards, posters, protocols, scorecards): the DejaVu TrueType files of the Debian package <c>fonts-dejavu-core</c>,
/// embedded in each PDF. DejaVu covers Latin, Cyrillic and the Kazakh letters ә ғ қ ң ө ұ ү һ і.</summary>
public sealed class DejaVuFonts
{
    public const string DebianPackage = "fonts-dejavu-core";
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    public const string Sans = "DejaVuSans";
    public const string SansBold = "DejaVuSans-Bold";

    public static readonly DejaVuFonts Shared = new(DefaultDirectory);
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    public DejaVuFonts(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>Embeds the regular and bold faces in a document.</summary>
    /// <exception cref="InvalidOperationException">A face file is missing: install <c>fonts-dejavu-core</c>.</exception>
    public PdfFaces AddTo(PdfDocumentBuilder builder) => new(builder.AddTrueTypeFont(Face(Sans)), builder.AddTrueTypeFont(Face(SansBold)));

    /// <summary>The bytes of a face file (read once).</summary>
    /// <exception cref="InvalidOperationException">The file is missing: install <c>fonts-dejavu-core</c>.</exception>
    public byte[] Face(string face) => _faces.GetOrAdd(face, f => File.ReadAllBytes(PathOf(f)));

    private string PathOf(string face)
    {
        var path = Path.Combine(Directory, face + ".ttf");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Font file '{path}' is missing. Senim's PDFs need the DejaVu fonts: install the Debian package '{DebianPackage}' (apt-get install {DebianPackage}).");
        }
        return path;
    }
}

/// <summary>The two faces embedded in one document.</summary>
public sealed record PdfFaces(PdfDocumentBuilder.AddedFont Regular, PdfDocumentBuilder.AddedFont Bold);
