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

    [Fact]
    public void Window_OfMonthsThatAreNotConsecutive_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new MonthBuckets([Period.Month(2026, 1), Period.Month(2026, 3)], CompanyTimeZone.Default));
}
