using ClosedXML.Excel;

namespace Kpi.Reporting.Xlsx;

/// <summary>
/// The only ways our sheets put values in cells. Text is always stored as a string — department names, reasons and
/// file names come from source data, and a value such as <c>=HYPERLINK(…)</c>, <c>+86…</c>, <c>-score</c> or
/// <c>@SUM(…)</c> must never become a formula (CSV/formula injection). Numbers are stored as numbers with a display
/// format, never as formatted text: 98.5% is the number 0.985 shown as a percent.
/// </summary>
public static class XlsxCells
{
    /// <summary>Characters that make Excel read a typed-in value as a formula.</summary>
    public static bool LooksLikeFormula(string? text) => text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@';

    public static IXLCell Text(this IXLCell cell, string? text)
    {
        // SetValue<string> stores a string as given (no number/date guessing, no formula), unlike the Value setter.
        cell.SetValue(text ?? "");
        cell.DataType = XLDataType.Text;
        // The quote prefix is what Excel itself sets for '=…: editing the cell later keeps it text.
        if (LooksLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
        return cell;
    }

    public static IXLCell Number(this IXLCell cell, decimal? value, string format)
    {
        if (value is { } v) cell.SetValue(v);
        cell.Style.NumberFormat.Format = format;
        return cell;
    }

    public static IXLCell Number(this IXLCell cell, long value, string format = "#,##0")
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
        return cell;
    }

    /// <summary>A formula we write ourselves (never text from data), with the format its result is shown in.</summary>
    public static IXLCell Formula(this IXLCell cell, string formulaA1, string format)
    {
        cell.FormulaA1 = formulaA1;
        cell.Style.NumberFormat.Format = format;
        return cell;
    }
}
