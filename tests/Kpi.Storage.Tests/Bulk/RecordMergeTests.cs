using Kpi.Domain.Records;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Organisation;
using Kpi.Storage.Records;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Tests.Bulk;

/// <summary>The bulk merge on both providers: idempotent by record_id, updates only what changed, loses nothing of a value.</summary>
public sealed class RecordMergeTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime FirstImport = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SecondImport = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task SameRowsTwice_SecondMergeChangesNothing(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "merge-twice");
        var rows = Production(("P1", 100m, 98m), ("P2", 50m, 50m), ("P3", 10.5m, 0m));

        var first = await Merge(database, rows, FirstImport);
        var second = await Merge(database, rows, SecondImport);

        Assert.Equal(new MergeCounts(3, 0, 0), first);
        Assert.Equal(new MergeCounts(0, 0, 3), second);
        await using var db = database.NewContext();
        Assert.All(await db.Production.ToListAsync(), r => Assert.Equal(FirstImport, r.ChangedAt));
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task ChangedValue_UpdatesThatRowOnly(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "merge-update");
        await Merge(database, Production(("P1", 100m, 98m), ("P2", 50m, 50m)), FirstImport);

        var counts = await Merge(database, Production(("P1", 100m, 99m), ("P2", 50.00m, 50.0m), ("P3", 1m, 1m)), SecondImport);

        Assert.Equal(new MergeCounts(1, 1, 1), counts);
        await using var db = database.NewContext();
        var stored = await db.Production.OrderBy(r => r.RecordId).ToListAsync();
        Assert.Equal([99m, 50m, 1m], stored.Select(r => r.ActualQty));
        Assert.Equal([SecondImport, FirstImport, SecondImport], stored.Select(r => r.ChangedAt));
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task EveryKind_RoundTripsExactly(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "merge-roundtrip");
        await using var db = database.NewContext();
        var departmentId = await AddDepartment(db, "D1");
        var samples = SampleRecords.OneOfEachKind("D1");

        foreach (var record in samples)
        {
            var table = RecordTables.For(record.Kind);
            await using var tx = await db.Database.BeginTransactionAsync();
            var counts = await RecordMergers.For(db).MergeAsync(db, table.RowType, [table.ToRow(record, departmentId)]);
            await tx.CommitAsync();
            Assert.Equal(new MergeCounts(1, 0, 0), counts);
        }

        foreach (var record in samples)
        {
            var table = RecordTables.For(record.Kind);
            var rows = await RowsOf(db, table.RowType);
            var back = table.ToRecord(Assert.Single(rows), "D1");
            Assert.Equal(record, back);
        }
    }

    private static async Task<List<RecordRow>> RowsOf(KpiDbContext db, Type rowType)
    {
        var set = (IQueryable<RecordRow>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(rowType).Invoke(db, null)!;
        return await set.AsNoTracking().ToListAsync();
    }

    private static List<ProductionRow> Production(params (string Id, decimal Planned, decimal Actual)[] rows) =>
        rows.Select(r => new ProductionRow { RecordId = r.Id, Date = new DateOnly(2026, 10, 1), PlannedQty = r.Planned, ActualQty = r.Actual }).ToList();

    private static async Task<MergeCounts> Merge(TestDatabase database, List<ProductionRow> rows, DateTime now)
    {
        await using var db = database.NewContext();
        var departmentId = await db.Departments.Where(d => d.Code == "D1").Select(d => d.Id).FirstOrDefaultAsync();
        if (departmentId == 0) departmentId = await AddDepartment(db, "D1");
        foreach (var r in rows)
        {
            r.DepartmentId = departmentId;
            r.ChangedAt = now;
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        var counts = await RecordMergers.For(db).MergeAsync(db, typeof(ProductionRow), rows.Cast<RecordRow>().ToList());
        await tx.CommitAsync();
        return counts;
    }

    private static async Task<int> AddDepartment(KpiDbContext db, string code)
    {
        var d = new DepartmentEntity { Code = code, Name = code, ChangedAt = FirstImport };
        db.Departments.Add(d);
        await db.SaveChangesAsync();
        return d.Id;
    }
}

/// <summary>One valid record of every data kind, with the awkward values: Chinese text, nulls, fractional decimals, UTC instants.</summary>
internal static class SampleRecords
{
    public static IReadOnlyList<SourceRecord> OneOfEachKind(string department) =>
    [
        new ProductionRecord("P-1", department, new DateOnly(2026, 10, 31), 1234.5678m, 1200.0001m),
        new HoursRecord("H-1", department, new DateOnly(2026, 10, 31), 7.25m),
        new DeliveryRecord("D-1", department, "SO-2026-001", new DateOnly(2026, 10, 15), null),
        new InspectionRecord("I-1", department, new DateOnly(2026, 10, 2), 1000m, 987m),
        new TicketRecord("T-1", department, TicketKind.Complaint, new DateTime(2026, 10, 31, 17, 30, 0, DateTimeKind.Utc),
            new DateTime(2026, 11, 2, 17, 30, 0, DateTimeKind.Utc), null),
        new SurveyRecord("S-1", department, new DateOnly(2026, 10, 20), SurveyType.Collaboration, 87.5m),
        new TrainingRecord("TR-1", department, "E001", "安全生产培训", new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 9)),
        new BudgetRecord("B-1", department, new DateOnly(2026, 10, 1), 250000m, 248123.45m),
        new SafetyRecord("SA-1", department, new DateTime(2026, 10, 5, 1, 2, 3, DateTimeKind.Utc).AddTicks(1234560), Severity.Major),
        new StaffRecord("ST-1", department, "E001", "张三", "操作工", new DateOnly(2020, 3, 1), new DateOnly(2026, 10, 31), true),
        new MeasurementRecord("M-1", department, "sales_completion", new DateOnly(2026, 10, 31), 1.5m, null),
    ];
}
