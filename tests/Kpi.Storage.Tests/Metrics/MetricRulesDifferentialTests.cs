using Kpi.Domain.Metrics;
using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage.Bulk;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Kpi.Testing.Storage;

using Kpi.Storage.Tests.Support;

namespace Kpi.Storage.Tests.Metrics;

/// <summary>
/// One test per metric rule of <c>Kpi.Domain.Metrics.Rules</c>: records that sit exactly on the rule's edges go into a
/// real database, and every query form of the rule — the subtree query (<see cref="MetricTotalsQuery"/>) and the
/// close's window query (<see cref="WindowTotalsQuery"/>, months and their quarter- and year-to-date) — must count
/// them as the <see cref="ReferenceEvaluator"/> does, on SQLite and on PostgreSQL. The rules are inlined into the
/// queries; the 48-hour callback is stored by the import instead, so its test holds the stored flag to the rule.
/// </summary>
public sealed class MetricRulesDifferentialTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Now = new(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly CompanyTimeZone Zone = CompanyTimeZone.Default;

    /// <summary>A parent with its own records and a child's, so each figure is also a subtree's sum.</summary>
    private static readonly OrgTree Tree = new([new Department("R", "总部"), new Department("C", "车间", "R")]);

    /// <summary>The months whose bounds the edge records hug, across a year end.</summary>
    private static readonly Period[] Months = [Period.Month(2026, 10), Period.Month(2026, 11), Period.Month(2026, 12), Period.Month(2027, 1)];

    /// <summary>Close windows ending in a quarter's last month and in the next year's first.</summary>
    private static readonly Period[] Closes = [Period.Month(2026, 12), Period.Month(2027, 1)];

    private static IEnumerable<DateOnly> EdgeDays() =>
        Months.SelectMany(m => new[] { m.FirstDay.AddDays(-1), m.FirstDay, m.LastDay }).Append(new DateOnly(2026, 10, 15)).Distinct();

    private static IEnumerable<DateTime> EdgeInstants() =>
        Months.Select(m => Zone.Bounds(m).Start).SelectMany(start => new[] { start.AddTicks(-10), start, start.AddTicks(10) })
            .Append(Zone.Bounds(Months[^1]).End).Append(Zone.Bounds(Months[^1]).End.AddTicks(-10))
            .Append(new DateTime(2026, 10, 31, 17, 30, 0, DateTimeKind.Utc)); // 1 November 01:30 in Shanghai

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public Task PeriodPlacement_EveryKindsDateAndInstant_IsPlacedAsTheReferencePlacesIt(DatabaseProvider provider)
    {
        var n = 0;
        string Id() => $"place-{++n}";
        string Dept() => n % 2 == 0 ? "R" : "C";
        var records = new List<SourceRecord>();
        foreach (var day in EdgeDays())
        {
            records.Add(new ProductionRecord(Id(), Dept(), day, 10, 9));
            records.Add(new HoursRecord(Id(), Dept(), day, 8));
            records.Add(new DeliveryRecord(Id(), Dept(), "SO", day, null));
            records.Add(new InspectionRecord(Id(), Dept(), day, 10, 9));
            records.Add(new SurveyRecord(Id(), Dept(), day, n % 3 == 0 ? SurveyType.Collaboration : SurveyType.Customer, 80));
            records.Add(new TrainingRecord(Id(), Dept(), "E", "C", day, null));
            records.Add(new BudgetRecord(Id(), Dept(), new DateOnly(day.Year, day.Month, 1), 100, 90));
            records.Add(new MeasurementRecord(Id(), Dept(), "m", day, 1, 2));
        }
        foreach (var instant in EdgeInstants())
        {
            records.Add(new TicketRecord(Id(), Dept(), TicketKind.Inquiry, instant, null, null));
            records.Add(new SafetyRecord(Id(), Dept(), instant, (Severity)(n % 3)));
        }
        return Judge(provider, "placement", records, t => (t.Production.Records, t.Tickets.Opened, t.Safety.All),
            (expected, actual, where) => StoredCompanies.AssertSameTotals(expected, actual, where));
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public Task OnTimeDelivery_OnTheDayEarlyLateAndUndelivered_CountAsTheRuleSays(DatabaseProvider provider)
    {
        var n = 0;
        var records = EdgeDays().SelectMany(day => new DateOnly?[] { day, day.AddDays(-1), day.AddDays(1), null }
            .Select(delivered => new DeliveryRecord($"d-{++n}", n % 2 == 0 ? "R" : "C", "SO", day, delivered)));
        return Judge(provider, "on-time", records, t => t.Deliveries);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public Task Callback48h_StoredFlag_CountsExactly48HoursAndNotAMicrosecondMore(DatabaseProvider provider)
    {
        var n = 0;
        var records = EdgeInstants().SelectMany(opened => new DateTime?[]
            {
                opened + Callback48h.Window, opened + Callback48h.Window + TimeSpan.FromTicks(10), opened + Callback48h.Window - TimeSpan.FromTicks(10),
                opened, null,
            }
            .Select(callback => new TicketRecord($"t-{++n}", n % 2 == 0 ? "R" : "C", n % 3 == 0 ? TicketKind.Complaint : TicketKind.Inquiry, opened, callback, null)));
        return Judge(provider, "callback", records, t => t.Tickets);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public Task ComplaintResolution_ResolvedAroundThePeriodsEnd_CountsAsTheRuleSays(DatabaseProvider provider)
    {
        var n = 0;
        var records = new List<SourceRecord>();
        foreach (var month in Months)
        {
            var (start, end) = Zone.Bounds(month);
            foreach (var opened in new[] { start, start.AddDays(14), end.AddTicks(-10) })
            {
                foreach (var resolved in new DateTime?[] { end.AddTicks(-10), end, end.AddTicks(10), end.AddDays(20), opened, null })
                {
                    if (resolved < opened) continue;
                    records.Add(new TicketRecord($"c-{++n}", n % 2 == 0 ? "R" : "C", TicketKind.Complaint, opened, null, resolved));
                    records.Add(new TicketRecord($"i-{++n}", n % 2 == 0 ? "R" : "C", TicketKind.Inquiry, opened, null, resolved));
                }
            }
        }
        return Judge(provider, "complaints", records, t => t.Tickets);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public Task TrainingCompletion_CompletedAroundThePeriodsLastDay_CountsAsTheRuleSays(DatabaseProvider provider)
    {
        var n = 0;
        var records = new List<SourceRecord>();
        foreach (var month in Months)
        {
            foreach (var planned in new[] { month.FirstDay, month.LastDay })
            {
                foreach (var completed in new DateOnly?[] { month.LastDay, month.DayAfter, month.DayAfter.AddMonths(1), planned.AddDays(-3), null })
                    records.Add(new TrainingRecord($"tr-{++n}", n % 2 == 0 ? "R" : "C", "E", "C", planned, completed));
            }
        }
        return Judge(provider, "training", records, t => t.Training);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public Task Headcount_HiredAndLeftOnEveryEdgeDay_CountsAsTheRuleSays(DatabaseProvider provider)
    {
        var n = 0;
        var days = EdgeDays().Append(new DateOnly(2020, 1, 1)).Order().ToList();
        var records = from hired in days
                      from left in days.Where(d => d >= hired).Cast<DateOnly?>().Append(null)
                      select new StaffRecord($"st-{++n}", n % 2 == 0 ? "R" : "C", $"E{n}", "N", "P", hired, left, n % 3 != 0);
        return Judge(provider, "headcount", records, t => t.Staff);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public Task Qualification_QualifiedOrNotAroundTheLastDay_CountsAsTheRuleSays(DatabaseProvider provider)
    {
        var n = 0;
        var records = from month in Months
                       from left in new DateOnly?[] { month.LastDay, month.LastDay.AddDays(-1), month.DayAfter, null }
                       from qualified in new[] { true, false }
                       select new StaffRecord($"q-{++n}", n % 2 == 0 ? "R" : "C", $"E{n}", "N", "P", month.FirstDay.AddMonths(-2), left, qualified);
        return Judge(provider, "qualified", records, t => (t.Staff.QualifiedAtEnd, t.Staff.HeadcountAtEnd));
    }

    private Task Judge<TFigure>(DatabaseProvider provider, string rule, IEnumerable<SourceRecord> records, Func<MetricTotals, TFigure> figure) =>
        Judge(provider, rule, records, figure, (e, a, where) => Assert.True(Equals(figure(e), figure(a)), $"{where}: reference {figure(e)}, database {figure(a)}"));

    /// <summary>
    /// Loads the records and compares the figure for both departments and every month and span of two close windows,
    /// from both queries. The figure must vary across them, so a rule whose edges all fell outside cannot pass.
    /// </summary>
    private async Task Judge<TFigure>(DatabaseProvider provider, string rule, IEnumerable<SourceRecord> records, Func<MetricTotals, TFigure> figure,
        Action<MetricTotals, MetricTotals, string> assertSame)
    {
        var set = new RecordSet();
        set.AddRange(records);
        var database = await databases.CreateAsync(provider, $"rule-{rule}");
        await using var db = database.NewContext();
        await Load(db, set);
        var org = await db.LoadOrganisationAsync();
        var reference = new ReferenceEvaluator(Tree, Zone);

        var seen = new HashSet<TFigure>();
        foreach (var close in Closes)
        {
            var months = close.TrailingMonths(13);
            Period[] spans = [close.QuarterToDateOfLastMonth, close.YearToDateOfLastMonth];
            var window = await db.WindowTotalsAsync(months, spans, Zone);
            foreach (var department in new[] { "R", "C" })
            {
                foreach (var period in months.Concat(spans))
                {
                    var expected = reference.Totals(set, department, period);
                    seen.Add(figure(expected));
                    assertSame(expected, await db.TotalsAsync(org.SubtreeIds(department), period, Zone), $"{rule}, {department} {period}, subtree query");
                    assertSame(expected, window.Of(org.SubtreeIds(department), period), $"{rule}, {department} {period}, window to {close}");
                }
            }
        }
        Assert.True(seen.Count > 2, $"{rule}: the edge records give only {seen.Count} distinct figures");
    }

    private static async Task Load(KpiDbContext db, RecordSet set)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await DepartmentMerge.MergeAsync(db, Tree.All.Select((d, i) => new DepartmentLine(i + 2, d)).ToList(), Now);
        var org = await db.LoadOrganisationAsync();
        foreach (var kind in set.All.GroupBy(r => r.Kind))
            await db.MergeRecordsAsync(kind.Key, kind, org.IdOf, Now, null);
        await tx.CommitAsync();
    }
}
