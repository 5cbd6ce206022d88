using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Reporting.Models;
using Kpi.Demo.Company;
using Kpi.Demo.Scorecards;
using Kpi.Demo.Sources;
using Kpi.Jobs.Packs;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Close;
using Kpi.Storage.Imports;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Kpi.Testing.Time;

namespace Kpi.Jobs.Tests.Close;

/// <summary>
/// Freezing the demo company's October on a real database: the fast path scores every department exactly as scoring it
/// alone from the database does, a second freeze without new data writes nothing, and a late import restates just the
/// departments whose numbers it moves, saying which figures and which run.
/// </summary>
public sealed class FreezeTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Now = new(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Period October = Period.Month(2026, 10);
    private static readonly CompanyTimeZone Zone = CompanyTimeZone.Default;

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task Freeze_ScoresEveryDepartmentExactlyAsScoringItAloneFromTheDatabase(DatabaseProvider provider)
    {
        await using var db = await SeededAsync(provider, "freeze-judge");
        var org = await db.LoadOrganisationAsync();

        var outcome = await Freezer.FreezeAsync(db, October, "close", "test", "Kpi", Zone, Now);

        Assert.Equal(org.Tree.All.Count, outcome.Created.Count);
        Assert.All(outcome.Created, v => Assert.Equal(1, v.Version));
        var values = new Dictionary<(string, Period), IReadOnlyList<MetricValue>>();
        async Task<decimal?> ValueAsync(string scope, Period p, string metric)
        {
            if (!values.TryGetValue((scope, p), out var list)) values[(scope, p)] = list = await db.MetricValuesAsync(org, scope, p, Zone);
            return list.FirstOrDefault(v => v.Metric == metric)?.Value;
        }

        var totals = new Dictionary<string, decimal?>();
        foreach (var version in outcome.Created)
        {
            var pack = FrozenScorecard.Deserialize(version.Content);
            var expected = (await db.ScoreAsync(org, version.DepartmentCode, October, Zone))!;
            totals[version.DepartmentCode] = expected.Total;
            Assert.Equal(expected.Total, pack.Scorecard.Total);
            Assert.Equal(expected.Grade, pack.Scorecard.Grade);
            Assert.Equal(expected.Completeness, pack.Scorecard.Completeness);
            Assert.Equal(expected.Veto?.Reason, pack.Scorecard.Veto?.Reason);
            Assert.Equal(expected.Lines.Select(l => (l.Metric, l.Actual, l.Value?.Numerator, l.Value?.Denominator, l.Value?.Records, l.Points)),
                pack.Scorecard.Lines.Select(l => (l.Metric, l.Value?.Value, l.Value?.Numerator, l.Value?.Denominator, l.Value?.Records, l.Points)));

            foreach (var section in pack.Sections)
            {
                var scope = section.Scope ?? version.DepartmentCode;
                var where = $"{version.DepartmentCode} {section.Metric}";
                Assert.True(await ValueAsync(scope, October, section.Metric) == section.Month, $"{where} month");
                Assert.True(await ValueAsync(scope, October.QuarterToDateOfLastMonth, section.Metric) == section.QuarterToDate, $"{where} QTD");
                Assert.True(await ValueAsync(scope, October.YearToDateOfLastMonth, section.Metric) == section.YearToDate, $"{where} YTD");
                Assert.True(await ValueAsync(scope, October.SameLastYear, section.Metric) == section.SameMonthLastYear, $"{where} same month last year");
                foreach (var point in section.Trend)
                    Assert.True(await ValueAsync(scope, Period.Parse(point.Period), section.Metric) == point.Value, $"{where} {point.Period}");
            }
        }

        foreach (var version in outcome.Created)
        {
            var pack = FrozenScorecard.Deserialize(version.Content);
            var peers = org.Tree.Peers(version.DepartmentCode).Select(p => totals[p.Code]).ToList();
            Assert.Equal(peers.Count < 2 ? null : new FrozenRank(1 + peers.Count(t => t > totals[version.DepartmentCode]), peers.Count), pack.Rank);
        }
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task FreezeAgain_WithoutNewData_WritesNothing(DatabaseProvider provider)
    {
        await using var db = await SeededAsync(provider, "freeze-twice");

        var first = await Freezer.FreezeAsync(db, October, "close", "test", "Kpi", Zone, Now);
        var second = await Freezer.FreezeAsync(db, October, "close", "test", "Kpi", Zone, Now.AddHours(1));

        Assert.NotEmpty(first.Created);
        Assert.Empty(second.Created);
        Assert.Equal(1, second.Close.Revision);
        Assert.Equal(first.Created.Count, await db.ScorecardVersions.CountAsync());
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task LateRecords_RestateTheDepartmentsTheyFeed_ListingTheFiguresAndTheRun(DatabaseProvider provider)
    {
        await using var db = await SeededAsync(provider, "freeze-late");
        await Freezer.FreezeAsync(db, October, "close", "test", "Kpi", Zone, Now);
        var before = (await Freezer.LatestAsync(db, October.ToString()))["PROD-RESIN"].Pack;

        // A corrected October production record for 树脂车间 arrives after the close.
        var demo = DemoCompany.Generate(October);
        var record = demo.Records.Production.First(r => r.Department == "PROD-RESIN" && October.Contains(r.Date));
        var runId = await ImportAsync(db, RecordKind.Production, [record with { ActualQty = record.ActualQty / 2 }], Now.AddHours(2));

        var restated = await Freezer.FreezeAsync(db, October, "restatement", "test", "Kpi", Zone, Now.AddHours(3));

        var byCode = restated.Created.ToDictionary(v => v.DepartmentCode);
        foreach (var code in new[] { "PROD-RESIN", "PROD", "HQ" }) Assert.Equal(2, byCode[code].Version);
        Assert.DoesNotContain("CS-DESK", byCode.Keys); // another branch, other peers: nothing it states has moved
        Assert.Equal(2, restated.Close.Revision);

        var changes = VersionChanges.Deserialize(byCode["PROD-RESIN"].Changes!);
        Assert.Equal("restatement", changes.Trigger);
        Assert.Equal(ChangedFigure.Total, changes.Figures[0].Item);
        var plan = Assert.Single(changes.Figures, f => f.Item == MetricCatalogue.PlanCompletion);
        Assert.Equal(before.Scorecard.Lines.First(l => l.Metric == MetricCatalogue.PlanCompletion).Value!.Value, plan.Old);
        Assert.True(plan.New < plan.Old);
        Assert.Equal(new ChangedRun(runId, "production", "test", "late-production.csv", 1), Assert.Single(changes.Runs));

        // Closing once more finds nothing new.
        Assert.Empty((await Freezer.FreezeAsync(db, October, "close", "test", "Kpi", Zone, Now.AddHours(4))).Created);
    }

    [Fact]
    public async Task PackModels_NameScopedLinesByTheirScope_RankOnlyAmongPeers_AndVersionTheSummary()
    {
        await using var db = await SeededAsync(DatabaseProvider.Sqlite, "freeze-models");
        var first = await Freezer.FreezeAsync(db, October, "close", "test", "Kpi", Zone, Now);
        var byCode = first.Created.ToDictionary(v => v.DepartmentCode);

        // 行政人力资源部 answers for the company's turnover: its pack says whose turnover it is.
        var hr = ReportModels.Department(byCode["HR"], ReportLanguage.Zh, Zone, PackVariant.Full);
        Assert.Contains(hr.Scorecard.Lines, l => l.MetricName == "员工离职率(华彩涂料有限公司)");
        Assert.Contains(hr.Metrics, m => m.MetricName == "员工离职率(华彩涂料有限公司)");
        Assert.Contains(hr.Scorecard.Lines, l => l.MetricName == "部门费用预算达成率");
        // The company has no peers: no "1 / 1".
        Assert.Null(ReportModels.Department(byCode["HQ"], ReportLanguage.Zh, Zone, PackVariant.Full).Scorecard.Rank);
        Assert.Equal(6, ReportModels.Department(byCode["PROD"], ReportLanguage.Zh, Zone, PackVariant.Full).Scorecard.Rank!.Of);

        var summary = ReportModels.Summary(October.ToString(), first.Created, ReportLanguage.Zh, Zone);
        Assert.Equal(1, summary.Version);
        Assert.Null(summary.Restatement);
        Assert.Equal(["CS", "FIN", "HR", "PROD", "QA", "SALES"], summary.Ranking.Select(r => r.DepartmentCode).Order());

        var demo = DemoCompany.Generate(October);
        var record = demo.Records.Production.First(r => r.Department == "PROD-RESIN" && October.Contains(r.Date));
        await ImportAsync(db, RecordKind.Production, [record with { ActualQty = record.ActualQty / 2 }], Now.AddHours(2));
        var second = await Freezer.FreezeAsync(db, October, "restatement", "test", "Kpi", Zone, Now.AddHours(3));
        var asOfTwo = (await Freezer.LatestAsync(db, October.ToString())).Values.Select(v => v.Row).ToList();

        var restated = ReportModels.Summary(October.ToString(), asOfTwo, ReportLanguage.Zh, Zone);
        Assert.Equal(2, restated.Version);
        Assert.Equal(second.Created.Where(v => v.Version > 1).Select(v => v.DepartmentCode).Order().Select(c => demo.Department(c).Department.Name),
            restated.Restatement!.Departments);
        Assert.Contains("树脂车间", restated.Restatement.Departments);
    }

    private async Task<KpiDbContext> SeededAsync(DatabaseProvider provider, string name)
    {
        var database = await databases.CreateAsync(provider, name);
        var db = database.NewContext();
        await DemoSeeder.SeedIfEmptyAsync(db, new FixedClock(Now), Zone);
        return db;
    }

    /// <summary>What an import of a file does to the tables: a run, and the records merged under its id.</summary>
    private static async Task<long> ImportAsync(KpiDbContext db, RecordKind kind, IReadOnlyList<SourceRecord> records, DateTime at)
    {
        var run = new ImportRun { Kind = kind.Name(), Source = "test", FileName = "late-production.csv", StartedAt = at, Status = ImportStatus.Running };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync();
        var org = await db.LoadOrganisationAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var counts = await db.MergeRecordsAsync(kind, records, org.IdOf, at, run.Id);
        run.Updated = counts.Updated;
        run.Inserted = counts.Inserted;
        run.Status = ImportStatus.Succeeded;
        run.FinishedAt = at;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return run.Id;
    }
}
