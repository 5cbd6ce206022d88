using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Testing.Builders;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Testing.Builders.Build;
using Kpi.Testing.Companies;

namespace Kpi.Domain.Tests.Metrics;

/// <summary>
/// The roll-up rules of docs/metrics.md as properties over seeded random companies (<see cref="RandomCompany"/>):
/// deterministic, so a failure names the seed that reproduces it.
/// </summary>
public class RollUpPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 50; seed++) seeds.Add(seed);
        return seeds;
    }

    private static readonly string[] Periods = ["2026-10", "2026-12", "2026-Q4", "2026-10-YTD", "2026"];

    private static readonly OrgTree FlatTree = new([new Department("FLAT", "一个部门")]);

    /// <summary>The given records moved into one department with no children.</summary>
    private static RecordSet Flatten(IEnumerable<SourceRecord> records)
    {
        var set = new RecordSet();
        set.AddRange(records.Select(r => r with { Department = "FLAT" }));
        return set;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parent_EveryMetric_EqualsItsSubtreesRecordsEvaluatedAsOneFlatDepartment(int seed)
    {
        var company = new RandomCompany(seed);
        var tree = new ReferenceEvaluator(company.Tree, CompanyTimeZone.Default);
        var flat = new ReferenceEvaluator(FlatTree, CompanyTimeZone.Default);

        foreach (var code in company.Codes)
        {
            var subtree = company.Tree.Subtree(code).ToHashSet();
            var union = Flatten(company.Records.All.Where(r => subtree.Contains(r.Department)));
            foreach (var period in Periods.Select(P))
            {
                var expected = flat.Evaluate(union, "FLAT", period);
                var actual = tree.Evaluate(company.Records, code, period);
                AssertSameValues(expected, actual, $"seed {seed}, {code}, {period}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parent_EveryTotal_IsItsOwnRecordsPlusEachChildsSubtree(int seed)
    {
        // Additivity over departments holds for every kind, staff included: the subtrees of different children are
        // disjoint sets of records, whatever the period.
        var company = new RandomCompany(seed);
        var tree = new ReferenceEvaluator(company.Tree, CompanyTimeZone.Default);
        var flat = new ReferenceEvaluator(FlatTree, CompanyTimeZone.Default);

        foreach (var code in company.Codes)
        {
            var own = Flatten(company.Records.All.Where(r => r.Department == code));
            foreach (var period in Periods.Select(P))
            {
                var expected = company.Tree.Children(code).Aggregate(flat.Totals(own, "FLAT", period), (sum, child) => sum + tree.Totals(company.Records, child.Code, period));
                AssertSameTotals(expected, tree.Totals(company.Records, code, period), additiveOnly: false, $"seed {seed}, {code}, {period}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Quarter_AdditiveTotals_AreTheSumOfItsMonthsAndItsValuesFollow(int seed) =>
        AssertLongPeriodIsSumOfParts(seed, P("2026-Q4"), P("2026-Q4").Months);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void YearToDate_AdditiveTotals_AreTheSumOfItsMonths(int seed) =>
        AssertLongPeriodIsSumOfParts(seed, P("2026-10-YTD"), P("2026-10-YTD").Months);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Year_AdditiveTotals_AreTheSumOfItsQuarters(int seed) =>
        AssertLongPeriodIsSumOfParts(seed, P("2026"), [P("2026-Q1"), P("2026-Q2"), P("2026-Q3"), P("2026-Q4")]);

    /// <summary>
    /// Metrics whose every input is a flow over the period: their totals over a long period are the sums over its parts,
    /// so computing the value from the summed totals must give the long period's value.
    /// Left out, on purpose:
    /// <list type="bullet">
    /// <item><c>turnover_rate</c> and <c>qualification_rate</c>: headcount is a state taken on the period's first and last
    /// day, not a flow; a quarter's headcount is not the sum of three months' headcounts (the same people would be
    /// counted three times), so staff totals are not compared at all.</item>
    /// <item><c>complaint_resolution</c> and <c>training_completion</c>: their denominators are flows, but their
    /// numerators count against the period's own end ("resolved before the end of the period", "completed by its last
    /// day"), which moves with the period; the long period's numerator can only be larger.</item>
    /// </list>
    /// </summary>
    private static readonly string[] FlowMetrics =
    [
        PlanCompletion, OnTimeDelivery, QualityPass, LabourProductivity, SafetyIncidents, CustomerSatisfaction,
        CollaborationSatisfaction, BudgetAttainment, Callback48h, .. RandomCompany.CustomMetrics,
    ];

    private static void AssertLongPeriodIsSumOfParts(int seed, Period whole, IReadOnlyList<Period> parts)
    {
        var company = new RandomCompany(seed);
        var evaluator = new ReferenceEvaluator(company.Tree, CompanyTimeZone.Default);

        foreach (var code in company.Codes)
        {
            var at = $"seed {seed}, {code}, {whole}";
            var wholeTotals = evaluator.Totals(company.Records, code, whole);
            var partTotals = parts.Select(p => evaluator.Totals(company.Records, code, p)).ToList();
            var summed = partTotals.Aggregate((a, b) => a + b);

            AssertSameTotals(summed, wholeTotals, additiveOnly: true, at);

            // The deadline counts: the same records in the denominator, at least as many in the numerator.
            Assert.Equal(summed.Tickets.Complaints, wholeTotals.Tickets.Complaints);
            Assert.True(wholeTotals.Tickets.ComplaintsResolved >= summed.Tickets.ComplaintsResolved, at);
            Assert.Equal(summed.Training.Planned, wholeTotals.Training.Planned);
            Assert.True(wholeTotals.Training.Completed >= summed.Training.Completed, at);

            var fromParts = MetricFormulas.Compute(summed).Where(v => FlowMetrics.Contains(v.Metric));
            var direct = MetricFormulas.Compute(wholeTotals).Where(v => FlowMetrics.Contains(v.Metric));
            AssertSameValues(fromParts.ToList(), direct.ToList(), at);

            // And from records: the long period's value equals the value over exactly the records its parts hold.
            var direct2 = evaluator.Evaluate(company.Records, code, whole).Where(v => FlowMetrics.Contains(v.Metric)).ToList();
            AssertSameValues(direct.ToList(), direct2, at);
        }
    }

    private static void AssertSameValues(IReadOnlyList<MetricValue> expected, IReadOnlyList<MetricValue> actual, string at)
    {
        Assert.Equal(expected.Select(v => v.Metric), actual.Select(v => v.Metric));
        foreach (var (e, a) in expected.Zip(actual))
        {
            var where = $"{at}, {e.Metric}";
            Assert.True(e.Value == a.Value, $"{where}: value {e.Value} ≠ {a.Value}");
            Assert.True(e.Numerator == a.Numerator, $"{where}: numerator {e.Numerator} ≠ {a.Numerator}");
            Assert.True(e.Denominator == a.Denominator, $"{where}: denominator {e.Denominator} ≠ {a.Denominator}");
            Assert.True(e.Records == a.Records, $"{where}: records {e.Records} ≠ {a.Records}");
            Assert.Equal(e.Facets?.OrderBy(f => f.Key), a.Facets?.OrderBy(f => f.Key));
        }
    }

    private static void AssertSameTotals(MetricTotals expected, MetricTotals actual, bool additiveOnly, string at)
    {
        Assert.True(expected.Production == actual.Production, $"{at}: production {expected.Production} ≠ {actual.Production}");
        Assert.True(expected.Hours == actual.Hours, $"{at}: hours {expected.Hours} ≠ {actual.Hours}");
        Assert.True(expected.Deliveries == actual.Deliveries, $"{at}: deliveries {expected.Deliveries} ≠ {actual.Deliveries}");
        Assert.True(expected.Inspections == actual.Inspections, $"{at}: inspections {expected.Inspections} ≠ {actual.Inspections}");
        Assert.True(expected.Surveys == actual.Surveys, $"{at}: surveys {expected.Surveys} ≠ {actual.Surveys}");
        Assert.True(expected.Budget == actual.Budget, $"{at}: budget {expected.Budget} ≠ {actual.Budget}");
        Assert.True(expected.Safety == actual.Safety, $"{at}: safety {expected.Safety} ≠ {actual.Safety}");
        Assert.Equal(expected.Measurements.OrderBy(m => m.Key), actual.Measurements.OrderBy(m => m.Key));
        if (additiveOnly)
        {
            Assert.True(expected.Tickets with { ComplaintsResolved = 0 } == actual.Tickets with { ComplaintsResolved = 0 }, $"{at}: tickets {expected.Tickets} ≠ {actual.Tickets}");
            Assert.True(expected.Training.Planned == actual.Training.Planned, $"{at}: training {expected.Training} ≠ {actual.Training}");
        }
        else
        {
            Assert.True(expected.Tickets == actual.Tickets, $"{at}: tickets {expected.Tickets} ≠ {actual.Tickets}");
            Assert.True(expected.Training == actual.Training, $"{at}: training {expected.Training} ≠ {actual.Training}");
            Assert.True(expected.Staff == actual.Staff, $"{at}: staff {expected.Staff} ≠ {actual.Staff}");
        }
    }

    [Fact]
    public void Generator_SameSeed_GivesTheSameCompany()
    {
        var a = new RandomCompany(7);
        var b = new RandomCompany(7);

        Assert.Equal(a.Codes, b.Codes);
        Assert.Equal(a.Records.All, b.Records.All);
    }

    [Fact]
    public void Generator_AcrossTheSeeds_ExercisesTheEdgesThePropertiesAreAbout()
    {
        // A property that holds only because the data never reaches an edge proves nothing: check the 50 companies
        // have nested departments, every kind of record, records on both sides of Q4's bounds, and ratios that differ
        // between a parent and the mean of its children.
        var companies = Enumerable.Range(1, 50).Select(s => new RandomCompany(s)).ToList();

        Assert.Contains(companies, c => c.Codes.Any(code => c.Tree.Depth(code) >= 2));
        Assert.Contains(companies, c => c.Tree.Roots.Count() >= 2);
        foreach (var kind in RecordKinds.All.Where(k => k != RecordKind.Departments))
            Assert.Contains(companies, c => c.Records.All.Any(r => r.Kind == kind));
        Assert.Contains(companies, c => c.Records.Tickets.Any(t => t.CallbackAt - t.OpenedAt == TimeSpan.FromHours(48)));
        Assert.Contains(companies, c => c.Records.Tickets.Any(t => t.ResolvedAt == CompanyTimeZone.Default.Bounds(P("2026-10")).End));
        Assert.Contains(companies, c => c.Records.Production.Any(p => p.Date == Day("2026-09-30")) || c.Records.Production.Any(p => p.Date == Day("2027-01-01")));

        var differs = companies.Any(c =>
        {
            var e = new ReferenceEvaluator(c.Tree, CompanyTimeZone.Default);
            return c.Codes.Where(code => c.Tree.Children(code).Count >= 2).Any(code =>
            {
                var parent = e.Evaluate(c.Records, code, P("2026-Q4")).Single(v => v.Metric == PlanCompletion).Value;
                var children = c.Tree.Children(code).Select(ch => e.Evaluate(c.Records, ch.Code, P("2026-Q4")).Single(v => v.Metric == PlanCompletion).Value).ToList();
                return parent is not null && children.All(v => v is not null) && parent != children.Average(v => v!.Value);
            });
        });
        Assert.True(differs);
    }
}
