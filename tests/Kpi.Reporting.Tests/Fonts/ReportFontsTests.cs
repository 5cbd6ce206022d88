using Kpi.Reporting.Fonts;

namespace Kpi.Reporting.Tests.Fonts;

public class ReportFontsTests
{
    [Fact]
    public void Fonts_load_from_the_assembly_with_the_renamed_family()
    {
        Assert.Equal(ReportFonts.FamilyName, ReportFonts.Regular.FamilyName);
        Assert.Equal(ReportFonts.FamilyName, ReportFonts.Bold.FamilyName);
        Assert.True(ReportFonts.Bold.FontStyle.Weight > ReportFonts.Regular.FontStyle.Weight);
    }

    [Theory]
    [InlineData("生产部质量部客户服务中心")]
    [InlineData("Plan completion 98.5% — ≤ × − ①")]
    [InlineData("，。、《》【】（）：；")]
    [InlineData("０１２ＡＢＣ")]
    public void Business_text_has_glyphs(string text)
    {
        var glyphs = ReportFonts.Regular.GetGlyphs(text);
        Assert.DoesNotContain((ushort)0, glyphs);
    }

    [Theory]
    [InlineData(0x2F63)] // ⽣ KANGXI RADICAL LIFE, drawn like 生
    [InlineData(0x2EC5)] // ⻅ CJK RADICAL C-SIMPLIFIED SEE, drawn like 见
    [InlineData(0xF900)] // 豈 CJK COMPATIBILITY IDEOGRAPH
    public void Look_alike_code_points_are_left_out_so_copied_text_is_the_common_character(int codePoint)
    {
        Assert.Equal(0, ReportFonts.Regular.GetGlyph(codePoint));
    }
}
