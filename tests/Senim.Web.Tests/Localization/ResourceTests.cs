using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Senim.Web.Tests.Localization;

public sealed partial class ResourceTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Senim.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Senim.slnx not found above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Load(string suffix) =>
        XDocument.Load(Path.Combine(Root(), "src/Senim.Web/Resources", $"SharedResource{suffix}.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void EveryKeyExistsInKazakhRussianAndEnglish()
    {
        var kk = Load("");
        var ru = Load(".ru");
        var en = Load(".en");
        Assert.Empty(kk.Keys.Except(ru.Keys));
        Assert.Empty(kk.Keys.Except(en.Keys));
        Assert.Empty(ru.Keys.Except(kk.Keys));
        Assert.Empty(en.Keys.Except(kk.Keys));
        Assert.All(kk.Concat(ru).Concat(en), kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void PlaceholdersAgreeAcrossLanguages()
    {
        var kk = Load("");
        foreach (var other in new[] { Load(".ru"), Load(".en") })
        {
            foreach (var (key, value) in kk)
            {
                var a = Placeholder().Matches(value).Select(m => m.Value).Distinct().Order();
                var b = Placeholder().Matches(other[key]).Select(m => m.Value).Distinct().Order();
                Assert.True(a.SequenceEqual(b), $"{key}: {value} / {other[key]}");
            }
        }
    }

    /// <summary>Every literal key the code asks the localizer for must be in the resources.</summary>
    [Fact]
    public void EveryKeyUsedInTheCodeIsDefined()
    {
        var keys = Load("").Keys.ToHashSet();
        var src = Path.Combine(Root(), "src/Senim.Web");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match m in UsedKey().Matches(File.ReadAllText(file)))
            {
                var key = m.Groups["key"].Value;
                if (!key.EndsWith('.') && !keys.Contains(key)) missing.Add($"{Path.GetFileName(file)}: {key}");
            }
        }
        Assert.Empty(missing);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:\bT|\btext|\bl)\[""(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+)""|Format\(""(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+)""|ErrorMessage = ""(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+)""|Name = ""(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+)""|LineError\([^,]+, ""(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+)""|new\([a-zA-Z0-9.]+, ""(?<key>Import\.[A-Za-z0-9.]+)""")]
    private static partial Regex UsedKey();
}
