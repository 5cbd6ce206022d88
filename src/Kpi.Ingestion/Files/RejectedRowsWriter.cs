using Kpi.Domain;
using System.Globalization;
using System.Text;
using Kpi.Domain.Records;

namespace Kpi.Ingestion.Files;

/// <summary>
/// Writes the <c>*.rejected.csv</c> that the file inbox leaves beside an import: one line per problem, with the
/// row's line, the column, the reason and the row as the file had it, so a person can fix the source and send again.
/// </summary>
/// <remarks>
/// UTF-8 with a BOM, because without one Excel in China reads UTF-8 as GBK and garbles every Chinese name.
/// The rows come from untrusted files, so any cell that Excel would take for a formula (starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) is written with a leading <c>'</c>: opening the report never runs it.
/// </remarks>
public sealed class RejectedRowsWriter : IDisposable
{
    public const string Suffix = ".rejected.csv";

    public static IReadOnlyList<string> Header { get; } = ["line", "column", "reason", "original"];

    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new();

    /// <param name="output">Where to write; closed with this writer unless <paramref name="leaveOpen"/>.</param>
    public RejectedRowsWriter(Stream output, bool leaveOpen = false)
    {
        output.Write("\uFEFF"u8);
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen);
        WriteLine(null, Header);
    }

    /// <summary>How many problems have been written.</summary>
    public int Count { get; private set; }

    /// <summary>The rejected-rows file name for an import file: <c>production.csv</c> gives <c>production.rejected.csv</c>.</summary>
    public static string FileNameFor(string importFileName) => Path.GetFileNameWithoutExtension(importFileName) + Suffix;

    /// <summary>A problem the reader found in the row itself.</summary>
    public void Write(ImportRow row, RowError error) => Write(error.Line, error.Column, error.Reason, row.OriginalText);

    /// <summary>A value the record parser refused.</summary>
    public void Write(ImportRow row, FieldError error) => Write(row.Line, error.Field, error.Reason, row.OriginalText);

    public void Write(int line, string? column, string reason, string originalText)
    {
        WriteLine(line, [column, reason, originalText]);
        Count++;
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    private void WriteLine(int? line, IReadOnlyList<string?> cells)
    {
        var sb = _line.Clear();
        if (line is { } l) sb.Append(l.ToString(CultureInfo.InvariantCulture)).Append(',');
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            CsvText.AppendField(sb, DefuseFormula(cells[i]));
        }
        sb.Append("\r\n");
        _writer.Write(sb);
    }

    /// <summary>Prefixes a cell that a spreadsheet would evaluate as a formula with <c>'</c>, which shows it as text.</summary>
    public static string? DefuseFormula(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
}
