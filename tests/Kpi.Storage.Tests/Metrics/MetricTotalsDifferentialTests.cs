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

using Kpi.Storage.Tests.Support;

namespace Kpi.Storage.Tests.Metrics;

/// <summary>
/// The database's set-based totals against the domain's reference evaluator, on the same random records: every metric
/// input, every department subtree, months on both sides of the year, quarters, a YTD and a year. The random company
/// puts instants at local midnight and callbacks at exactly 48 h, where the two could disagree.
/// </summary>
public sealed class MetricTotalsDifferentialTests(DatabaseFixture databases, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 11)]
    [InlineData(DatabaseProvider.Sqlite, 12)]
    [PostgresData]
    public async Task DatabaseTotals_EqualReferenceEvaluator(DatabaseProvider provider, int seed = 11)
    {
        var company = new RandomCompany(seed, maxPerKind: 600);
        company.Records.AddRange(StoredCompanies.EdgeRecords(company.Codes));
        var database = await databases.CreateAsync(provider, $"differential-{seed}");
        await using var db = database.NewContext();
        await StoredCompanies.Load(db, company);
        var org = await db.LoadOrganisationAsync();
        var zone = CompanyTimeZone.Default;
        var reference = new ReferenceEvaluator(company.Tree, zone);
        output.WriteLine($"{company.Records.All.Count()} records, {company.Codes.Length} departments, {StoredCompanies.Periods.Length} periods");

        var compared = 0;
        foreach (var department in company.Codes)
        {
            foreach (var period in StoredCompanies.Periods)
            {
                var expected = reference.Totals(company.Records, department, period);
                var actual = await db.TotalsAsync(org.SubtreeIds(department), period, zone);
                StoredCompanies.AssertSameTotals(expected, actual, $"{department} {period}");
                compared++;
            }
        }
        Assert.True(compared >= StoredCompanies.Periods.Length);
    }


}
