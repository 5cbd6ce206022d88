using System.Data.Common;
using System.Text.RegularExpressions;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using Kpi.Testing.Companies;
using Kpi.Storage.Bulk;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

using Kpi.Storage.Tests.Support;

namespace Kpi.Storage.Tests.Metrics;

/// <summary>
/// Scoring a card reads only the record kinds its lines need (the catalogue says which kinds feed each metric): the
/// README's three-line card of <c>EX</c> — plan completion, budget attainment, safety incidents — asks for production,
/// budget and safety and nothing else, and still scores exactly as the README works it out by hand.
/// </summary>
public sealed partial class CardQueriesTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Now = new(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Period October = Period.Month(2026, 10);

    private static readonly ScorecardDefinition ReadmeCard = new(
    [
        new ScorecardLine(MetricCatalogue.PlanCompletion, 1m, 40, Direction.Higher, new LinearRule(1.2m)),
        new ScorecardLine(MetricCatalogue.BudgetAttainment, 1m, 30, Direction.Lower, new LinearRule(1.2m)),
        new ScorecardLine(MetricCatalogue.SafetyIncidents, 0m, 30, Direction.Lower, new DeductionRule(50m)),
    ]);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task ThreeLineCard_RunsOneQueryForTheCardAndOnePerKindItsLinesRead(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "card-queries");
        await LoadReadmeExample(database);
        var commands = new CommandLog();
        await using var db = Open(database, commands);
        var org = await db.LoadOrganisationAsync();
        commands.Clear();

        var result = await db.ScoreAsync(org, "EX", October, CompanyTimeZone.Default);

        // The card itself, then production, budget and safety: 4 commands, where every kind (11) made 12.
        Assert.Equal(4, commands.Texts.Count);
        Assert.Equal(["budget_records", "production_records", "safety_records"], commands.RecordTables());
        // (98.75 × 40 + 95.238… × 30 + 50 × 30) / 100, as README.md works it out.
        Assert.NotNull(result);
        Assert.Equal((98.75m * 40 + 100m / 1.05m * 30 + 50m * 30) / 100m, result.Total!.Value, 20);
        Assert.Equal("C", result.Grade);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task CardWithScopedLines_ReadsEachScopesKindsOnly_AndScoresAsWithEveryKind(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "card-scoped");
        await LoadReadmeExample(database);
        var card = new ScorecardDefinition(
        [
            new ScorecardLine(MetricCatalogue.LabourProductivity, 10m, 50, Direction.Higher, new LinearRule()),
            new ScorecardLine(MetricCatalogue.OnTimeDelivery, 0.95m, 50, Direction.Higher, new LinearRule(), Scope: "EX-2"),
            new ScorecardLine(MetricCatalogue.SafetyIncidents, null, 0, Direction.Lower, new VetoRule(0, MetricFormulas.SafetyFacets.Serious), Scope: "EX-2"),
        ]);
        await using (var setup = database.NewContext())
            await setup.SaveScorecardAsync(await setup.LoadOrganisationAsync(), "EX-1", card, "test", Now);
        var commands = new CommandLog();
        await using var db = Open(database, commands);
        var org = await db.LoadOrganisationAsync();
        commands.Clear();

        var result = await db.ScoreAsync(org, "EX-1", October, CompanyTimeZone.Default);

        // EX-1: production and hours (labour productivity); EX-2: deliveries and safety.
        Assert.Equal(1 + 2 + 2, commands.Texts.Count);
        Assert.Equal(["delivery_records", "hours_records", "production_records", "safety_records"], commands.RecordTables());
        var everything = new Dictionary<string, IReadOnlyList<MetricValue>>
        {
            ["EX-1"] = await db.MetricValuesAsync(org, "EX-1", October, CompanyTimeZone.Default),
            ["EX-2"] = await db.MetricValuesAsync(org, "EX-2", October, CompanyTimeZone.Default),
        };
        var expected = Scorer.Score(card, l => everything[l.Scope ?? "EX-1"].Single(v => v.Metric == l.Metric));
        Assert.NotNull(result);
        Assert.Equal(expected.Total, result.Total);
        Assert.Equal(expected.Grade, result.Grade);
        Assert.Equal(expected.Lines.Select(l => (l.Metric, l.Value)), result.Lines.Select(l => (l.Metric, l.Value)));
        // EX-1's 240 pieces in 16 hours; EX-2: one of its two deliveries on time.
        Assert.Equal(240m / 16m, result.Lines[0].Actual);
        Assert.Equal(0.5m, result.Lines[1].Actual);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task EveryMetricAlone_ReadFromItsOwnKinds_EqualsItsValueAmongAll(DatabaseProvider provider)
    {
        var company = new RandomCompany(21, maxPerKind: 200);
        var database = await databases.CreateAsync(provider, "metric-alone");
        await using var db = database.NewContext();
        await StoredCompanies.Load(db, company);
        var org = await db.LoadOrganisationAsync();
        string[] metrics = [.. MetricCatalogue.BuiltIn.Select(m => m.Code), .. RandomCompany.CustomMetrics, "never_measured"];

        var compared = 0;
        foreach (var department in company.Codes.Take(3))
        {
            foreach (var period in new[] { October, Period.Quarter(2026, 4) })
            {
                var all = await db.MetricValuesAsync(org, department, period, CompanyTimeZone.Default);
                foreach (var metric in metrics)
                {
                    var alone = await db.MetricValuesAsync(org, department, period, CompanyTimeZone.Default, [metric]);
                    Assert.Equal(all.Where(v => v.Metric == metric), alone);
                    compared += alone.Count;
                }
                // Two metrics of different kinds together: each as it is among all.
                var pair = await db.MetricValuesAsync(org, department, period, CompanyTimeZone.Default, [MetricCatalogue.TurnoverRate, "m_ratio"]);
                Assert.Equal(all.Where(v => v.Metric is MetricCatalogue.TurnoverRate or "m_ratio"), pair);
            }
        }
        Assert.True(compared >= 6 * MetricCatalogue.BuiltIn.Count, $"{compared} values compared");
    }

    /// <summary>docs/metrics.md, "The same month on a fuller card": a line without data, bands and a veto, worked out by hand there.</summary>
    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task FullerCardOfTheDocs_ScoresAsDocsMetricsWorksItOut(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "card-docs");
        await LoadReadmeExample(database, otherKinds: false);
        ScorecardDefinition Card(string capGrade) => new(
        [
            new ScorecardLine(MetricCatalogue.PlanCompletion, 1m, 30, Direction.Higher, new BandsRule([new(1.0m, 100), new(0.95m, 90), new(0.9m, 70)])),
            new ScorecardLine(MetricCatalogue.OnTimeDelivery, 0.95m, 20, Direction.Higher, new LinearRule()),
            new ScorecardLine(MetricCatalogue.BudgetAttainment, 1m, 20, Direction.Lower, new LinearRule()),
            new ScorecardLine(MetricCatalogue.SafetyIncidents, 0m, 30, Direction.Lower, new DeductionRule(50m)),
            new ScorecardLine(MetricCatalogue.SafetyIncidents, null, 0, Direction.Lower, new VetoRule(0, MetricFormulas.SafetyFacets.Serious, capGrade)),
        ]);
        await using var db = database.NewContext();
        var org = await db.LoadOrganisationAsync();
        await db.SaveScorecardAsync(org, "EX", Card("C"), "test", Now);

        var minor = (await db.ScoreAsync(org, "EX", October, CompanyTimeZone.Default))!;

        Assert.Equal([90m, null, 100m * (1m / 1.05m), 50m, 100m], minor.Lines.Select(l => l.Points));
        Assert.Equal([37.5m, null, 25m, 37.5m, 0m], minor.Lines.Select(l => l.EffectiveWeight));
        Assert.Equal((90m * 30 + 100m / 1.05m * 20 + 50m * 30 + 100m * 0) / 80m, minor.Total!.Value, 20);
        Assert.Equal(76.31m, Math.Round(minor.Total.Value, 2));
        Assert.Equal(0.8m, minor.Completeness);
        Assert.Equal("C", minor.Grade);
        Assert.Null(minor.Veto);

        // The incident was major after all, and the veto caps at D.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.MergeRecordsAsync(RecordKind.Safety,
                [new SafetyRecord("EX-S1", "EX-2", new DateTime(2026, 10, 14, 1, 30, 0, DateTimeKind.Utc), Severity.Major)], org.IdOf, Now, null);
            await db.SaveScorecardAsync(org, "EX", Card("D"), "test", Now);
            await tx.CommitAsync();
        }

        var major = (await db.ScoreAsync(org, "EX", October, CompanyTimeZone.Default))!;

        Assert.Equal(minor.Total, major.Total);
        Assert.Equal("D", major.Grade);
        Assert.Equal("safety_incidents.serious = 1 > 0: grade capped at D", major.Veto!.Reason);
    }

    /// <summary>The README's worked example (docs/examples), plus records of kinds its card does not read.</summary>
    private static async Task LoadReadmeExample(TestDatabase database, bool otherKinds = true)
    {
        await using var db = database.NewContext();
        await DepartmentMerge.MergeAsync(db,
            [new(2, new Department("EX", "示例车间")), new(3, new Department("EX-1", "一班", "EX")), new(4, new Department("EX-2", "二班", "EX"))], Now);
        var org = await db.LoadOrganisationAsync();
        var day = new DateOnly(2026, 10, 1);
        SourceRecord[] records =
        [
            new ProductionRecord("EX-P1", "EX-1", day, 120, 114),
            new ProductionRecord("EX-P2", "EX-1", day.AddDays(1), 120, 126),
            new ProductionRecord("EX-P3", "EX-2", day, 80, 76),
            new BudgetRecord("EX-B1", "EX", day, 50000, 52500),
            new SafetyRecord("EX-S1", "EX-2", new DateTime(2026, 10, 14, 1, 30, 0, DateTimeKind.Utc), Severity.Minor),
            new HoursRecord("EX-H1", "EX-1", day, 16),
            new DeliveryRecord("EX-D1", "EX-2", "SO-1", day, day),
            new DeliveryRecord("EX-D2", "EX-2", "SO-2", day, day.AddDays(3)),
            new TicketRecord("EX-T1", "EX", TicketKind.Complaint, Now.AddDays(-20), null, null),
            new StaffRecord("EX-E1", "EX-1", "E1", "name", "position", day.AddYears(-1), null, true),
        ];
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.SaveScorecardAsync(org, "EX", ReadmeCard, "test", Now);
        foreach (var kind in records.Take(otherKinds ? records.Length : 5).GroupBy(r => r.Kind))
            await db.MergeRecordsAsync(kind.Key, kind, org.IdOf, Now, null);
        await tx.CommitAsync();
    }

    private static KpiDbContext Open(TestDatabase database, CommandLog log) => database.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresKpiDbContext((DbContextOptions<PostgresKpiDbContext>)StorageServices
            .Configure(new DbContextOptionsBuilder<PostgresKpiDbContext>(), database.Provider, database.ConnectionString).AddInterceptors(log).Options),
        _ => new SqliteKpiDbContext((DbContextOptions<SqliteKpiDbContext>)StorageServices
            .Configure(new DbContextOptionsBuilder<SqliteKpiDbContext>(), database.Provider, database.ConnectionString).AddInterceptors(log).Options),
    };

    /// <summary>Every command EF Core sends, as text.</summary>
    private sealed partial class CommandLog : DbCommandInterceptor
    {
        private readonly List<string> _texts = [];

        public IReadOnlyList<string> Texts => _texts;

        public void Clear() => _texts.Clear();

        /// <summary>The record tables the commands read, each once, by name.</summary>
        public IReadOnlyList<string> RecordTables() =>
            _texts.SelectMany(t => RecordTable().Matches(t).Select(m => m.Value)).Distinct().Order(StringComparer.Ordinal).ToList();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _texts.Add(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            _texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            _texts.Add(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken ct = default)
        {
            _texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        [GeneratedRegex(@"\b[a-z]+_records\b")]
        private static partial Regex RecordTable();
    }
}
