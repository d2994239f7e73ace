using System.Globalization;
using System.Text;
using Senim.Web.Common;

namespace Senim.Web.Tests.Common;

public sealed class CsvTableTests
{
    private static async Task<(List<CsvRow> Rows, List<LineError> Errors, CsvTable? Table)> ReadAsync(string text, CsvTableOptions? options = null, bool bom = false)
    {
        var bytes = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var errors = new List<LineError>();
        var table = await CsvTable.OpenAsync(new MemoryStream(bytes), errors, options);
        var rows = new List<CsvRow>();
        if (table is not null)
        {
            await foreach (var r in table.RowsAsync(errors)) rows.Add(r);
        }
        return (rows, errors, table);
    }

    [Fact]
    public async Task AnEmptyFileIsOneErrorOnLineOne()
    {
        var (_, errors, table) = await ReadAsync("");
        Assert.Null(table);
        Assert.Equal([new LineError(1, "Import.Empty")], errors);
    }

    [Fact]
    public async Task TheHeaderIsCaseInsensitiveTrimmedAndTheByteOrderMarkIsIgnored()
    {
        var (rows, errors, table) = await ReadAsync(" Code ,Name_KK\nab, Қарағанды \n", bom: true);
        Assert.Empty(errors);
        Assert.Equal(["code", "name_kk"], table!.Header);
        Assert.Equal("ab", rows[0]["CODE"]);
        Assert.Equal("Қарағанды", rows[0]["name_kk"]);
        Assert.Equal(" Қарағанды ", rows[0].Raw("name_kk"));
        Assert.Null(rows[0].Value("missing"));
        Assert.Equal(["population"], table.Missing("code", "population"));
    }

    [Fact]
    public async Task LinesAreNumberedAsInTheFileAcrossBlankLinesAndQuotedLineBreaks()
    {
        var (rows, errors, _) = await ReadAsync("a,b\n1,\"two\nlines\"\n\n,\n3,\"say \"\"hi\"\", then go\"\n");
        Assert.Empty(errors);
        Assert.Equal([3, 6], rows.Select(r => r.Line));
        Assert.Equal("two\nlines", rows[0]["b"]);
        Assert.Equal("say \"hi\", then go", rows[1]["b"]);
    }

    [Fact]
    public async Task AWrongColumnCountIsReportedPerLineAndTheLineSkipped()
    {
        var (rows, errors, _) = await ReadAsync("a,b,c\n1,2,3\n1,2\n1,2,3,4\n", new() { SameColumnCount = true });
        Assert.Equal([2], rows.Select(r => r.Line));
        Assert.Equal(2, errors.Count);
        Assert.Equal((3, "Import.ColumnCount"), (errors[0].Line, errors[0].MessageKey));
        Assert.Equal(new object[] { 3, 2 }, errors[0].Args);
        Assert.Equal(4, errors[1].Line);
    }

    [Fact]
    public async Task WithoutTheColumnCountCheckShortLinesReadAsEmptyFields()
    {
        var (rows, errors, _) = await ReadAsync("a,b,c\n1\n");
        Assert.Empty(errors);
        Assert.Equal("", rows[0]["c"]);
    }

    [Fact]
    public async Task ASemicolonSeparatedFileIsReadWhenDetectionIsOn()
    {
        var (rows, errors, table) = await ReadAsync("a;b\n1;2\n", new() { DetectDelimiter = true });
        Assert.Empty(errors);
        Assert.Equal(["a", "b"], table!.Header);
        Assert.Equal("2", rows[0]["b"]);
    }

    [Fact]
    public void TheSynchronousReaderGivesTheSameRowsAndTheCallerChoosesTheEmptyMessage()
    {
        var errors = new List<LineError>();
        using (var table = CsvTable.Open(new StringReader("x\n1\n2\n"), errors))
        {
            Assert.Equal([2, 3], table!.Rows(errors).Select(r => r.Line));
        }
        Assert.Null(CsvTable.Open(new StringReader(""), errors, new() { EmptyKey = "Attestation.CsvEmpty" }));
        Assert.Equal([new LineError(1, "Attestation.CsvEmpty")], errors);
    }

    [Fact]
    public void ALineErrorIsDescribedWithItsNumberExceptForTheWholeFile()
    {
        var text = new FakeText();
        Assert.Equal("Line 7: Bad \"x\"", new LineError(7, "Bad", "x").Describe(text));
        Assert.Equal("Bad \"y\"", new LineError(0, "Bad", "y").Describe(text));
    }

    private sealed class FakeText : IText
    {
        private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
        {
            ["Import.LineError"] = "Line {0}: {1}",
            ["Bad"] = "Bad \"{0}\"",
        };

        public string this[string key] => Texts.GetValueOrDefault(key, key);
        public string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);
    }
}
