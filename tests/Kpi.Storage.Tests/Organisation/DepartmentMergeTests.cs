using Kpi.Domain.Organisation;
using Kpi.Storage.Bulk;
using Kpi.Storage.Organisation;
using Kpi.Testing.Storage;

namespace Kpi.Storage.Tests.Organisation;

/// <summary>Departments merge by code and the stored org must stay one tree.</summary>
public sealed class DepartmentMergeTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Now = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task ParentLaterInTheFile_IsAccepted_AndReimportIsUnchanged(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "dept-order");
        DepartmentLine[] file = [new(2, new Department("PROD-RESIN", "树脂车间", "PROD")), new(3, new Department("PROD", "生产部", "HQ")), new(4, new Department("HQ", "公司"))];

        var (first, rejectedFirst) = await Merge(database, file);
        var (second, _) = await Merge(database, file);

        Assert.Equal(new MergeCounts(3, 0, 0), first);
        Assert.Empty(rejectedFirst);
        Assert.Equal(new MergeCounts(0, 0, 3), second);
        await using var db = database.NewContext();
        var org = await db.LoadOrganisationAsync();
        Assert.Equal(["PROD", "PROD-RESIN"], org.Tree.Subtree("PROD"));
        Assert.Equal("树脂车间", org.Tree.Get("PROD-RESIN").Name);
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task UnknownParentAndCycle_AreRefusedByLine_OthersStored(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "dept-bad");
        await Merge(database, [new(2, new Department("HQ", "公司")), new(3, new Department("A", "A", "HQ")), new(4, new Department("B", "B", "A"))]);

        var (counts, rejected) = await Merge(database,
        [
            new(2, new Department("A", "A", "B")),
            new(3, new Department("C", "C", "NOPE")),
            new(4, new Department("D", "D 部", "HQ")),
            new(5, new Department("B", "B renamed", "A")),
        ]);

        Assert.Equal(new MergeCounts(1, 1, 0), counts);
        Assert.Equal([(2, "parent_code"), (3, "parent_code")], rejected.Select(r => (r.Line, r.Column)).OrderBy(x => x.Line));
        Assert.Contains("NOPE", rejected.Single(r => r.Line == 3).Reason);
        Assert.Contains("own ancestor", rejected.Single(r => r.Line == 2).Reason);
        await using var db = database.NewContext();
        var org = await db.LoadOrganisationAsync();
        Assert.Equal("HQ", org.Tree.Get("A").ParentCode);
        Assert.Equal("B renamed", org.Tree.Get("B").Name);
        Assert.True(org.Tree.Contains("D"));
    }

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task SecondRoot_IsRefusedNamingTheCompanyRoot_AndTheRootMayMoveUnderANewTop(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "dept-root");
        var (_, firstFile) = await Merge(database, [new(2, new Department("HQ", "华彩涂料有限公司")), new(3, new Department("OTHER", "另一家"))]);
        var refused = Assert.Single(firstFile);
        Assert.Equal((3, "parent_code"), (refused.Line, refused.Column));
        Assert.Contains("'HQ' (华彩涂料有限公司)", refused.Reason);

        // The README's worked example without its parent: a second root beside the demo company.
        var (counts, rejected) = await Merge(database, [new(2, new Department("EX", "示例车间")), new(3, new Department("EX-1", "一班", "EX"))]);
        Assert.Equal(new MergeCounts(0, 0, 0), counts);
        Assert.Equal([(2, "parent_code"), (3, "parent_code")], rejected.Select(r => (r.Line, r.Column)).OrderBy(x => x.Line));

        // Re-importing the root as it is, and moving it under a new holding company, keep one root.
        var (moved, none) = await Merge(database, [new(2, new Department("GROUP", "集团")), new(3, new Department("HQ", "华彩涂料有限公司", "GROUP"))]);
        Assert.Empty(none);
        Assert.Equal(new MergeCounts(1, 1, 0), moved);
        await using var db = database.NewContext();
        Assert.Equal(["GROUP"], (await db.LoadOrganisationAsync()).Tree.Roots.Select(r => r.Code));
    }

    private static async Task<(MergeCounts, IReadOnlyList<DepartmentRejection>)> Merge(TestDatabase database, IReadOnlyList<DepartmentLine> lines)
    {
        await using var db = database.NewContext();
        return await DepartmentMerge.MergeAsync(db, lines, Now);
    }
}
