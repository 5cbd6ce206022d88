using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Periods;

public class CompanyTimeZoneTests
{
    private static readonly CompanyTimeZone Shanghai = CompanyTimeZone.Default;

    /// <summary>A fixed UTC−05:00 zone built here, so the test does not depend on the machine's time-zone data.</summary>
    private static readonly CompanyTimeZone MinusFive =
        new(TimeZoneInfo.CreateCustomTimeZone("Test/Minus5", TimeSpan.FromHours(-5), "Test/Minus5", "Test/Minus5"));

    [Theory]
    [InlineData("2026-10-31T17:30:00Z", "2026-11")] // docs/metrics.md's example: already November 1 in Shanghai
    [InlineData("2026-10-31T15:59:59Z", "2026-10")] // 23:59:59 local
    [InlineData("2026-10-31T15:59:59.9999999Z", "2026-10")]
    [InlineData("2026-10-31T16:00:00Z", "2026-11")] // 00:00:00 local, the first instant of November
    [InlineData("2026-09-30T16:00:00Z", "2026-10")]
    [InlineData("2026-09-30T15:59:59Z", "2026-09")]
    [InlineData("2026-12-31T16:00:00Z", "2027-01")] // across the year boundary
    [InlineData("2026-10-31T23:59:59+08:00", "2026-10")]
    [InlineData("2026-11-01T00:00:00+08:00", "2026-11")]
    public void MonthOf_InstantNearTheMonthBoundary_IsPlacedByShanghaiLocalDate(string instant, string month) =>
        Assert.Equal(P(month), Shanghai.MonthOf(Utc(instant)));

    [Fact]
    public void Bounds_OfOctoberInShanghai_RunFromLocalMidnightToTheFirstInstantOfNovember()
    {
        var (start, end) = Shanghai.Bounds(P("2026-10"));

        Assert.Equal(Utc("2026-09-30T16:00:00Z"), start);
        Assert.Equal(Utc("2026-10-31T16:00:00Z"), end);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Theory]
    [InlineData("2026-09-30T16:00:00Z", true)]
    [InlineData("2026-10-31T15:59:59.9999999Z", true)]
    [InlineData("2026-10-31T16:00:00Z", false)] // the end is exclusive
    [InlineData("2026-09-30T15:59:59.9999999Z", false)]
    public void Contains_IsHalfOpen(string instant, bool expected) =>
        Assert.Equal(expected, Shanghai.Contains(P("2026-10"), Utc(instant)));

    [Theory]
    [InlineData("2026-Q4", "2026-09-30T16:00:00Z", "2026-12-31T16:00:00Z")]
    [InlineData("2026", "2025-12-31T16:00:00Z", "2026-12-31T16:00:00Z")]
    [InlineData("2026-10-YTD", "2025-12-31T16:00:00Z", "2026-10-31T16:00:00Z")]
    public void Bounds_OfLongerPeriods_AreLocalMidnights(string period, string start, string end) =>
        Assert.Equal((Utc(start), Utc(end)), Shanghai.Bounds(P(period)));

    [Fact]
    public void Ticket_OpenedAt1730ZOnOctober31_CountsInNovemberNotOctober()
    {
        var ticket = Inquiry("2026-10-31T17:30:00Z", callback: "2026-11-01T01:00:00Z");

        Assert.Null(Metric(MetricCatalogue.Callback48h, "2026-10", [ticket]).Value);
        Assert.Equal(1m, Metric(MetricCatalogue.Callback48h, "2026-11", [ticket]).Value);
    }

    [Theory]
    [InlineData("2026-10-31T23:59:59", "2026-10-31T15:59:59Z", "2026-10")]
    [InlineData("2026-11-01T00:00:00", "2026-10-31T16:00:00Z", "2026-11")]
    [InlineData("2026-11-01 00:30:00", "2026-10-31T16:30:00Z", "2026-11")] // a space for the T, as spreadsheets write it
    [InlineData("2026-11-01T00:30", "2026-10-31T16:30:00Z", "2026-11")]
    [InlineData("2026-10-31T17:30:00Z", "2026-10-31T17:30:00Z", "2026-11")]
    [InlineData("2026-10-31T23:59:59+08:00", "2026-10-31T15:59:59Z", "2026-10")]
    [InlineData("2026-10-31T12:00:00-05:00", "2026-10-31T17:00:00Z", "2026-11")]
    public void ParsedTimestamp_WithoutOffset_IsCompanyLocalTime(string written, string utc, string month)
    {
        var row = Kpi.Domain.Tests.Records.RecordParserTests.Row(("record_id", "S1"), ("department", "D"), ("occurred_at", written), ("severity", "minor"));

        var parsed = RecordParser.Parse(RecordKind.Safety, row, Shanghai);

        var record = Assert.IsType<SafetyRecord>(parsed.Record);
        Assert.Equal(Utc(utc), record.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, record.OccurredAt.Kind);
        Assert.Equal(P(month), Shanghai.MonthOf(record.OccurredAt));
    }

