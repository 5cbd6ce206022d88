using Kpi.Reporting.Fonts;
using Kpi.Reporting.Pdf;
using SkiaSharp;

namespace Kpi.Reporting.Tests.Pdf;

public class LineBreakerTests
{
    private static readonly SKFont Font = new(ReportFonts.Regular, 10) { LinearMetrics = true, Subpixel = true };

    [Fact]
    public void Chinese_breaks_between_characters()
    {
        var lines = LineBreaker.Wrap("生产计划完成率与交期达成率", Font, 45f);
        Assert.True(lines.Count > 1);
        Assert.Equal("生产计划完成率与交期达成率", string.Concat(lines));
        Assert.All(lines, l => Assert.True(Font.MeasureText(l) <= 45f + 0.01f));
    }

    [Fact]
    public void Latin_breaks_only_between_words()
    {
        var lines = LineBreaker.Wrap("Late inspection records arrived", Font, 80f);
        Assert.Equal(["Late inspection", "records arrived"], lines);
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line()
    {
        // Width for exactly four characters: the comma would start line two; it is pulled back with its character.
        var width = Font.MeasureText("质量合格") + 0.1f;
        var lines = LineBreaker.Wrap("质量合格，交期达成", Font, width);
        Assert.All(lines.Skip(1), l => Assert.False(l.StartsWith('，')));
        Assert.Equal("质量合格，交期达成", string.Concat(lines));
    }

    [Fact]
    public void Mixed_text_breaks_before_a_Latin_word_and_keeps_it_whole()
    {
        var lines = LineBreaker.Wrap("计分规则linear", Font, Font.MeasureText("计分规则li"));
        Assert.Equal(["计分规则", "linear"], lines);
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_between_characters()
    {
        var lines = LineBreaker.Wrap("inbox/production-2026-10-very-long-name.csv", Font, 60f);
        Assert.True(lines.Count > 1);
        Assert.Equal("inbox/production-2026-10-very-long-name.csv", string.Concat(lines));
    }

    [Fact]
    public void Explicit_newlines_start_new_lines()
    {
        Assert.Equal(["10月", "2025"], LineBreaker.Wrap("10月\n2025", Font, 500f));
    }
}
