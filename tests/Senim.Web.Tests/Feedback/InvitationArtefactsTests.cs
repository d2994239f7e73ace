using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using UglyToad.PdfPig;
using QRCoder;
using Senim.Web.Features.Feedback.Invitations;
using Senim.Web.Common;

namespace Senim.Web.Tests.Feedback;

/// <summary>The invitation artefacts. Some checks run external tools, and fail (never skip) when they are missing:
/// zbarimg (Debian package zbar-tools) decodes QR codes, pdftoppm and pdftotext (poppler-utils) render and read PDFs.</summary>
public sealed partial class InvitationArtefactsTests
{
    private const string Code = "ABCD2345W"; // a well-formed code (valid check character): printed as ABCD-2345W
    private const string Url = "https://senim.gov.kz/f/" + Code;
    private static readonly DateTime Expires = new(2026, 3, 12, 20, 0, 0, DateTimeKind.Utc); // 13.03.2026 01:00 in Kazakhstan

    private static InvitationCard Card() => new(
        Code, Url, Expires, "Алматы қаласы ПД, Медеу АПБ", "Анықтама беру / Выдача справок",
        [
            ("ru", new CardText("Оцените, как вас обслужили", "Наведите камеру на QR-код или откройте ссылку и введите код.", "Код", "Действует до", "Это анонимно.")),
            ("kk", new CardText("Қызметті бағалаңыз", "Телефон камерасын QR-кодқа бағыттаңыз: ә ғ қ ң ө ұ ү һ і.", "Код", "Жарамды мерзімі", "Бұл жасырын.")),
            ("en", new CardText("Rate the service you received", "Point your camera at the QR code, or open the link and enter the code.", "Code", "Valid until", "It is anonymous.")),
        ]);

    [Fact]
    public void CodeUsedByTheseTestsIsAValidInvitationCode() =>
        Assert.Equal(Code, Senim.Web.Features.Feedback.InvitationCode.Normalise(Code));

