using Kpi.Ingestion.Sources;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>Watermarks compare by what they mean, and SQL values come back as the type they went out as.</summary>
public sealed class WatermarkTests
{
    [Theory]
    [InlineData("2026-11-02T08:00:00Z", "2026-11-02T15:59:00+08:00", 1)] // 08:00Z is after 07:59Z
    [InlineData("2026-11-02T08:00:00Z", "2026-11-02T16:00:00+08:00", 0)]
    [InlineData("9", "10", -1)]                                           // numbers by value, not text
    [InlineData("b", "a", 1)]
    public void Compare_ByMeaning(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(Watermark.Compare(Watermark.Infer(a), Watermark.Infer(b))));

    [Fact]
    public void SqlValues_KeepTheirType_ForTheNextSince()
    {
        var utc = Watermark.FromValue(new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc))!;
        var local = Watermark.FromValue(new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Unspecified))!;
        var number = Watermark.FromValue(123456789012L)!;

        Assert.Equal((Watermark.Instant, DateTimeKind.Utc), (utc.Type, ((DateTime)utc.ToParameter()).Kind));
        Assert.Equal((Watermark.Timestamp, DateTimeKind.Unspecified), (local.Type, ((DateTime)local.ToParameter()).Kind));
        Assert.Equal(123456789012m, number.ToParameter());
        Assert.Null(Watermark.FromValue(DBNull.Value));
    }
}
