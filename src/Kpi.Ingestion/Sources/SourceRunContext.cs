using Kpi.Domain.Records;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Imports;
using Kpi.Storage.Sources;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// What a connector gets for one run: the source, where its files live, the watermark reached so far, and
/// <see cref="ImportAsync"/>, which imports a batch of rows and moves the watermark inside the same transaction.
/// </summary>
public sealed class SourceRunContext(
    SourceEntity source, SourceRun run, Watermark? watermark, KpiDbContext db, RecordImporter importer, string dataPath, TimeProvider clock)
{
    public SourceEntity Source { get; } = source;
    public SourceRun Run { get; } = run;
    public RecordKind Kind { get; } = RecordKinds.TryParse(source.Kind, out var k) ? k : throw new SourceException($"'{source.Kind}' is not a record kind.");
    public KpiDbContext Db { get; } = db;
    public string DataPath { get; } = dataPath;
    public TimeProvider Clock { get; } = clock;

    /// <summary>The watermark committed so far; null before the first successful pull.</summary>
    public Watermark? Watermark { get; private set; } = watermark;

    /// <summary>
    /// Imports one batch (a file, or every page of a pull) in one transaction. <paramref name="reached"/> is asked, once
    /// every row has been read, for the largest marker seen; when it is past the current watermark it is written in
    /// the import's transaction, so the watermark can never move without the records it covers.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(IEnumerable<SourceRow> rows, string? fileName, Func<Watermark?>? reached, CancellationToken ct)
    {
        Watermark? next = null;
        var outcome = await importer.ImportAsync(Kind, rows, Origin(fileName), ct, async token =>
        {
            next = reached?.Invoke();
            if (next is null || (Watermark is not null && Watermark.Compare(next, Watermark) <= 0)) { next = null; return; }
            await SaveWatermarkAsync(next, token);
        });
        if (outcome.Status == ImportStatus.Succeeded && next is not null) Watermark = next;
        Count(outcome);
        return outcome;
    }

    /// <summary>Imports a file of the inbox; the file's format comes from its name or bytes, as for uploads.</summary>
    public async Task<ImportOutcome> ImportFileAsync(Stream content, string fileName, CancellationToken ct)
    {
        var outcome = await importer.ImportFileAsync(content, fileName, Kind, null, Origin(fileName), ct);
        Count(outcome);
        return outcome;
    }

    private ImportOrigin Origin(string? fileName) => new(Source.Name, $"source:{Source.Name}", fileName, Run.Id);

    private void Count(ImportOutcome outcome)
    {
        Run.Accepted += outcome.Accepted;
        Run.Updated += outcome.Updated;
        Run.Unchanged += outcome.Unchanged;
        Run.Rejected += outcome.RejectedRows;
        Run.WatermarkAfter = Watermark?.Value;
    }

    private async Task SaveWatermarkAsync(Watermark next, CancellationToken ct)
    {
        var stored = await Db.SourceWatermarks.FirstOrDefaultAsync(w => w.SourceName == Source.Name, ct);
        if (stored is null)
        {
            stored = new SourceWatermark { SourceName = Source.Name };
            Db.SourceWatermarks.Add(stored);
        }
        stored.Value = next.Value;
        stored.Type = next.Type;
        stored.UpdatedAt = Clock.GetUtcNow().UtcDateTime;
        stored.SourceRunId = Run.Id;
        await Db.SaveChangesAsync(ct);
    }
}
