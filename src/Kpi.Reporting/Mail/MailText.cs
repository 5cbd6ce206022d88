using System.Text;
using Kpi.Reporting.Localization;

namespace Kpi.Reporting.Mail;

/// <summary>
/// The plain-text part of a mail: the same content as the HTML, as headings underlined to their width (a Chinese
/// character is two columns wide in a monospaced font), lists and "label: value" lines. Text from data is put on one
/// line, so a name with a line break cannot forge a heading or a line of its own.
/// </summary>
internal sealed class MailText
{
    private readonly StringBuilder text = new();

    public MailText Title(string line, string subtitle)
    {
        text.AppendLine(OneLine(line)).AppendLine(OneLine(subtitle)).AppendLine(new string('=', Math.Max(Width(line), Width(subtitle))));
        return this;
    }

    public MailText Heading(string heading)
    {
        text.AppendLine().AppendLine(OneLine(heading)).AppendLine(new string('-', Width(heading)));
        return this;
    }

    public MailText Line(string line = "")
    {
        text.AppendLine(OneLine(line));
        return this;
    }

    /// <summary>A line indented under the one before it (a veto reason under its department).</summary>
    public MailText Indented(string line)
    {
        text.Append("   ").AppendLine(OneLine(line));
        return this;
    }

    /// <summary>The same ending as the HTML: the portal address, then who sent it, when it was generated, and that it is confidential.</summary>
    public MailText Closing(Labels labels, Uri portal, DateTimeOffset generatedAt)
    {
        Line().Line($"{labels.OpenInPortal}: {portal.AbsoluteUri}").Line();
        text.AppendLine(new string('-', 24));
        return Line(labels.Confidential).Line($"{labels.GeneratedAt}: {labels.Timestamp(generatedAt)}").Line(labels.SentAutomatically);
    }

    public override string ToString() => text.ToString();

    /// <summary>Control characters (line breaks, tabs) become spaces; trailing blanks go.</summary>
    public static string OneLine(string? value) =>
        string.IsNullOrEmpty(value) ? "" : new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).TrimEnd();

    /// <summary>Columns a line takes in a monospaced font: East Asian wide and full-width characters take two.</summary>
    public static int Width(string value) => OneLine(value).Sum(c => IsWide(c) ? 2 : 1);

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';
}
