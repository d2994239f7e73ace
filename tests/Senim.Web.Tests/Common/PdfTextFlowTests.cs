using Senim.Web.Common;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Writer;

namespace Senim.Web.Tests.Common;

public sealed class PdfTextFlowTests
{
    private static string Words(UglyToad.PdfPig.Content.Page page) => string.Join(" ", page.GetWords().Select(w => w.Text));

    [Fact]
    public void WrappingKeepsEveryLineWithinTheWidthAndBreaksAWordLongerThanTheLine()
    {
        // A fixed-width measure: one unit per character.
        var lines = PdfText.Wrap("one two three four\n\nabcdefghijklmnop end", 9, t => t.Length);
        Assert.Equal(["one two", "three", "four", "", "abcdefghi", "jklmnop", "end"], lines);
        Assert.All(lines, l => Assert.True(l.Length <= 9, l));
    }

    [Fact]
    public void WrappingMeasuresInTheEmbeddedFont()
    {
        using var builder = new PdfDocumentBuilder();
        var faces = DejaVuFonts.Shared.AddTo(builder);
        var page = builder.AddPage(PdfTextFlow.A4Width, PdfTextFlow.A4Height);
        var narrow = PdfText.Width(page, "iiii", faces.Regular, 10);
        var wide = PdfText.Width(page, "WWWW", faces.Regular, 10);
        Assert.True(wide > 2 * narrow, $"{wide} vs {narrow}");
        Assert.Equal(2 * PdfText.Width(page, "Қазақ", faces.Regular, 10), PdfText.Width(page, "Қазақ", faces.Regular, 20), 3);
    }

    [Fact]
    public void KazakhAndRussianLettersSurviveTextExtraction()
    {
        using var flow = new PdfTextFlow("Тест", 56, 64, "{0} / {1}");
        flow.Heading("Аттестаттау хаттамасы");
        flow.Paragraph("Әділет, ғылым, қоғам, ңғ, өнер, ұлт, үміт, һ, іс — Ёлка и щётка");
        using var document = PdfDocument.Open(flow.Build());
        var text = Words(document.GetPage(1));
        Assert.Contains("Аттестаттау хаттамасы", text, StringComparison.Ordinal);
        Assert.Contains("Әділет, ғылым, қоғам, ңғ, өнер, ұлт, үміт, һ, іс — Ёлка и щётка", text, StringComparison.Ordinal);
        Assert.Contains("1 / 1", text, StringComparison.Ordinal);
        Assert.Equal("Тест", document.Information.Title);
    }

    [Fact]
    public void ALongTextFlowsOntoNewPagesEachWithItsFooter()
    {
        using var flow = new PdfTextFlow("Long", 56, 64, "page {0} of {1}");
        var paragraph = string.Join(" ", Enumerable.Repeat("Сенім", 60));
        for (var i = 0; i < 40; i++) flow.Paragraph($"{i:D2} {paragraph}");
        flow.Paragraph("THE-END");
        var pdf = flow.Build();
        Assert.True(flow.Pages >= 3, flow.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var document = PdfDocument.Open(pdf);
        Assert.Equal(flow.Pages, document.NumberOfPages);
        foreach (var page in document.GetPages())
        {
            Assert.Contains($"page {page.Number} of {flow.Pages}", Words(page), StringComparison.Ordinal);
            // Nothing is drawn below the footer or beyond the right margin.
            Assert.All(page.GetWords(), w => Assert.True(w.BoundingBox.Bottom >= 30 && w.BoundingBox.Right <= PdfTextFlow.A4Width - 56 + 1, w.Text));
        }
        Assert.Contains("THE-END", Words(document.GetPage(document.NumberOfPages)), StringComparison.Ordinal);
        Assert.DoesNotContain("THE-END", Words(document.GetPage(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void TableCellsWrapWithinTheirColumnsAndARowMovesToTheNextPageWhole()
    {
        using var flow = new PdfTextFlow("Table", 40, 40);
        double[] widths = [100, 60];
        flow.HeaderRow(["Көрсеткіш", "Мәні"], widths, 8.5);
        for (var i = 0; i < 80; i++) flow.Row([$"row{i:D2} бір екі үш төрт бес алты end{i:D2}", "42"], widths, 8.5);
        using var document = PdfDocument.Open(flow.Build());
        Assert.True(document.NumberOfPages >= 2);
        var words = document.GetPages().SelectMany(p => p.GetWords().Select(w => (Page: p.Number, w))).ToList();
        Assert.All(words.Where(x => x.w.Text.StartsWith("row", StringComparison.Ordinal)), x => Assert.True(x.w.BoundingBox.Right <= 40 + 100, x.w.Text));
        // Every row's first and last line are on the same page.
        for (var i = 0; i < 80; i++)
        {
            var start = words.Single(x => x.w.Text == $"row{i:D2}");
            var end = words.Single(x => x.w.Text == $"end{i:D2}");
            Assert.Equal(start.Page, end.Page);
            Assert.True(end.w.BoundingBox.Bottom < start.w.BoundingBox.Bottom, $"row {i} is one line");
        }
        Assert.Equal(80, words.Count(x => x.w.Text == "42"));
    }
}
