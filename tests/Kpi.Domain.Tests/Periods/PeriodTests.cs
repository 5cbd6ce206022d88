using Kpi.Domain.Periods;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Periods;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-10", PeriodKind.Month, 2026, 10)]
    [InlineData("2026-Q4", PeriodKind.Quarter, 2026, 4)]
    [InlineData("2026", PeriodKind.Year, 2026, 0)]
    [InlineData("2026-10-YTD", PeriodKind.YearToDate, 2026, 10)]
    [InlineData("2026-01", PeriodKind.Month, 2026, 1)]
    [InlineData("2026-Q1", PeriodKind.Quarter, 2026, 1)]
    [InlineData("2026-12-YTD", PeriodKind.YearToDate, 2026, 12)]
    [InlineData("2026-q4", PeriodKind.Quarter, 2026, 4)]
    [InlineData("2026-10-ytd", PeriodKind.YearToDate, 2026, 10)]
    [InlineData("2026-11-QTD", PeriodKind.QuarterToDate, 2026, 11)]
    [InlineData("2026-01-qtd", PeriodKind.QuarterToDate, 2026, 1)]
    [InlineData("  2026-10 ", PeriodKind.Month, 2026, 10)]
    public void Parse_ValidText_GivesKindYearAndNumber(string text, PeriodKind kind, int year, int number)
    {
        var p = Period.Parse(text);

        Assert.Equal(kind, p.Kind);
        Assert.Equal(year, p.Year);
        Assert.Equal(number, p.Number);
    }

    [Theory]
    [InlineData("2026-10")]
    [InlineData("2026-Q4")]
    [InlineData("2026")]
    [InlineData("2026-10-YTD")]
    [InlineData("2026-11-QTD")]
    [InlineData("1900-01")]
    [InlineData("9998-Q4")]
    public void Format_CanonicalText_RoundTrips(string text)
    {
        var p = Period.Parse(text);

        Assert.Equal(text, p.ToString());
        Assert.Equal(p, Period.Parse(p.ToString()));
    }

    [Theory]
    [InlineData("2026-q4", "2026-Q4")]
    [InlineData("2026-10-ytd", "2026-10-YTD")]
    [InlineData("2026-10-qtd", "2026-10-QTD")]
    public void Format_LowerCaseInput_IsWrittenInCanonicalCase(string text, string canonical) =>
        Assert.Equal(canonical, Period.Parse(text).ToString());

    [Fact]
    public void Format_Factories_WriteZeroPaddedText()
    {
        Assert.Equal("2026-03", Period.Month(2026, 3).ToString());
        Assert.Equal("2026-03-YTD", Period.YearToDate(2026, 3).ToString());
        Assert.Equal("2026-Q2", Period.Quarter(2026, 2).ToString());
        Assert.Equal("2026", Period.OfYear(2026).ToString());
    }

    [Theory]
    [InlineData("2026-13", "month must be 01–12")]
    [InlineData("2026-00", "month must be 01–12")]
    [InlineData("2026-Q5", "quarter must be Q1–Q4")]
    [InlineData("2026-Q0", "quarter must be Q1–Q4")]
    [InlineData("2026-13-YTD", "month must be 01–12")]
    [InlineData("2026-00-QTD", "month must be 01–12")]
    [InlineData("2026-Q4-QTD", "is not a period")]
    [InlineData("2026-10-YTD-QTD", "is not a period")]
    [InlineData("26-10", "is not a period")]
    [InlineData("", "is not a period")]
    [InlineData("   ", "is not a period")]
    [InlineData("garbage", "is not a period")]
    [InlineData("2026-1", "is not a period")]
    [InlineData("2026/10", "is not a period")]
    [InlineData("2026-10-31", "is not a period")]
    [InlineData("2026-Q4-YTD", "is not a period")]
    [InlineData("2026-Q04", "is not a period")]
    [InlineData("2026-YTD", "is not a period")]
    [InlineData("202610", "is not a period")]
    [InlineData("0999", "outside 1900–9998")]
    [InlineData("9999-01", "outside 1900–9998")]
    // Full-width digits, as a Chinese IME types them: refused with the same clear error, not a crash.
    [InlineData("２０２６-10", "is not a period")]
    [InlineData("2026-１０", "is not a period")]
    [InlineData("2026-Q４", "is not a period")]
    public void Parse_InvalidText_ThrowsDomainExceptionSayingWhy(string text, string why)
    {
        var e = Assert.Throws<DomainException>(() => Period.Parse(text));

        Assert.Equal("period", e.Field);
        Assert.Contains($"'{text}'", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("26-10")]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("２０２６")]
    [InlineData(null)]
    public void TryParse_InvalidText_ReturnsFalseWithAnError(string? text)
    {
        Assert.False(Period.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("2026-10", "2026-10-01", "2026-10-31", "2026-11-01")]
    [InlineData("2026-12", "2026-12-01", "2026-12-31", "2027-01-01")]
    [InlineData("2026-04", "2026-04-01", "2026-04-30", "2026-05-01")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29", "2024-03-01")] // leap year
    [InlineData("2026-02", "2026-02-01", "2026-02-28", "2026-03-01")]
    [InlineData("2000-02", "2000-02-01", "2000-02-29", "2000-03-01")] // divisible by 400: leap
    [InlineData("2100-02", "2100-02-01", "2100-02-28", "2100-03-01")] // divisible by 100 only: not leap
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31", "2026-04-01")]
    [InlineData("2026-Q2", "2026-04-01", "2026-06-30", "2026-07-01")]
    [InlineData("2026-Q3", "2026-07-01", "2026-09-30", "2026-10-01")]
    [InlineData("2026-Q4", "2026-10-01", "2026-12-31", "2027-01-01")]
    [InlineData("2024-Q1", "2024-01-01", "2024-03-31", "2024-04-01")]
    [InlineData("2026", "2026-01-01", "2026-12-31", "2027-01-01")]
    [InlineData("2026-10-YTD", "2026-01-01", "2026-10-31", "2026-11-01")]
    [InlineData("2026-01-YTD", "2026-01-01", "2026-01-31", "2026-02-01")]
    [InlineData("2024-02-YTD", "2024-01-01", "2024-02-29", "2024-03-01")]
    [InlineData("2026-12-YTD", "2026-01-01", "2026-12-31", "2027-01-01")]
    [InlineData("2026-10-QTD", "2026-10-01", "2026-10-31", "2026-11-01")] // a quarter's first month: the month itself
    [InlineData("2026-11-QTD", "2026-10-01", "2026-11-30", "2026-12-01")]
    [InlineData("2026-12-QTD", "2026-10-01", "2026-12-31", "2027-01-01")] // a quarter's last month: the whole quarter
    [InlineData("2024-02-QTD", "2024-01-01", "2024-02-29", "2024-03-01")]
    public void Bounds_OfEachKind_AreItsFirstAndLastDayAndTheDayAfter(string period, string first, string last, string dayAfter)
    {
        var p = P(period);

        Assert.Equal(Day(first), p.FirstDay);
        Assert.Equal(Day(last), p.LastDay);
        Assert.Equal(Day(dayAfter), p.DayAfter);
    }

    [Theory]
    [InlineData("2026-10", "2026-10-01", true)]
    [InlineData("2026-10", "2026-10-31", true)]
    [InlineData("2026-10", "2026-09-30", false)]
    [InlineData("2026-10", "2026-11-01", false)]
    [InlineData("2024-02", "2024-02-29", true)]
    [InlineData("2026-Q4", "2026-12-31", true)]
    [InlineData("2026-Q4", "2026-09-30", false)]
    [InlineData("2026-10-YTD", "2026-01-01", true)]
    [InlineData("2026-10-YTD", "2026-11-01", false)]
    [InlineData("2026-10-YTD", "2025-12-31", false)]
    public void Contains_BothEndDaysArePartOfThePeriod(string period, string day, bool expected) =>
        Assert.Equal(expected, P(period).Contains(Day(day)));

    [Theory]
    [InlineData("2026-10", "2026-10")]
    [InlineData("2026-Q4", "2026-10,2026-11,2026-12")]
    [InlineData("2026-Q1", "2026-01,2026-02,2026-03")]
    [InlineData("2026-03-YTD", "2026-01,2026-02,2026-03")]
    [InlineData("2026-08-QTD", "2026-07,2026-08")]
    [InlineData("2026", "2026-01,2026-02,2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,2026-11,2026-12")]
    public void Months_ListTheCoveredMonthsInOrder(string period, string months) =>
        Assert.Equal(months, string.Join(",", P(period).Months));

    [Theory]
    [InlineData("2026-10", "2026-09", "2026-11")]
    [InlineData("2026-01", "2025-12", "2026-02")]
    [InlineData("2025-12", "2025-11", "2026-01")]
    [InlineData("2026-Q1", "2025-Q4", "2026-Q2")]
    [InlineData("2026-Q4", "2026-Q3", "2027-Q1")]
    [InlineData("2026", "2025", "2027")]
    [InlineData("2026-10-YTD", "2026-09-YTD", "2026-11-YTD")]
    [InlineData("2026-01-YTD", "2025-12-YTD", "2026-02-YTD")]
    [InlineData("2025-12-YTD", "2025-11-YTD", "2026-01-YTD")]
    [InlineData("2026-01-QTD", "2025-12-QTD", "2026-02-QTD")]
    [InlineData("2025-12-QTD", "2025-11-QTD", "2026-01-QTD")]
    public void PreviousAndNext_StepOnePeriodOfTheSameKindAcrossYearBoundaries(string period, string previous, string next)
    {
        Assert.Equal(P(previous), P(period).Previous);
        Assert.Equal(P(next), P(period).Next);
        Assert.Equal(P(period), P(period).Previous.Next);
    }

    [Theory]
    [InlineData("2026-10", "2025-10")]
    [InlineData("2026-01", "2025-01")]
    [InlineData("2026-Q1", "2025-Q1")]
    [InlineData("2026", "2025")]
    [InlineData("2026-10-YTD", "2025-10-YTD")]
    [InlineData("2024-02", "2023-02")]
    [InlineData("2026-11-QTD", "2025-11-QTD")]
    public void SameLastYear_IsTheSamePeriodAYearEarlier(string period, string expected) =>
        Assert.Equal(P(expected), P(period).SameLastYear);

    [Fact]
    public void SameLastYear_OfALeapFebruary_EndsOnThe28th() =>
        Assert.Equal(Day("2023-02-28"), P("2024-02").SameLastYear.LastDay);

    [Theory]
    [InlineData("2026-01", "2025-01", "2026-01")]
    [InlineData("2026-12", "2025-12", "2026-12")]
    [InlineData("2026-10", "2025-10", "2026-10")]
    [InlineData("2026-Q4", "2025-12", "2026-12")] // ends with the period's last month
    [InlineData("2026-03-YTD", "2025-03", "2026-03")]
    public void TrailingMonths13_AreThirteenConsecutiveMonthsEndingWithTheLastMonth(string period, string first, string last)
    {
        var months = P(period).TrailingMonths(13);

        Assert.Equal(13, months.Count);
        Assert.Equal(P(first), months[0]);
        Assert.Equal(P(last), months[^1]);
        for (var i = 1; i < months.Count; i++) Assert.Equal(months[i - 1].Next, months[i]);
    }

    [Theory]
    [InlineData("2026-11", "2026-Q4", "2026-11-YTD")]
    [InlineData("2026-Q2", "2026-Q2", "2026-06-YTD")]
    [InlineData("2026", "2026-Q4", "2026-12-YTD")]
    [InlineData("2026-02-YTD", "2026-Q1", "2026-02-YTD")]
    public void QuarterAndYearToDateOfLastMonth_FollowThePeriodsEnd(string period, string quarter, string ytd)
    {
        Assert.Equal(P(quarter), P(period).QuarterOfLastMonth);
        Assert.Equal(P(ytd), P(period).YearToDateOfLastMonth);
    }

    [Theory]
    [InlineData("2026-10", "2026-10-QTD", "2026-10", "2026-10")]
    [InlineData("2026-11", "2026-11-QTD", "2026-10", "2026-11")]
    [InlineData("2026-Q4", "2026-12-QTD", "2026-10", "2026-12")]
    [InlineData("2026-02-YTD", "2026-02-QTD", "2026-01", "2026-02")]
    public void QuarterToDateOfLastMonth_RunsFromTheQuartersFirstMonthToThePeriodsLast(string period, string qtd, string firstMonth, string lastMonth)
    {
        var q = P(period).QuarterToDateOfLastMonth;

        Assert.Equal(P(qtd), q);
        Assert.Equal(P(firstMonth), q.Months[0]);
        Assert.Equal(P(lastMonth), q.Months[^1]);
    }

    [Fact]
    public void Ordering_MonthsAcrossAYearBoundary_SortChronologically()
    {
        var shuffled = new[] { "2026-02", "2025-12", "2026-01", "2025-11", "2024-12" }.Select(P).ToList();

        shuffled.Sort();

        Assert.Equal("2024-12,2025-11,2025-12,2026-01,2026-02", string.Join(",", shuffled));
    }

    [Fact]
    public void Ordering_PeriodsEndingTheSameDay_ShorterFirstThenByKind()
    {
        var periods = new[] { "2026-12-YTD", "2026", "2026-Q4", "2026-12", "2026-11", "2027-01" }.Select(P).ToList();

        periods.Sort();

        // By end date first; of those ending on 2026-12-31 the one that starts later (the shorter) first; a year and
        // a December YTD cover the same days and are told apart by kind.
        Assert.Equal("2026-11,2026-12,2026-Q4,2026,2026-12-YTD,2027-01", string.Join(",", periods));
    }

    [Fact]
    public void Ordering_CompareTo_IsZeroOnlyForEqualPeriods()
    {
        Assert.Equal(0, P("2026-10").CompareTo(P("2026-10")));
        Assert.True(P("2025-12").CompareTo(P("2026-01")) < 0);
        Assert.True(P("2026-Q3").CompareTo(P("2026-10")) < 0);
        Assert.NotEqual(0, P("2026").CompareTo(P("2026-12-YTD")));
    }

    [Fact]
    public void Construct_YearOutsideTheRange_ThrowsDomainException()
    {
        Assert.Equal("period", Assert.Throws<DomainException>(() => Period.Month(1899, 12)).Field);
        Assert.Throws<DomainException>(() => Period.OfYear(9998).Next);
        Assert.Throws<DomainException>(() => Period.Month(2026, 13));
        Assert.Throws<DomainException>(() => Period.Quarter(2026, 0));
    }

    [Fact]
    public void MonthOf_ALeapDay_IsFebruary() => Assert.Equal(P("2028-02"), Period.MonthOf(Day("2028-02-29")));
}
