using System.Text;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using SkiaSharp;

namespace Kpi.Reporting.Mail;

/// <summary>A cell of a mail table: its text, and optionally a colour, a fill, bold, and a second, smaller line under it.</summary>
internal sealed record MailCell(string Text, SKColor? Color = null, SKColor? Fill = null, bool Bold = false, string? Note = null)
{
    public static implicit operator MailCell(string text) => new(text);
}

/// <summary>A column of a mail table: heading, width in pixels (null takes the rest) and alignment.</summary>
internal sealed record MailColumn(string Heading, int? Width = null, string Align = "left");

/// <summary>
/// The HTML of a mail body, written the way Outlook's Word engine and webmail clients both render it: one 640-pixel
/// table inside a full-width one, every style inline (no style sheet, no flexbox or grid), widths and colours as table
/// attributes too (<c>width</c>, <c>bgcolor</c>), no images, so the mail reads the same with images blocked. Every
/// string from data goes through <see cref="Escape"/>; the only markup is what this class writes.
/// </summary>
internal sealed class MailHtml
{
    public const int Width = 640;
    private const string Font = "font-family:'Microsoft YaHei','PingFang SC','Hiragino Sans GB','Helvetica Neue',Arial,sans-serif;";
    private static readonly string Page = Hex(new SKColor(0xF0, 0xF2, 0xF5));

    private readonly StringBuilder html = new();

    public MailHtml(string title, ReportLanguage language)
    {
        html.Append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n")
            .Append($"<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{(language == ReportLanguage.En ? "en" : "zh-CN")}\">\n")
            .Append("<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />\n")
            .Append($"<title>{Escape(title)}</title>\n</head>\n")
            .Append($"<body style=\"margin:0;padding:0;background-color:{Page};\">\n")
            .Append($"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"{Page}\" style=\"background-color:{Page};\">\n")
            .Append("<tr><td align=\"center\" style=\"padding:24px 8px;\">\n")
            .Append($"<table role=\"presentation\" width=\"{Width}\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\" ")
            .Append($"style=\"width:{Width}px;background-color:#ffffff;border:1px solid {Hex(Palette.Rule)};\">\n");
    }

    /// <summary>The navy band on top: company, report, period. It is text on a background colour, not an image.</summary>
    public MailHtml Banner(string company, string title, string subtitle)
    {
        var brand = Hex(Palette.Brand);
        html.Append($"<tr><td bgcolor=\"{brand}\" style=\"background-color:{brand};padding:20px 24px;{Font}color:#ffffff;\">")
            .Append($"<div style=\"{Font}font-size:13px;line-height:18px;color:#ffffff;\">{Escape(company)}</div>")
            .Append($"<div style=\"{Font}font-size:22px;line-height:30px;font-weight:bold;color:#ffffff;\">{Escape(title)}</div>")
            .Append($"<div style=\"{Font}font-size:14px;line-height:20px;color:#ffffff;\">{Escape(subtitle)}</div>")
            .Append("</td></tr>\n")
            .Append("<tr><td height=\"12\" style=\"height:12px;font-size:0;line-height:0;\">&#160;</td></tr>\n");
        return this;
    }

    /// <summary>A boxed notice with a coloured bar on the left: a heading and lines under it.</summary>
    public MailHtml Notice(string heading, IEnumerable<string> lines, SKColor accent, SKColor fill, SKColor headingColor)
    {
        var body = string.Concat(lines.Select(l => $"<div style=\"{Font}font-size:13px;line-height:20px;color:{Hex(Palette.Ink)};\">{Escape(l)}</div>"));
        Section($"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>" +
                $"<td width=\"4\" bgcolor=\"{Hex(accent)}\" style=\"width:4px;background-color:{Hex(accent)};\">&#160;</td>" +
                $"<td bgcolor=\"{Hex(fill)}\" style=\"background-color:{Hex(fill)};padding:10px 12px;\">" +
                $"<div style=\"{Font}font-size:14px;line-height:20px;font-weight:bold;color:{Hex(headingColor)};\">{Escape(heading)}</div>{body}" +
                "</td></tr></table>");
        return this;
    }

    /// <summary>The headline figures side by side, each a label over a large value.</summary>
    public MailHtml Figures(IReadOnlyList<(string Label, string Value, SKColor Color)> figures)
    {
        var width = 100 / figures.Count;
        var cells = string.Concat(figures.Select(f =>
            $"<td width=\"{width}%\" align=\"center\" bgcolor=\"{Hex(Palette.BrandLight)}\" style=\"width:{width}%;background-color:{Hex(Palette.BrandLight)};" +
            $"padding:10px 4px;border:2px solid #ffffff;\">" +
            $"<div style=\"{Font}font-size:12px;line-height:16px;color:{Hex(Palette.Muted)};\">{Escape(f.Label)}</div>" +
            $"<div style=\"{Font}font-size:24px;line-height:32px;font-weight:bold;color:{Hex(f.Color)};\">{Escape(f.Value)}</div></td>"));
        Section($"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>{cells}</tr></table>");
        return this;
    }

    public MailHtml Heading(string text)
    {
        html.Append($"<tr><td style=\"padding:12px 24px 6px 24px;{Font}font-size:16px;line-height:22px;font-weight:bold;color:{Hex(Palette.Brand)};\">")
            .Append(Escape(text)).Append("</td></tr>\n");
        return this;
    }

    public MailHtml Paragraph(string text, bool muted = false)
    {
        Section($"<div style=\"{Font}font-size:{(muted ? 12 : 14)}px;line-height:{(muted ? 18 : 21)}px;color:{Hex(muted ? Palette.Muted : Palette.Ink)};\">{Escape(text)}</div>");
        return this;
    }

