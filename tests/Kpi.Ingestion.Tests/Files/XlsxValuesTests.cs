using Kpi.Ingestion.Files;

namespace Kpi.Ingestion.Tests.Files;

public sealed class XlsxValuesTests
{
    [Theory]
    [InlineData("0.1", "0.1")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("100", "100")]
    [InlineData("-5.25", "-5.25")]
    [InlineData("1E-3", "0.001")]
    [InlineData("1.2345678901234568E+16", "12345678901234600")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("0.000123456789012345678", "0.000123456789012346")]
    [InlineData("-0", "0")]
    [InlineData("0", "0")]
    [InlineData("0.0", "0")]
    [InlineData("1.50", "1.5")]
    [InlineData("007", "7")]
    [InlineData("-0.5", "-0.5")]
    [InlineData(".5", "0.5")]
    [InlineData("12345678901234567", "12345678901234600")]
    [InlineData("-12.345", "-12.345")]
    [InlineData("1E+300", "1E+300")]
    public void Numbers_AreInvariantText_WithExcelsFifteenDigits(string stored, string expected)
    {
        Assert.Equal(expected, XlsxValues.Number(stored));
    }

    [Theory]
    [InlineData("46296", false, "2026-10-01")]
    [InlineData("46296.291666666664", false, "2026-10-01T07:00:00")]
    [InlineData("46296.999999999", false, "2026-10-02")]
    [InlineData("44834", true, "2026-10-01")]
    [InlineData("1", false, "1900-01-01")]
    [InlineData("59", false, "1900-02-28")]
    [InlineData("61", false, "1900-03-01")]
    [InlineData("-1", false, "-1")]
    public void DateSerials_AreIsoDates_WithATimeOnlyWhenThereIsOne(string stored, bool date1904, string expected)
    {
        Assert.Equal(expected, XlsxValues.Date(stored, date1904));
    }

    [Theory]
    [InlineData("2026-10-01T00:00:00", "2026-10-01")]
    [InlineData("2026-10-01T08:30:00", "2026-10-01T08:30:00")]
    [InlineData("not a date", "not a date")]
    public void IsoDateCells_FollowTheSameRule(string stored, string expected)
    {
        Assert.Equal(expected, XlsxValues.IsoDate(stored));
    }
}
