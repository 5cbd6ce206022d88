using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Kpi.Testing.Storage;
using Xunit.Abstractions;
using Kpi.Testing.Companies;

using Kpi.Storage.Tests.Support;

namespace Kpi.Storage.Tests.Metrics;

/// <summary>
/// The close's fast path — every department's totals for a 13-month window, its quarter- and year-to-date, from a
/// few grouped queries rolled up the tree in C# — against the reference evaluator, subtree by subtree and period by
/// period, on the random companies and bound-hugging records of <see cref="MetricTotalsDifferentialTests"/>. Windows end
/// in a quarter's first, middle and last month and across a year end, so the non-additive figures (complaints
/// resolved by the period's end, training completed by its last day, headcount) are judged on spans that differ
/// from their months.
/// </summary>
public sealed class WindowTotalsDifferentialTests(DatabaseFixture databases, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 11)]
    [InlineData(DatabaseProvider.Sqlite, 12)]
    [PostgresData]
    public async Task WindowTotals_EqualReferenceEvaluator_ForEveryMonthAndSpanOfEverySubtree(DatabaseProvider provider, int seed = 11)
    {
        var company = new RandomCompany(seed, maxPerKind: 600);
        company.Records.AddRange(StoredCompanies.EdgeRecords(company.Codes));
        var database = await databases.CreateAsync(provider, $"window-{seed}");
        await using var db = database.NewContext();
        await StoredCompanies.Load(db, company);
        var org = await db.LoadOrganisationAsync();
        var zone = CompanyTimeZone.Default;
        var reference = new ReferenceEvaluator(company.Tree, zone);

        var compared = 0;
        foreach (var close in new[] { Period.Month(2026, 10), Period.Month(2026, 11), Period.Month(2026, 12), Period.Month(2027, 1) })
        {
            var months = close.TrailingMonths(13);
            Period[] spans = [close.QuarterToDateOfLastMonth, close.YearToDateOfLastMonth];
            var window = await db.WindowTotalsAsync(months, spans, zone);
            foreach (var department in company.Codes)
            {
                foreach (var period in months.Concat(spans))
                {
                    var expected = reference.Totals(company.Records, department, period);
                    StoredCompanies.AssertSameTotals(expected, window.Of(org.SubtreeIds(department), period), $"{department} {period} (window to {close})");
                    compared++;
                }
            }
        }
        output.WriteLine($"{compared} subtree-periods compared");
        Assert.True(compared >= 4 * 15);
    }

    /// <summary>A page reads the window of the departments it shows only: their subtrees' totals are the same, and any other department is refused rather than read as empty.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task WindowTotals_OfSomeDepartments_EqualReferenceForTheirSubtrees_AndRefuseTheRest(DatabaseProvider provider)
    {
        var company = new RandomCompany(13, maxPerKind: 600);
        company.Records.AddRange(StoredCompanies.EdgeRecords(company.Codes));
        var database = await databases.CreateAsync(provider, "window-some");
        await using var db = database.NewContext();
        await StoredCompanies.Load(db, company);
        var org = await db.LoadOrganisationAsync();
        var zone = CompanyTimeZone.Default;
        var reference = new ReferenceEvaluator(company.Tree, zone);
        var root = company.Tree.Roots.Single().Code;
        // The largest subtree below the root: a division with departments under it.
        var division = company.Tree.Children(root).MaxBy(d => org.SubtreeIds(d.Code).Count)!.Code;

        var close = Period.Month(2026, 11);
        var months = close.TrailingMonths(13);
        Period[] spans = [close.QuarterToDateOfLastMonth];
        var window = await db.WindowTotalsAsync(months, spans, zone, org.SubtreeIds(division).ToList());
        foreach (var department in company.Tree.Subtree(division))
        {
            foreach (var period in months.Concat(spans))
                StoredCompanies.AssertSameTotals(reference.Totals(company.Records, department, period), window.Of(org.SubtreeIds(department), period),
                    $"{department} {period}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Of(org.SubtreeIds(root), close));
        Assert.False(window.Includes(org.IdOf[root]));
    }

    [Fact]
    public void Window_OfMonthsThatAreNotConsecutive_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new MonthBuckets([Period.Month(2026, 1), Period.Month(2026, 3)], CompanyTimeZone.Default));
}