    /// <summary>Label and value pairs, one a line, the labels muted in a column of their own.</summary>
    public MailHtml Facts(IEnumerable<(string Label, string Value)> facts)
    {
        var rows = string.Concat(facts.Select(f =>
            $"<tr><td width=\"120\" valign=\"top\" style=\"width:120px;padding:3px 12px 3px 0;{Font}font-size:13px;line-height:20px;color:{Hex(Palette.Muted)};\">{Escape(f.Label)}</td>" +
            $"<td valign=\"top\" style=\"padding:3px 0;{Font}font-size:14px;line-height:20px;color:{Hex(Palette.Ink)};\">{Escape(f.Value)}</td></tr>"));
        Section($"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">{rows}</table>");
        return this;
    }

    /// <summary>A data table with a shaded heading row and a rule under every row.</summary>
    public MailHtml Table(IReadOnlyList<MailColumn> columns, IEnumerable<IReadOnlyList<MailCell>> rows)
    {
        var rule = Hex(Palette.Rule);
        var head = Hex(Palette.BrandLight);
        var table = new StringBuilder();
        table.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\">");
        table.Append("<tr>");
        foreach (var c in columns)
        {
            table.Append($"<th{WidthAttribute(c)} align=\"{c.Align}\" bgcolor=\"{head}\" style=\"{WidthStyle(c)}background-color:{head};padding:6px 8px;")
                .Append($"border-bottom:1px solid {rule};{Font}font-size:12px;line-height:16px;font-weight:bold;color:{Hex(Palette.Brand)};text-align:{c.Align};\">")
                .Append(Escape(c.Heading)).Append("</th>");
        }
        table.Append("</tr>");
        foreach (var row in rows)
        {
            table.Append("<tr>");
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = row[i];
                var fill = cell.Fill is { } f ? $" bgcolor=\"{Hex(f)}\"" : "";
                var background = cell.Fill is { } b ? $"background-color:{Hex(b)};" : "";
                table.Append($"<td{WidthAttribute(columns[i])} align=\"{columns[i].Align}\" valign=\"top\"{fill} style=\"{WidthStyle(columns[i])}{background}padding:6px 8px;")
                    .Append($"border-bottom:1px solid {rule};{Font}font-size:13px;line-height:19px;color:{Hex(cell.Color ?? Palette.Ink)};")
                    .Append($"text-align:{columns[i].Align};{(cell.Bold ? "font-weight:bold;" : "")}\">")
                    .Append(Escape(cell.Text));
                if (cell.Note is { } note)
                    table.Append($"<div style=\"{Font}font-size:12px;line-height:17px;font-weight:normal;color:{Hex(Palette.Red)};\">{Escape(note)}</div>");
                table.Append("</td>");
            }
            table.Append("</tr>");
        }
        table.Append("</table>");
        Section(table.ToString());
        return this;
    }

    /// <summary>
    /// A link drawn as a button (a coloured table cell, which Outlook keeps; it drops a link's padding), and the address
    /// written out under it for clients that strip links.
    /// </summary>
    public MailHtml Button(string text, Uri url, string fallback)
    {
        var brand = Hex(Palette.Brand);
        var href = Escape(url.AbsoluteUri);
        Section($"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>" +
                $"<td bgcolor=\"{brand}\" style=\"background-color:{brand};padding:10px 20px;\">" +
                $"<a href=\"{href}\" target=\"_blank\" style=\"{Font}font-size:14px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;\">{Escape(text)}</a>" +
                "</td></tr></table>" +
                $"<div style=\"{Font}font-size:12px;line-height:18px;color:{Hex(Palette.Muted)};padding-top:8px;\">{Escape(fallback)} " +
                $"<a href=\"{href}\" style=\"color:{Hex(Palette.ChartLine)};\">{Escape(url.AbsoluteUri)}</a></div>");
        return this;
    }

    /// <summary>Every mail ends alike: the portal button, then who sent it, when it was generated, and that it is confidential.</summary>
    public MailHtml Closing(Labels labels, Uri portal, DateTimeOffset generatedAt) =>
        Button(labels.OpenInPortal, portal, labels.PortalLinkFallback)
            .Footer([labels.Confidential, $"{labels.GeneratedAt}: {labels.Timestamp(generatedAt)}", labels.SentAutomatically]);

    /// <summary>Small grey lines at the bottom, under a rule.</summary>
    public MailHtml Footer(IEnumerable<string> lines)
    {
        var text = string.Join("<br />", lines.Select(Escape));
        html.Append($"<tr><td style=\"padding:12px 24px 20px 24px;border-top:1px solid {Hex(Palette.Rule)};{Font}font-size:11px;line-height:17px;")
            .Append($"color:{Hex(Palette.Muted)};\">{text}</td></tr>\n");
        return this;
    }

    public override string ToString() => html + "</table>\n</td></tr>\n</table>\n</body>\n</html>\n";

    /// <summary>
    /// Text as HTML text or attribute value: the five characters that mean something in markup become entities, so a
    /// department named <c>&lt;script&gt;</c> is shown, never run, and a quote cannot end an attribute.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => char.IsControl(c) ? " " : c.ToString(),
            });
        }
        return escaped.ToString();
    }

    public static string Hex(SKColor color) => $"#{color.Red:x2}{color.Green:x2}{color.Blue:x2}";

    private void Section(string content) =>
        html.Append("<tr><td style=\"padding:8px 24px 8px 24px;\">").Append(content).Append("</td></tr>\n");

    private static string WidthAttribute(MailColumn column) => column.Width is { } w ? $" width=\"{w}\"" : "";

    private static string WidthStyle(MailColumn column) => column.Width is { } w ? $"width:{w}px;" : "";
}
