using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Demo.Company;
using Kpi.Demo.Scorecards;
using Kpi.Demo.Sources;
using Kpi.Demo.Tests.Support;
using Kpi.Testing.Demo;

namespace Kpi.Demo.Tests;

/// <summary>
/// The demo records as data: every kind in every month, unique ids, nothing the import contract would refuse, and
/// the edge cases the metric rules hinge on (time-zone placement, 48:00:00 callbacks, month-end resolutions, a
/// leaver on a month's last day) actually present, so that the seeded company exercises them.
/// </summary>
public class DemoRecordTests
{
    public static TheoryData<string> Windows => DemoCompanies.Windows;

    /// <summary>The month a record belongs to by the metric rules: its date, or its instant placed in Asia/Shanghai.</summary>
    private static IEnumerable<Period> MonthsOf(SourceRecord record, DemoData data) => record switch
    {
        ProductionRecord r => [Period.MonthOf(r.Date)],
        HoursRecord r => [Period.MonthOf(r.Date)],
        DeliveryRecord r => [Period.MonthOf(r.PromisedDate)],
        InspectionRecord r => [Period.MonthOf(r.Date)],
        TicketRecord r => [data.TimeZone.MonthOf(r.OpenedAt)],
        SurveyRecord r => [Period.MonthOf(r.Date)],
        TrainingRecord r => [Period.MonthOf(r.PlannedDate)],
        BudgetRecord r => [Period.MonthOf(r.Month)],
        SafetyRecord r => [data.TimeZone.MonthOf(r.OccurredAt)],
        // A member of staff is present in every month they were employed in.
        StaffRecord r => data.Months.Where(m => r.HiredOn <= m.LastDay && (r.LeftOn is null || r.LeftOn >= m.FirstDay)),
        MeasurementRecord r => [Period.MonthOf(r.Date)],
        _ => throw new ArgumentException(record.GetType().Name, nameof(record)),
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void EveryKind_HasRecordsInEveryMonth_SafetyExcepted(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var present = data.Records.All
            .SelectMany(r => MonthsOf(r, data).Select(m => (r.Kind, Month: m)))
            .ToHashSet();

        // Safety is the exception by design: a month without an accident has no safety records and the metric
        // counts 0 there (docs/metrics.md: counts are 0 without records), which is what most months of a plant look like.
        var missing = RecordKinds.All
            .Where(k => k is not (RecordKind.Departments or RecordKind.Safety))
            .SelectMany(k => data.Months.Where(m => !present.Contains((k, m))).Select(m => $"{k.Name()} {m}"))
            .ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Safety_OneMajorIncidentInTheStoryMonth_AndAFewMinorOnes(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var safety = data.Records.Safety;

        var major = Assert.Single(safety, s => s.Severity != Severity.Minor);
        Assert.Equal(Severity.Major, major.Severity);
        Assert.Equal(data.Story.IncidentDepartment, major.Department);
        Assert.Equal(data.Story.IncidentAt, major.OccurredAt);
        Assert.InRange(safety.Count(s => s.Severity == Severity.Minor), 3, 8);
        Assert.All(safety, s => Assert.Contains(data.TimeZone.MonthOf(s.OccurredAt), data.Months));
        // Neither story is blurred by an unrelated accident in the bad month.
        Assert.DoesNotContain(safety, s => data.TimeZone.MonthOf(s.OccurredAt) == data.Story.BadMonth);
    }

    [Fact]
    public void Safety_NightShiftIncidentOnTheFirst_IsInTheMonthOfItsShanghaiDate()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        // 02:10 on 1 September 2025 in Shanghai is 18:10Z on 31 August: a UTC reading would put it in the wrong month.
        var night = Assert.Single(data.Records.Safety, s => s.OccurredAt.Month != data.TimeZone.LocalDate(s.OccurredAt).Month);
        Assert.Equal(Period.Month(2025, 9), data.TimeZone.MonthOf(night.OccurredAt));
        Assert.Equal(new DateOnly(2025, 8, 31), DateOnly.FromDateTime(night.OccurredAt));
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void RecordIds_AreUniqueWithinEachKind(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);

        var duplicates = data.Records.All
            .GroupBy(r => (r.Kind, r.RecordId))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Kind.Name()} {g.Key.RecordId}")
            .ToList();
        Assert.Empty(duplicates);
        Assert.All(data.Records.All, r => Assert.InRange(r.RecordId.Length, 1, RecordParser.MaxRecordIdLength));
    }

