using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace Senim.Web.Common;

/// <summary>A problem found in one line of an uploaded file; the message is a resource key with arguments.
/// Line 0 is the file as a whole (none chosen); line 1 is the header.</summary>
public sealed record LineError(int Line, string MessageKey, params object[] Args)
{
    /// <summary>"Line 3: …" in the reader's language; without the line prefix for line 0.</summary>
    public string Describe(IText text) =>
        Line > 0 ? text.Format("Import.LineError", Line, text.Format(MessageKey, Args)) : text.Format(MessageKey, Args);
}

/// <summary>How a <see cref="CsvTable"/> reads its file.</summary>
public sealed record CsvTableOptions
{
    /// <summary>Accept ';' or tab as the separator (spreadsheets save CSV with ';' in kk/ru locales). Off where a
    /// field itself holds ';'-separated lists.</summary>
    public bool DetectDelimiter { get; init; }

    /// <summary>Report a line whose number of fields differs from the header's (Import.ColumnCount) and skip it.</summary>
    public bool SameColumnCount { get; init; }

    /// <summary>The message when the file has no header line.</summary>
    public string EmptyKey { get; init; } = "Import.Empty";

    /// <summary>The message when a line cannot be parsed (an unterminated quote); reading stops there.</summary>
    public string UnreadableKey { get; init; } = "Import.Unreadable";
}

/// <summary>One line of a <see cref="CsvTable"/>: its number in the file (a quoted field may span lines; the number
/// is the line the record ends on, as an editor shows it) and its fields, looked up by column name.</summary>
public sealed class CsvRow(int line, string[] fields, CsvTable table)
{
    public int Line => line;

    /// <summary>The field of the column, trimmed; "" when the column or the field is missing.</summary>
    public string this[string column] => Field(table.Column(column));

    /// <summary>The field at a position of the header, trimmed; "" when missing.</summary>
    public string Field(int index) => index >= 0 && index < fields.Length ? fields[index].Trim() : "";

    /// <summary>The field of the column as written (untrimmed); "" when missing.</summary>
    public string Raw(string column) => table.Column(column) is var i && i >= 0 && i < fields.Length ? fields[i] : "";

    /// <summary>The trimmed field of the column, or null when it is blank or missing.</summary>
    public string? Value(string column) => this[column] is { Length: > 0 } v ? v : null;

    /// <summary>Whether every field is blank.</summary>
    public bool IsBlank => fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>The one reader of uploaded CSV tables (CsvHelper's parser): a header line names the columns
/// (case-insensitive, trimmed, a byte-order mark ignored), then one record per line. Blank lines are skipped; every
/// problem is a <see cref="LineError"/> with the line's number, so a page can list them all at once.</summary>
public sealed class CsvTable : IDisposable
{
    private readonly CsvParser _parser;
    private readonly CsvTableOptions _options;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private CsvTable(CsvParser parser, string[] header, CsvTableOptions options)
    {
        _parser = parser;
        _options = options;
        Header = [.. header.Select((h, i) => (i == 0 ? h.TrimStart('\uFEFF') : h).Trim().ToLowerInvariant())];
        for (var i = Header.Count - 1; i >= 0; i--) _columns[Header[i]] = i;
    }

    /// <summary>The column names, trimmed and lower-case, in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The position of a column (any case), or -1.</summary>
    public int Column(string name) => _columns.TryGetValue(name.ToLowerInvariant(), out var i) ? i : -1;

    /// <summary>The named columns the header lacks, in the order given.</summary>
    public IReadOnlyList<string> Missing(params string[] columns) => [.. columns.Where(c => Column(c) < 0)];

    /// <summary>Reads the header line. Null (and the empty-file error on line 1) when the file has none.</summary>
    public static async Task<CsvTable?> OpenAsync(Stream stream, ICollection<LineError> errors, CsvTableOptions? options = null) =>
        await OpenAsync(new StreamReader(stream, detectEncodingFromByteOrderMarks: true), errors, options);

    /// <inheritdoc cref="OpenAsync(Stream, ICollection{LineError}, CsvTableOptions?)"/>
    public static async Task<CsvTable?> OpenAsync(TextReader reader, ICollection<LineError> errors, CsvTableOptions? options = null)
    {
        var parser = Parser(reader, options ??= new());
        return FromHeader(parser, await parser.ReadAsync(), errors, options);
    }

    /// <inheritdoc cref="OpenAsync(Stream, ICollection{LineError}, CsvTableOptions?)"/>
    public static CsvTable? Open(TextReader reader, ICollection<LineError> errors, CsvTableOptions? options = null)
    {
        var parser = Parser(reader, options ??= new());
        return FromHeader(parser, parser.Read(), errors, options);
    }

    /// <summary>The records after the header; an unreadable line is reported and ends the file.</summary>
    public async IAsyncEnumerable<CsvRow> RowsAsync(ICollection<LineError> errors, [EnumeratorCancellation] CancellationToken ct = default)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            bool more;
            try { more = await _parser.ReadAsync(); }
            catch (CsvHelperException) { errors.Add(new(_parser.RawRow, _options.UnreadableKey)); yield break; }
            if (!more) yield break;
            if (Accept(errors) is { } row) yield return row;
        }
    }

    /// <inheritdoc cref="RowsAsync"/>
    public IEnumerable<CsvRow> Rows(ICollection<LineError> errors)
    {
        while (true)
        {
            bool more;
            try { more = _parser.Read(); }
            catch (CsvHelperException) { errors.Add(new(_parser.RawRow, _options.UnreadableKey)); yield break; }
            if (!more) yield break;
            if (Accept(errors) is { } row) yield return row;
        }
    }

    public void Dispose() => _parser.Dispose();

    private CsvRow? Accept(ICollection<LineError> errors)
    {
        var row = new CsvRow(_parser.RawRow, _parser.Record ?? [], this);
        if (row.IsBlank) return null;
        var count = _parser.Record?.Length ?? 0;
        if (_options.SameColumnCount && count != Header.Count)
        {
            errors.Add(new(row.Line, "Import.ColumnCount", Header.Count, count));
            return null;
        }
        return row;
    }

    private static CsvParser Parser(TextReader reader, CsvTableOptions options) => new(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false, DetectDelimiter = options.DetectDelimiter,
    });

    private static CsvTable? FromHeader(CsvParser parser, bool read, ICollection<LineError> errors, CsvTableOptions options)
    {
        if (read && parser.Record is { } header) return new CsvTable(parser, header, options);
        parser.Dispose();
        errors.Add(new(1, options.EmptyKey));
        return null;
    }
}
