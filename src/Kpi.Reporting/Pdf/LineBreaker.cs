using System.Text;
using SkiaSharp;

namespace Kpi.Reporting.Pdf;

/// <summary>
/// Greedy line breaking for mixed Chinese and Latin text. Chinese may break between any two characters, Latin
/// only at spaces; closing punctuation (，。）》 …) never starts a line and opening punctuation (（《“ …) never ends
/// one (the 禁则 of Chinese typesetting). A word wider than the line is broken between characters.
/// </summary>
internal static class LineBreaker
{
    private const string NoLineStart = "，。、；：？！）》」』】〕〉’”…%％‰·,.;:?!)]}";
    private const string NoLineEnd = "（《「『【〔〈‘“([{";

    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            WrapParagraph(paragraph, font, width, lines);
        }
        return lines;
    }

    private static void WrapParagraph(string paragraph, SKFont font, float width, List<string> lines)
    {
        var line = new StringBuilder();
        var lineWidth = 0f;

        void Flush()
        {
            lines.Add(line.ToString().TrimEnd());
            line.Clear();
            lineWidth = 0f;
        }

        foreach (var unit in Segment(paragraph))
        {
            var isSpace = char.IsWhiteSpace(unit[0]);
            if (isSpace && line.Length == 0) continue;
            var w = font.MeasureText(unit);
            if (lineWidth + w <= width || isSpace)
            {
                line.Append(unit);
                lineWidth += w;
                continue;
            }

            if (line.ToString().Trim().Length > 0) Flush();
            else { line.Clear(); lineWidth = 0f; }

            var rest = unit;
            while (font.MeasureText(rest) > width)
            {
                var fit = Math.Max(1, (int)font.BreakText(rest, width));
                if (fit < rest.Length && char.IsHighSurrogate(rest[fit - 1])) fit = fit > 1 ? fit - 1 : fit + 1;
                lines.Add(rest[..fit]);
                rest = rest[fit..];
            }
            line.Append(rest);
            lineWidth = font.MeasureText(rest);
        }

        if (line.Length > 0 || lines.Count == 0 || paragraph.Length == 0) Flush();
    }

    /// <summary>Splits a paragraph into units that must not be broken: a Latin word, one CJK character, a run of spaces.</summary>
    internal static List<string> Segment(string paragraph)
    {
        var units = new List<string>();
        var word = new StringBuilder();

        void EndWord()
        {
            if (word.Length == 0) return;
            units.Add(word.ToString());
            word.Clear();
        }

        foreach (var rune in paragraph.EnumerateRunes())
        {
            var s = rune.ToString();
            if (Rune.IsWhiteSpace(rune))
            {
                EndWord();
                if (units.Count > 0 && char.IsWhiteSpace(units[^1][0])) units[^1] += s;
                else units.Add(s);
            }
            else if (IsCjk(rune.Value))
            {
                EndWord();
                units.Add(s);
            }
            else
            {
                word.Append(s);
            }
        }
        EndWord();

        // Glue punctuation to its neighbour so it never lands at the wrong end of a line.
        var glued = new List<string>(units.Count);
        foreach (var unit in units)
        {
            var previous = glued.Count > 0 ? glued[^1] : null;
            var startsClosing = NoLineStart.Contains(unit[0]);
            var previousOpens = previous is not null && NoLineEnd.Contains(previous[^1]);
            if (previous is not null && !char.IsWhiteSpace(previous[0]) && !char.IsWhiteSpace(unit[0]) && (startsClosing || previousOpens))
                glued[^1] = previous + unit;
            else
                glued.Add(unit);
        }
        return glued;
    }

    /// <summary>Ideographs, CJK punctuation, kana, Hangul and full-width forms: characters a line may break around.</summary>
    internal static bool IsCjk(int c) =>
        c is >= 0x2E80 and <= 0x9FFF
            or >= 0xAC00 and <= 0xD7AF
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFFEF
            or >= 0x20000 and <= 0x3FFFF;
}
