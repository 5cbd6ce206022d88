using Kpi.Domain.Organisation;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage.Bulk;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Kpi.Testing.Storage;
using Xunit.Abstractions;
using Kpi.Testing.Companies;

namespace Kpi.Storage.Tests.Support;

/// <summary>
/// Random companies in a real database, and the comparisons of its totals with the reference evaluator's that the
/// differential tests share: records on every bound of the compared periods, and every additive field and value.
/// </summary>
internal static class StoredCompanies
{
    private static readonly DateTime Now = new(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly Period[] Periods =
    [
        Period.Month(2025, 12), Period.Month(2026, 1), Period.Month(2026, 2), Period.Month(2026, 10), Period.Month(2027, 1),
        Period.Quarter(2026, 1), Period.Quarter(2026, 4), Period.YearToDate(2026, 10), Period.OfYear(2026),
    ];


    /// <summary>Records exactly on every bound of every period compared, so an off-by-one anywhere shows.</summary>
    public static IEnumerable<SourceRecord> EdgeRecords(string[] departments)
    {
        var zone = CompanyTimeZone.Default;
        var n = 0;
        string Id(string kind) => $"edge-{kind}-{++n}";
        foreach (var period in Periods)
        {
            var dept = departments[n % departments.Length];
            var (start, end) = zone.Bounds(period);
            foreach (var at in new[] { start, start.AddTicks(-10), end.AddTicks(-10), end })
            {
                yield return new TicketRecord(Id("t"), dept, TicketKind.Complaint, at, at.AddHours(48), end);
                yield return new TicketRecord(Id("t"), dept, TicketKind.Complaint, at, at.AddHours(48).AddTicks(10), end.AddTicks(-10));
                yield return new SafetyRecord(Id("s"), dept, at, Severity.Major);
            }
            foreach (var day in new[] { period.FirstDay, period.FirstDay.AddDays(-1), period.LastDay, period.DayAfter })
            {
                yield return new ProductionRecord(Id("p"), dept, day, 10m, 9.5m);
                yield return new HoursRecord(Id("h"), dept, day, 8m);
                yield return new DeliveryRecord(Id("d"), dept, "SO", day, day);
                yield return new DeliveryRecord(Id("d"), dept, "SO", day, day.AddDays(1));
                yield return new InspectionRecord(Id("i"), dept, day, 100m, 99m);
                yield return new SurveyRecord(Id("v"), dept, day, SurveyType.Customer, 88m);
                yield return new TrainingRecord(Id("tr"), dept, "E", "C", day, period.LastDay);
                yield return new TrainingRecord(Id("tr"), dept, "E", "C", day, period.DayAfter);
                yield return new BudgetRecord(Id("b"), dept, new DateOnly(day.Year, day.Month, 1), 100m, 101m);
                yield return new StaffRecord(Id("st"), dept, "E", "N", "P", day, day, true);
                yield return new StaffRecord(Id("st"), dept, "E", "N", "P", day.AddDays(-400), day, false);
                yield return new StaffRecord(Id("st"), dept, "E", "N", "P", day, null, true);
                yield return new MeasurementRecord(Id("m"), dept, "m_ratio", day, 3m, 4m);
            }
        }
    }

    public static async Task Load(KpiDbContext db, RandomCompany company)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        // The stored tree has one root: the random company's roots go under one, which changes none of their subtrees.
        var parentsFirst = company.Tree.Roots.SelectMany(r => company.Tree.Subtree(r.Code)).Select(company.Tree.Get)
            .Select(d => new Department(d.Code, d.Name, d.ParentCode ?? "ROOT"))
            .Prepend(new Department("ROOT", "公司"))
            .ToList();
        await DepartmentMerge.MergeAsync(db, parentsFirst.Select((d, i) => new DepartmentLine(i + 2, d)).ToList(), Now);
        var org = await db.LoadOrganisationAsync();
        foreach (var group in company.Records.All.GroupBy(r => r.Kind))
            await db.MergeRecordsAsync(group.Key, group, org.IdOf, Now, null);
        await tx.CommitAsync();
    }

    public static void AssertSameTotals(MetricTotals expected, MetricTotals actual, string where)
    {
        Assert.True(expected.Production == actual.Production, $"{where} production {expected.Production} vs {actual.Production}");
        Assert.True(expected.Hours == actual.Hours, $"{where} hours {expected.Hours} vs {actual.Hours}");
        Assert.True(expected.Deliveries == actual.Deliveries, $"{where} deliveries {expected.Deliveries} vs {actual.Deliveries}");
        Assert.True(expected.Inspections == actual.Inspections, $"{where} inspections {expected.Inspections} vs {actual.Inspections}");
        Assert.True(expected.Tickets == actual.Tickets, $"{where} tickets {expected.Tickets} vs {actual.Tickets}");
        Assert.True(expected.Surveys == actual.Surveys, $"{where} surveys {expected.Surveys} vs {actual.Surveys}");
        Assert.True(expected.Training == actual.Training, $"{where} training {expected.Training} vs {actual.Training}");
        Assert.True(expected.Budget == actual.Budget, $"{where} budget {expected.Budget} vs {actual.Budget}");
        Assert.True(expected.Safety == actual.Safety, $"{where} safety {expected.Safety} vs {actual.Safety}");
        Assert.True(expected.Staff == actual.Staff, $"{where} staff {expected.Staff} vs {actual.Staff}");
        Assert.Equal(expected.Measurements.Keys.Order(), actual.Measurements.Keys.Order());
        foreach (var (metric, totals) in expected.Measurements)
            Assert.True(totals == actual.Measurements[metric], $"{where} {metric} {totals} vs {actual.Measurements[metric]}");

        // And so every value the API shows, exactly.
        var e = MetricFormulas.Compute(expected);
        var a = MetricFormulas.Compute(actual);
        Assert.Equal(e.Select(v => (v.Metric, v.Value, v.Records)), a.Select(v => (v.Metric, v.Value, v.Records)));
    }}
