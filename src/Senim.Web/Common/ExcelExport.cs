using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SheetText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Senim.Web.Common;

/// <summary>Writes a one-sheet .xlsx (Office Open XML, ECMA-376) with a bold header row; numbers stay numbers so
/// officials can sort and sum them, text is written inline (no shared-string table needed for exports this size).</summary>
public static class ExcelExport
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);
            data.Append(new Row(headers.Select(h => InlineText(h, bold: true))));
            foreach (var row in rows) data.Append(new Row(row.Select(Cell)));
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        int or long or double or decimal or float => new Cell
        {
            DataType = CellValues.Number,
            CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        },
        _ => InlineText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", bold: false),
    };

    private static Cell InlineText(string text, bool bold) => new(new InlineString(new SheetText(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString,
        StyleIndex = bold ? 1U : 0U,
    };
}
