using System.Globalization;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// An XLSX import: the workbook's first sheet, with the column names in row 1 and a record in each later row.
/// A row's line is its sheet row number. Numbers become invariant text, date-formatted cells <c>yyyy-MM-dd</c> (or
/// <c>yyyy-MM-ddTHH:mm:ss</c> with a time), text stays text. Columns whose row-1 cell is empty are ignored as long
/// as they hold nothing; rows with no value at all are skipped.
/// </summary>
/// <remarks>
/// Memory is bounded by the limits of <see cref="ImportFileOptions"/>, whatever the file: the zip is checked before
/// it is unpacked (<see cref="XlsxPackageCheck"/>), the workbook, styles, shared strings and sheet parts are streamed,
/// cell and shared-string text is kept only up to a length, and columns stop at XFD. The Open XML SDK only opens the
/// package and follows its relationships.
/// </remarks>
internal sealed class XlsxImportFile : ImportFile
{
    private readonly XlsxSheetReader _sheet;
    private readonly XlsxStyles _styles;
    private readonly string?[] _sharedStrings;
    private readonly bool _date1904;
    private readonly int[] _map;
    private readonly List<XlsxCell> _cells = [];

    public XlsxImportFile(Stream content, string fileName, RecordKind kind, ImportFileOptions options)
        : base(fileName, kind, ImportFormat.Xlsx, options)
    {
        try
        {
            var workbook = OpenWorkbook(content);
            (_sheet, _styles, _sharedStrings, _date1904) = OpenFirstSheet(workbook);
            _map = ReadHeader();
        }
        catch (Exception)
        {
            // The caller never gets this object, so it cannot dispose the package or the spooled copy.
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Text a cell or shared string may have before it is skipped unread: twice a field's limit, so that a value with
    /// some whitespace around it is still trimmed and judged as a CSV's would be.
    /// </summary>
    private int MaxCellText => Options.MaxFieldLength * 2;

    private protected override IEnumerable<ImportRow> ReadRowsOnce()
    {
        while (NextRow() is { } row) yield return row;
    }

    private SpreadsheetDocument OpenWorkbook(Stream content)
    {
        // A zip is read from its end (the central directory), so a forward-only upload is spooled to a temporary
        // file first; it is deleted when this file is disposed.
        if (!content.CanSeek)
        {
            var spool = ImportSpool.Create(Options.SpoolFolder);
            Own(spool);
            content.CopyTo(spool);
            spool.Position = 0;
            content = spool;
        }
        if (XlsxPackageCheck.Problem(content, Options) is { } problem) throw Refuse(problem);
        try
        {
            var document = SpreadsheetDocument.Open(content, isEditable: false);
            Own(document);
            return document;
        }
        catch (Exception e) when (IsBrokenPackage(e))
        {
            throw Refuse("it is not a readable XLSX workbook (the zip is broken, or it is not a workbook)", null, e);
        }
    }

    private (XlsxSheetReader, XlsxStyles, string?[], bool) OpenFirstSheet(SpreadsheetDocument workbook)
    {
        try
        {
            var book = workbook.WorkbookPart ?? throw Refuse("it is a zip but holds no workbook");
            var (name, id, date1904) = ReadWorkbook(book);
            if (name is null) throw Refuse("its workbook has no sheet");
            if (id is null || book.GetPartById(id) is not WorksheetPart part)
                throw Refuse($"its first sheet {ImportText.Quote(name)} is not a worksheet (a chart sheet?)");
            var styles = XlsxStyles.Load(book.WorkbookStylesPart?.GetStream(FileMode.Open, FileAccess.Read), out var tooManyStyles);
            if (tooManyStyles is not null) throw Refuse(tooManyStyles);
            var sharedStrings = LoadSharedStrings(book.SharedStringTablePart);
            var sheet = new XlsxSheetReader(part.GetStream(FileMode.Open, FileAccess.Read), MaxCellText);
            Own(sheet);
            return (sheet, styles, sharedStrings, date1904);
        }
        catch (Exception e) when (IsBrokenPackage(e) || e is ArgumentOutOfRangeException or KeyNotFoundException)
        {
            // GetPartById throws the last two for a relationship id the workbook does not have.
            throw Refuse("it is not a readable XLSX workbook (a part of the zip is broken)", null, e);
        }
    }

    /// <summary>
    /// The first sheet's name and relationship id, and whether dates count from 1904 (old Mac Excel), streamed from
    /// the workbook part. The relationship id is the one <c>id</c> attribute in a namespace, transitional or strict.
    /// </summary>
    private static (string? Name, string? Id, bool Date1904) ReadWorkbook(WorkbookPart book)
    {
        var date1904 = false;
        using var x = XmlReader.Create(book.GetStream(FileMode.Open, FileAccess.Read), XlsxSheetReader.Settings);
        while (x.Read())
        {
            if (x.NodeType != XmlNodeType.Element) continue;
            if (x.LocalName == "workbookPr") date1904 = x.GetAttribute("date1904") is "1" or "true";
            if (x.LocalName != "sheet") continue;
            string? id = null;
            while (x.MoveToNextAttribute())
            {
                if (x.LocalName == "id" && x.NamespaceURI.Length > 0) id = x.Value;
            }
            x.MoveToElement();
            return (x.GetAttribute("name") ?? "", id, date1904);
        }
        return (null, null, date1904);
    }

    private static bool IsBrokenPackage(Exception e) =>
        e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException;

    private int[] ReadHeader()
    {
        if (!ReadSheetRow()) throw Refuse("its first sheet is empty");
        if (_sheet.RowNumber != 1) throw Refuse("row 1 of its first sheet is empty; it must hold the column names", 1);
        // At most XlsxSheetReader.MaxColumns: the reader refuses any cell beyond XFD.
        var width = _cells.Count == 0 ? 0 : _cells.Max(c => c.Column) + 1;
        var header = new string?[width];
        foreach (var cell in _cells) header[cell.Column] = Text(cell, out _);
        return HeaderCheck.Map(header, Columns, FileName, "row 1 of the first sheet");
    }

    private ImportRow? NextRow()
    {
        while (ReadSheetRow())
        {
            var line = _sheet.RowNumber;
            var values = new string?[Columns.Count];
            List<RowError>? errors = null;
            var any = false;
            foreach (var cell in _cells)
            {
                var column = cell.Column < _map.Length && _map[cell.Column] >= 0 ? _map[cell.Column] : -1;
                var name = column >= 0 ? Columns.Names[column] : null;
                var text = Text(cell, out var problem);
                if (problem is not null) { (errors ??= []).Add(new RowError(line, name, problem)); any = true; continue; }
                if (text is null) continue;
                any = true;
                if (column < 0)
                    (errors ??= []).Add(new RowError(line, null, $"has a value in column {XlsxSheetReader.ColumnName(cell.Column)}, whose header is empty"));
                else if (text.Length > Options.MaxFieldLength)
                    (errors ??= []).Add(new RowError(line, name, TooLong));
                else
                    values[column] = text;
            }
            if (any) return new ImportRow(line, Columns, values, null, errors?.ToArray());
        }
        return null;
    }

    private string TooLong => $"is longer than {Options.MaxFieldLength} characters";

    /// <summary>A cell's value as text (trimmed; null when empty), or the reason it has none.</summary>
    private string? Text(XlsxCell cell, out string? problem)
    {
        problem = null;
        if (cell.TooLong)
        {
            problem = TooLong;
            return null;
        }
        var raw = cell.Value;
        if (raw is null) return null;
        string text;
        switch (cell.Type)
        {
            case "s":
                if (!int.TryParse(raw, out var index) || index < 0 || index >= _sharedStrings.Length)
                {
                    problem = "refers to a shared string the workbook does not have";
                    return null;
                }
                if (_sharedStrings[index] is not { } shared)
                {
                    problem = TooLong;
                    return null;
                }
                text = shared;
                break;
            case "inlineStr" or "str":
                text = raw;
                break;
            case "b":
                text = raw.Trim() == "1" ? "true" : "false";
                break;
            case "e":
                problem = $"holds the Excel error {ImportText.Cut(raw.Trim(), ImportText.QuotedLength)}";
                return null;
            case "d":
                text = XlsxValues.IsoDate(raw);
                break;
            default:
                if (raw.Trim().Length == 0) return null;
                text = _styles.IsDate(cell.Style) ? XlsxValues.Date(raw, _date1904) : XlsxValues.Number(raw);
                break;
        }
        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    private bool ReadSheetRow()
    {
        try
        {
            return _sheet.ReadRow(_cells);
        }
        catch (XlsxSheetException e)
        {
            throw Refuse(e.Message, e.Row, e);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            throw Refuse("its first sheet cannot be read (broken XML or a damaged zip entry)", _sheet.RowNumber + 1, e);
        }
    }

    /// <summary>
    /// The shared-string table, streamed. A string longer than a cell may be is kept as null (a cell that uses it is a
    /// row error); the table's kept characters and its entries are counted against the options' limits.
    /// </summary>
    private string?[] LoadSharedStrings(SharedStringTablePart? part)
    {
        if (part is null) return [];
        var strings = new List<string?>();
        long chars = 0;
        var text = new XlsxSheetReader.TextReading(MaxCellText);
        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), XlsxSheetReader.Settings);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si") continue;
            if (strings.Count == Options.MaxSharedStrings)
                throw Refuse(string.Create(CultureInfo.InvariantCulture, $"its shared strings are more than {Options.MaxSharedStrings:N0}"));
            var (value, _) = text.ReadRichText(xml);
            chars += value?.Length ?? 0;
            if (chars > Options.MaxSharedStringChars)
                throw Refuse(string.Create(CultureInfo.InvariantCulture, $"its shared strings hold more than {Options.MaxSharedStringChars:N0} characters"));
            strings.Add(value);
        }
        return [.. strings];
    }
}
