using System.Collections.Concurrent;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Testing.Jobs;
using Kpi.Testing.Storage;

namespace Kpi.Worker.Tests.Support;

/// <summary>
/// What "the month ended as one clean close" means for the demo's October, checked on a database a broken close
/// ended in: one version per department, frozen once; every pack stored once and whole; versions and packs exactly
/// those of an uninterrupted close.
/// </summary>
public static class CleanClose
{
    // One clean freeze per provider serves every test: a version's content does not depend on its freeze time.
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<List<ScorecardVersion>>>> Freezes = new();

    /// <param name="fresh">Gives an empty database of the same provider for the clean freeze, the first time one is needed.</param>
    /// <returns>The stored packs.</returns>
    public static async Task<List<StoredPack>> AssertAsync(TestDatabase database, Func<Task<TestDatabase>> fresh)
    {
        var versions = await DemoClose.VersionsAsync(database);
        Assert.Equal(15, versions.Count);
        Assert.All(versions, v => Assert.Equal((1, 1), (v.Version, v.Revision)));
        Assert.Single(versions.Select(v => v.FrozenAt).Distinct());
        var close = (await DemoClose.CloseAsync(database))!;
        Assert.Equal((CloseStatus.Closed, 1, null), (close.Status, close.Revision, close.Error));

        var stored = await DemoClose.StoredAsync(database);
        Assert.Equal(DemoClose.PackCount, stored.Count);
        Assert.Equal(stored.Count, stored.Select(p => p.Key).Distinct().Count());
        Assert.All(stored, p =>
        {
            Assert.Equal(p.Content.LongLength, p.Size);
            Assert.Equal(StoredFileStore.Sha256(p.Content), p.Sha256);
        });

        // An uninterrupted close: the versions one clean freeze of the same data writes, and the packs rendered from them.
        var clean = await Freezes.GetOrAdd(database.Provider, _ => new(async () => await DemoClose.CleanFreezeAsync(await fresh()))).Value;
        Assert.Equal(clean.Select(v => (v.DepartmentCode, v.Content)), versions.Select(v => (v.DepartmentCode, v.Content)));
        var rendered = await DemoClose.RenderedAsync(database);
        Assert.Equal(rendered.Select(p => p.Key), stored.Select(p => p.Key));
        foreach (var (expected, actual) in rendered.Zip(stored))
            Assert.True(expected.Content.AsSpan().SequenceEqual(actual.Content), $"{actual.Key} differs from the uninterrupted close's");
        return stored;
    }
}