    [Fact]
    public void QrSvgIsWellFormedXmlWhosePathCoversExactlyTheDarkModulesOfQrCodersMatrix()
    {
        var svg = InvitationArtefacts.QrSvg(Url, pixelsPerModule: 6);

        var root = XDocument.Parse(svg).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", root.Name);
        using var data = QRCodeGenerator.GenerateQrCode(Url, QRCodeGenerator.ECCLevel.M);
        var expected = data.ModuleMatrix;
        var n = expected.Count;
        Assert.Equal((4 * data.Version) + 17 + 8, n); // the matrix includes the 4-module quiet zone on each side
        Assert.Equal($"0 0 {n} {n}", (string?)root.Attribute("viewBox"));
        Assert.Equal((n * 6).ToString(CultureInfo.InvariantCulture), (string?)root.Attribute("width"));

        var drawn = new bool[n, n];
        var d = (string)root.Element(ns + "path")!.Attribute("d")!;
        var runs = Run().Matches(d);
        Assert.Equal(d.Length, runs.Sum(r => r.Length)); // nothing but runs in the path
        foreach (Match r in runs)
        {
            int x = Int(r.Groups[1]), y = Int(r.Groups[2]), length = Int(r.Groups[3]);
            for (var i = x; i < x + length; i++)
            {
                Assert.False(drawn[y, i], $"module ({i},{y}) drawn twice");
                drawn[y, i] = true;
            }
        }
        var darkExpected = 0;
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                Assert.True(expected[y][x] == drawn[y, x], $"module ({x},{y}) differs from QRCoder's matrix");
                if (expected[y][x]) darkExpected++;
            }
        }
        Assert.Equal(darkExpected, drawn.Cast<bool>().Count(b => b));
        for (var i = 0; i < n; i++) Assert.False(drawn[0, i] || drawn[3, i] || drawn[i, 0] || drawn[i, n - 1], "quiet zone must stay light");
    }

    [Fact]
    public void QrOutputsAreDeterministic()
    {
        Assert.Equal(InvitationArtefacts.QrSvg(Url), InvitationArtefacts.QrSvg(Url));
        Assert.Equal(InvitationArtefacts.QrPng(Url), InvitationArtefacts.QrPng(Url));
        Assert.NotEqual(InvitationArtefacts.QrSvg(Url), InvitationArtefacts.QrSvg(Url + "2"));
    }

    [Fact]
    public void QrPngHasThePngSignatureAndDecodesToTheUrl()
    {
        var png = InvitationArtefacts.QrPng(Url);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var dir = new TempDir();
        var file = dir.Write("qr.png", png);
        Assert.Equal(Url, DecodeQr(file));
    }

    [Fact]
    public void CardPdfIsOneA6PageWithTheCodeAsTextAndTheQrAsVectors()
    {
        var pdf = InvitationArtefacts.CardPdf(Card());

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        var page = document.GetPage(1);
        Assert.Equal(297.64, page.Width, 0.5);
        Assert.Equal(419.53, page.Height, 0.5);
        Assert.Contains("ABCD-2345W", PageText(page), StringComparison.Ordinal);
        // The QR code is drawn as vector squares: the page uses no image at all.
        Assert.Empty(page.GetImages());
    }

    [Fact]
    public void PosterPdfIsOneA4Page()
    {
        var pdf = InvitationArtefacts.PosterPdf(Card());

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        Assert.Equal(595.28, document.GetPage(1).Width, 0.5);
        Assert.Equal(841.89, document.GetPage(1).Height, 0.5);
        Assert.Contains("ABCD-2345W", PageText(document.GetPage(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void CardPdfQrCodeDecodesToTheUrlOnceRendered()
    {
        using var dir = new TempDir();
        var pdf = dir.Write("card.pdf", InvitationArtefacts.CardPdf(Card()));

        Tool("pdftoppm", "poppler-utils", "-png", "-r", "150", "-singlefile", pdf, Path.Combine(dir.Path, "card"));
        Assert.Equal(Url, DecodeQr(Path.Combine(dir.Path, "card.png")));
    }

    [Fact]
    public void CardPdfTextReadsKazakhFirstThenTheOtherLanguagesWithCodeUrlAndKazakhstanDate()
    {
        using var dir = new TempDir();
        var pdf = dir.Write("card.pdf", InvitationArtefacts.CardPdf(Card()));

        var text = Tool("pdftotext", "poppler-utils", "-enc", "UTF-8", pdf, "-");
        var kk = text.IndexOf("Қызметті бағалаңыз", StringComparison.Ordinal);
        var ru = text.IndexOf("Оцените, как вас обслужили", StringComparison.Ordinal);
        var en = text.IndexOf("Rate the service you received", StringComparison.Ordinal);
        Assert.True(kk >= 0 && ru > kk && en > ru, $"expected kk, ru, en headings in that order in:\n{text}");
        Assert.Contains("ә ғ қ ң ө ұ ү һ і", text, StringComparison.Ordinal);
        Assert.Contains(Url, text, StringComparison.Ordinal);
        Assert.Contains("13.03.2026", text, StringComparison.Ordinal);
        Assert.Contains("Код / Code", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PdfsCanBeMadeInParallel()
    {
        var pdfs = new byte[16][];
        Parallel.For(0, pdfs.Length, i => pdfs[i] = i % 2 == 0 ? InvitationArtefacts.CardPdf(Card()) : InvitationArtefacts.PosterPdf(Card()));

        Assert.All(pdfs, pdf => Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4)));
    }

    [Fact]
    public void CardPdfShrinksLongTextsOntoItsSinglePage()
    {
        var longText = string.Join(' ', Enumerable.Repeat("Телефон камерасын QR-кодқа бағыттаңыз.", 12));
        var card = Card() with { Languages = [.. Card().Languages.Select(l => (l.Culture, l.Text with { Instruction = longText }))] };

        using var document = PdfDocument.Open(InvitationArtefacts.CardPdf(card));
        Assert.Equal(1, document.NumberOfPages);
        Assert.Contains("ABCD-2345W", PageText(document.GetPage(1)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk", "дейін")]
    [InlineData("ru", "до")]
    [InlineData("en", "until")]
    public void SmsTextFitsOneUcs2SegmentForATypicalUrl(string culture, string untilWord)
    {
        var sms = InvitationArtefacts.SmsText(culture, Code, Url, Expires);

        Assert.True(sms.Length <= InvitationArtefacts.SmsSingleSegment, $"{sms.Length} > 70: {sms}");
        Assert.Contains(Url, sms, StringComparison.Ordinal);
        Assert.Contains("13.03.2026", sms, StringComparison.Ordinal);
        Assert.Contains(untilWord, sms, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void SmsTextStaysWithinTwoSegmentsForALongUrl(string culture)
    {
        var longUrl = "https://feedback.senim.police.gov.kz/almaty/medeu/front-office/f/" + Code; // 75 characters

        var sms = InvitationArtefacts.SmsText(culture, Code, longUrl, Expires);

        Assert.True(sms.Length <= InvitationArtefacts.SmsTwoSegments, $"{sms.Length} > 134: {sms}");
        Assert.Contains(longUrl, sms, StringComparison.Ordinal);
        Assert.Contains("13.03.2026", sms, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void SmsTextCarriesTheCodeWhenTheUrlDoesNotContainIt(string culture)
    {
        var sms = InvitationArtefacts.SmsText(culture, Code, "https://senim.gov.kz/f", Expires);

        Assert.Contains("ABCD-2345W", sms, StringComparison.Ordinal);
        Assert.Contains("13.03.2026", sms, StringComparison.Ordinal);
        Assert.True(sms.Length <= InvitationArtefacts.SmsSingleSegment, $"{sms.Length} > 70: {sms}");
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void SmsTextKeepsTheCodeEvenWhenNothingFitsTwoSegments(string culture)
    {
        var hugeUrl = "https://senim.gov.kz/f?" + new string('x', 150);

        var sms = InvitationArtefacts.SmsText(culture, Code, hugeUrl, Expires);

        Assert.Contains(hugeUrl, sms, StringComparison.Ordinal);
        Assert.Contains("ABCD-2345W", sms, StringComparison.Ordinal);
    }

    [Fact]
    public void SmsTextTakesRegionalCulturesAsTheirLanguageAndFallsBackToKazakh()
    {
        Assert.Equal(InvitationArtefacts.SmsText("ru", Code, Url, Expires), InvitationArtefacts.SmsText("ru-KZ", Code, Url, Expires));
        Assert.Equal(InvitationArtefacts.SmsText("kk", Code, Url, Expires), InvitationArtefacts.SmsText("kk-KZ", Code, Url, Expires));
        Assert.Equal(InvitationArtefacts.SmsText("kk", Code, Url, Expires), InvitationArtefacts.SmsText("de", Code, Url, Expires));
    }

    [Fact]
    public void ExpiryDateIsTheCalendarDateInKazakhstan()
    {
        Assert.Equal("13.03.2026", InvitationArtefacts.ExpiryDate(new DateTime(2026, 3, 12, 19, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("12.03.2026", InvitationArtefacts.ExpiryDate(new DateTime(2026, 3, 12, 18, 59, 59, DateTimeKind.Utc)));
        Assert.Equal("01.01.2027", InvitationArtefacts.ExpiryDate(new DateTime(2026, 12, 31, 19, 0, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void AMissingFontFileFailsWithTheDebianPackageToInstall()
    {
        var fonts = new DejaVuFonts("/nonexistent/fonts");

        var e = Assert.Throws<InvalidOperationException>(() => fonts.Face(DejaVuFonts.Sans));
        Assert.Contains("fonts-dejavu-core", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDejaVuFacesAreTrueTypeFiles()
    {
        foreach (var face in new[] { DejaVuFonts.Sans, DejaVuFonts.SansBold })
        {
            var bytes = DejaVuFonts.Shared.Face(face);
            Assert.Equal(new byte[] { 0, 1, 0, 0 }, bytes[..4]); // the TrueType sfnt version tag
        }
    }

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v1h-\3z")]
    private static partial Regex Run();

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    /// <summary>The page's letters in drawing order (PdfPig reads the embedded fonts' mapping back to Unicode).</summary>
    private static string PageText(UglyToad.PdfPig.Content.Page page) => string.Concat(page.Letters.Select(l => l.Value));

    private static string DecodeQr(string imageFile) => Tool("zbarimg", "zbar-tools", "--quiet", "--raw", imageFile).TrimEnd('\n', '\r');

    /// <summary>Runs an external tool; fails with the Debian package to install when it is missing.</summary>
    private static string Tool(string file, string debianPackage, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"'{file}' is not installed: install the Debian package {debianPackage} (apt-get install -y {debianPackage}). {e.Message}");
            throw;
        }
        using (process)
        {
            Assert.NotNull(process);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), $"{file} did not finish in 60 s");
            Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("senim-invitation-").FullName;
        public string Write(string name, byte[] bytes)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(file, bytes);
            return file;
        }
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