    [Fact]
    public void OtherZone_SameInstant_FallsInADifferentMonth()
    {
        var instant = Utc("2026-11-01T03:00:00Z"); // 11:00 on November 1 in Shanghai, 22:00 on October 31 at UTC−5

        Assert.Equal(P("2026-11"), Shanghai.MonthOf(instant));
        Assert.Equal(P("2026-10"), MinusFive.MonthOf(instant));
        Assert.Equal((Utc("2026-10-01T05:00:00Z"), Utc("2026-11-01T05:00:00Z")), MinusFive.Bounds(P("2026-10")));
    }

    [Fact]
    public void OtherZone_MetricsPlaceInstantsByThatZone()
    {
        SourceRecord[] records = [Safety("2026-11-01T03:00:00Z", Severity.Minor)];

        Assert.Equal(0m, Metric(MetricCatalogue.SafetyIncidents, "2026-10", records, zone: Shanghai).Value);
        Assert.Equal(1m, Metric(MetricCatalogue.SafetyIncidents, "2026-10", records, zone: MinusFive).Value);
    }

    [Fact]
    public void OtherZone_TimestampWithoutOffset_IsThatZonesLocalTime()
    {
        var row = Kpi.Domain.Tests.Records.RecordParserTests.Row(("record_id", "S1"), ("department", "D"), ("occurred_at", "2026-10-31T22:00:00"), ("severity", "minor"));

        var record = Assert.IsType<SafetyRecord>(RecordParser.Parse(RecordKind.Safety, row, MinusFive).Record);

        Assert.Equal(Utc("2026-11-01T03:00:00Z"), record.OccurredAt);
    }

    [Fact]
    public void FromId_DefaultId_IsUtcPlusEightWithoutDaylightSaving()
    {
        var zone = CompanyTimeZone.FromId(CompanyTimeZone.DefaultId);

        Assert.Equal(Day("2026-07-01"), zone.LocalDate(Utc("2026-06-30T16:00:00Z")));
        Assert.Equal(Day("2026-01-01"), zone.LocalDate(Utc("2025-12-31T16:00:00Z")));
    }

    [Fact]
    public void FromId_UnknownZone_ThrowsDomainExceptionNamingTheField()
    {
        var e = Assert.Throws<DomainException>(() => CompanyTimeZone.FromId("Mars/Olympus_Mons"));

        Assert.Equal("time_zone", e.Field);
        Assert.Contains("Mars/Olympus_Mons", e.Message);
    }

    [Fact]
    public void Instants_ThatAreNotUtc_AreRefused()
    {
        var local = new DateTime(2026, 10, 31, 12, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2026, 10, 31, 12, 0, 0, DateTimeKind.Unspecified);

        Assert.Throws<ArgumentException>(() => Shanghai.MonthOf(local));
        Assert.Throws<ArgumentException>(() => Shanghai.Contains(P("2026-10"), unspecified));
    }

    [Fact]
    public void StartOfDay_WhenDaylightSavingSkipsMidnight_IsTheFirstInstantThatExists()
    {
        // UTC−3, with clocks going from 00:00 to 01:00 on March 8: that day has no midnight.
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2000, 1, 1), new DateTime(2099, 12, 31), TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 8),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 11, 1));
        var zone = new CompanyTimeZone(TimeZoneInfo.CreateCustomTimeZone("Test/MidnightDst", TimeSpan.FromHours(-3), "Test", "Test", "Test DST", [rule]));

        // 01:00 daylight time (UTC−2) on March 8.
        Assert.Equal(Utc("2026-03-08T03:00:00Z"), zone.StartOfDay(Day("2026-03-08")));
        Assert.Equal(Day("2026-03-08"), zone.LocalDate(zone.StartOfDay(Day("2026-03-08"))));
        Assert.Equal(Day("2026-03-07"), zone.LocalDate(zone.StartOfDay(Day("2026-03-08")).AddTicks(-1)));
    }
}