    [Fact]
    public void RecordIds_NameTheDepartmentAndDay()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.Contains(data.Records.Production, r => r.RecordId == "P-PROD-RESIN-20261031");
        Assert.Contains(data.Records.Budget, r => r.RecordId == "B-FIN-202610");
        Assert.Contains(data.Records.Measurements, r => r.RecordId == "M-SALES-sales_completion-202610-LATEX");
    }

    [Theory]
    [InlineData(InstantStyle.Utc)]
    [InlineData(InstantStyle.Offset)]
    [InlineData(InstantStyle.WallClock)]
    public void EveryRecord_WrittenAsImportText_ParsesBackToItself(InstantStyle style)
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        var refused = new List<string>();
        foreach (var record in data.Records.All)
        {
            var fields = RecordText.Fields(record, style, data.TimeZone);
            Assert.Equal(record.Kind.Columns().Order(), fields.Keys.Order());
            var parsed = RecordParser.Parse(record.Kind, c => fields.GetValueOrDefault(c), data.TimeZone);
            if (!parsed.IsValid) refused.Add($"{record.Kind.Name()} {record.RecordId}: {string.Join("; ", parsed.Errors.Select(e => $"{e.Field} {e.Reason}"))}");
            else if (!record.Equals(parsed.Record)) refused.Add($"{record.Kind.Name()} {record.RecordId}: read back as {parsed.Record}");
        }
        Assert.Empty(refused);
    }

    [Fact]
    public void Departments_WrittenAsImportText_ParseBackToThemselves()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.All(data.Departments, d =>
        {
            var fields = RecordText.Fields(d.Department);
            var parsed = RecordParser.Parse(RecordKind.Departments, c => fields.GetValueOrDefault(c), data.TimeZone);
            Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
            Assert.Equal(d.Department, parsed.Record);
        });
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void EveryRecord_BelongsToADepartmentOfTheTree(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);

        Assert.Empty(data.Records.All.Where(r => !data.Tree.Contains(r.Department)).Select(r => r.RecordId));
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void NothingHappens_AfterTheDataWasTaken_OrBeforeItsFirstMonth(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var first = data.FirstMonth.FirstDay;
        var last = data.LastMonth.LastDay;
        var (start, _) = data.TimeZone.Bounds(data.FirstMonth);
        bool InWindow(DateOnly? d) => d is null || (d >= first && d <= last);
        // An instant must be UTC (the domain refuses others) and inside the window's Shanghai bounds.
        bool InWindowUtc(DateTime? t) => t is null || (t.Value.Kind == DateTimeKind.Utc && t >= start && t < data.TakenAt);

        Assert.All(data.Records.Production, r => Assert.True(InWindow(r.Date)));
        Assert.All(data.Records.Hours, r => Assert.True(InWindow(r.Date)));
        Assert.All(data.Records.Deliveries, r => Assert.True(InWindow(r.PromisedDate) && InWindow(r.DeliveredDate), r.RecordId));
        Assert.All(data.Records.Inspections, r => Assert.True(InWindow(r.Date)));
        Assert.All(data.Records.Tickets, r => Assert.True(InWindowUtc(r.OpenedAt) && InWindowUtc(r.CallbackAt) && InWindowUtc(r.ResolvedAt), r.RecordId));
        Assert.All(data.Records.Surveys, r => Assert.True(InWindow(r.Date)));
        Assert.All(data.Records.Training, r => Assert.True(InWindow(r.PlannedDate) && InWindow(r.CompletedDate), r.RecordId));
        Assert.All(data.Records.Budget, r => Assert.True(InWindow(r.Month)));
        Assert.All(data.Records.Safety, r => Assert.True(InWindowUtc(r.OccurredAt)));
        // Staff were hired long before the window; only their leaving must have happened by the end.
        Assert.All(data.Records.Staff, r => Assert.True(r.HiredOn <= last && (r.LeftOn is null || InWindow(r.LeftOn)), r.RecordId));
        Assert.All(data.Records.Measurements, r => Assert.True(InWindow(r.Date)));
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Tickets_OpenedJustAfterMidnightOnTheFirst_AreOnThePreviousUtcDay_EveryMonth(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);

        Assert.All(data.Months, month => Assert.Contains(data.Records.Tickets, t =>
            t.Department == "CS-DESK" && data.TimeZone.MonthOf(t.OpenedAt) == month && Period.MonthOf(DateOnly.FromDateTime(t.OpenedAt)) != month));
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Tickets_CallbacksAtExactly48Hours_EveryMonth_AndSomeLateOrMissing(string lastMonth)
    {
        var data = DemoCompanies.For(lastMonth);
        var tickets = data.Records.Tickets;

        Assert.All(data.Months, month => Assert.Contains(tickets, t =>
            data.TimeZone.MonthOf(t.OpenedAt) == month && t.CallbackAt - t.OpenedAt == TicketRecord.CallbackWindow && t.CalledBackInTime));
        Assert.Contains(tickets, t => t.CallbackAt is not null && !t.CalledBackInTime);
        Assert.Contains(tickets, t => t.CallbackAt is null);
        var inTime = tickets.Count(t => t.CalledBackInTime) / (decimal)tickets.Count;
        Assert.InRange(inTime, 0.94m, 0.99m);
    }

    [Fact]
    public void Complaints_SomeResolvedAfterTheirMonthEnded_SomeStillOpen()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);
        var complaints = data.Records.Tickets.Where(t => t.TicketKind == TicketKind.Complaint).ToList();

        Assert.Contains(complaints, t => t.ResolvedAt is { } r && data.TimeZone.MonthOf(r) != data.TimeZone.MonthOf(t.OpenedAt));
        // Only complaints of the last weeks can still be open when the data is taken.
        Assert.Contains(complaints, t => t.ResolvedAt is null);
        Assert.All(complaints.Where(t => t.ResolvedAt is null), t => Assert.True(t.OpenedAt > data.TakenAt.AddDays(-30), t.RecordId));
    }

    [Fact]
    public void Deliveries_SomeLate_AndTheUndeliveredAreRecentOrders()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);
        var deliveries = data.Records.Deliveries;

        Assert.Contains(deliveries, d => d.DeliveredDate > d.PromisedDate);
        var undelivered = deliveries.Where(d => d.DeliveredDate is null).ToList();
        Assert.InRange(undelivered.Count, 2, 40);
        Assert.All(undelivered, d => Assert.Equal(data.LastMonth, Period.MonthOf(d.PromisedDate)));
        Assert.Contains(undelivered, d => d.Department == "SALES");
    }

    [Fact]
    public void Staff_HiresLeaversAndALeaverOnAMonthsLastDay()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);
        var staff = data.Records.Staff;

        Assert.Contains(staff, s => s.LeftOn is { } l && l == Period.MonthOf(l).LastDay);
        Assert.Contains(staff, s => s.HiredOn.Day == 1 && data.Months.Contains(Period.MonthOf(s.HiredOn)));
        Assert.InRange(staff.Count(s => s.HiredOn >= data.FirstMonth.FirstDay), 40, 150);
        Assert.InRange(staff.Count(s => s.LeftOn is not null), 40, 150);
        Assert.Contains(staff, s => !s.Qualified);
        Assert.InRange(staff.Count(s => s.InHeadcountOn(data.LastMonth.LastDay)), 150, 220);
        Assert.Equal(staff.Count, staff.Select(s => s.EmployeeNo).Distinct().Count());
    }

    [Fact]
    public void Training_PlannedForCurrentStaff_SomeIncomplete()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);
        var staff = data.Records.Staff.ToDictionary(s => s.EmployeeNo);

        Assert.All(data.Records.Training, t =>
        {
            Assert.True(staff[t.EmployeeNo].InHeadcountOn(t.PlannedDate), t.RecordId);
            Assert.Equal(staff[t.EmployeeNo].Department, t.Department);
        });
        Assert.Contains(data.Records.Training, t => t.CompletedDate is null);
        Assert.Contains(data.Records.Training, t => t.CompletedDate > Period.MonthOf(t.PlannedDate).LastDay);
    }

    [Fact]
    public void Budget_EveryDepartmentEveryMonth_SomeOverspent()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.Equal(data.Departments.Count * data.Months.Count, data.Records.Budget.Count);
        var overspent = data.Records.Budget.Count(b => b.ActualAmount > b.BudgetAmount);
        Assert.InRange(overspent, 20, 120);
    }

    [Fact]
    public void Measurements_SalesCompletionAndReportTimeliness_EveryMonth()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);
        var byMetric = data.Records.Measurements.ToLookup(m => m.Metric);

        Assert.All(byMetric["sales_completion"], m => Assert.True(m.Department == "SALES" && m.Denominator > 0, m.RecordId));
        Assert.All(byMetric["report_timeliness"], m => Assert.True(m.Department == "FIN" && m.Denominator == 1, m.RecordId));
        Assert.All(data.Months, month =>
        {
            Assert.Contains(byMetric["sales_completion"], m => month.Contains(m.Date));
            Assert.Contains(byMetric["report_timeliness"], m => month.Contains(m.Date));
        });
        Assert.Equal(2, byMetric.Count);
    }
}
