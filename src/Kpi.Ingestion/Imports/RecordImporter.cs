using System.Globalization;
using System.Threading.Channels;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Imports;
using Kpi.Storage.Organisation;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Ingestion.Imports;

/// <summary>
/// Imports rows of one kind: each row is parsed and validated; valid rows are merged by record_id in batches through
/// the provider's bulk path; refused rows are stored with their line, column and reason. The whole file is one
/// transaction, so a file refused half-way (malformed JSON at the end) or a crash stores nothing, and running the
/// same import again gives the result of running it once. Every import leaves an <see cref="ImportRun"/>.
/// </summary>
/// <remarks>
/// What a careless or hostile file can cost is bounded: a run stores at most <see cref="MaxRejectionsStored"/>
/// rejections (and counts them all), and a file whose first <see cref="RefuseWhenFirstRowsAllRejected"/> rows are all
/// refused is refused whole rather than stored as a mountain of rejections. While a run is <c>running</c> its process
/// holds the run's <see cref="ImportRunOwner"/> lock, so that <see cref="ImportRecovery"/> can tell a live import from
/// one a killed process left behind.
/// </remarks>
public sealed class RecordImporter(
    KpiDbContext db, CompanyTimeZone zone, TimeProvider clock, IEnumerable<IImportCommitted> listeners, ILogger<RecordImporter> log)
{
    public const int BatchSize = 50_000;

    /// <summary>
    /// Rejections kept with a run: enough to show what is wrong with a file, and the data-quality report lists fewer.
    /// A run with more keeps these and one more on line 0 that counts the rest.
    /// </summary>
    public const int MaxRejectionsStored = 1_000;

    /// <summary>Rejections returned in an import's answer: the ones stored.</summary>
    public const int MaxRejectionsReturned = MaxRejectionsStored;

    /// <summary>
    /// A file whose first this-many rows are all refused is not taken for a file of its kind at all (another kind's
    /// file, a wrong export, a file made to flood the rejections): it is refused whole, and nothing is stored.
    /// </summary>
    public const int RefuseWhenFirstRowsAllRejected = 1_000;

    /// <summary>Opens and imports a file; a file that cannot be read at all ends as a refused run, not an exception.</summary>
    public async Task<ImportOutcome> ImportFileAsync(Stream content, string fileName, RecordKind kind, string? contentType, ImportOrigin origin,
        CancellationToken ct = default)
    {
        ImportFile file;
        try
        {
            file = ImportFile.Open(content, fileName, kind, contentType);
        }
        catch (FileRefusedException refused)
        {
            await using var owner = await StartRunAsync(kind, origin with { FileName = fileName }, ct);
            return await RefusedAsync(owner.Run, kind, refused.Message, ct);
        }
        using (file)
        {
            return await ImportAsync(kind, file.ReadRows().Select(SourceRow.From), origin with { FileName = fileName }, ct, null, refuseAllRejected: true);
        }
    }

    /// <summary>Imports rows from any reader. A <see cref="FileRefusedException"/> thrown while reading refuses the whole batch.</summary>
    /// <param name="beforeCommit">
    /// Runs inside the import's transaction once every row has been read and merged, just before the commit: what it
    /// writes through the same context (a source's watermark) is committed with the records or not at all.
    /// </param>
    public Task<ImportOutcome> ImportAsync(RecordKind kind, IEnumerable<SourceRow> rows, ImportOrigin origin, CancellationToken ct = default,
        Func<CancellationToken, Task>? beforeCommit = null) =>
        ImportAsync(kind, rows, origin, ct, beforeCommit, refuseAllRejected: false);

    private async Task<ImportOutcome> ImportAsync(RecordKind kind, IEnumerable<SourceRow> rows, ImportOrigin origin, CancellationToken ct,
        Func<CancellationToken, Task>? beforeCommit, bool refuseAllRejected)
    {
        await using var owner = await StartRunAsync(kind, origin, ct);
        var run = owner.Run;
        ImportPass pass;
        try
        {
            // No retrying execution strategy: the rows can be read only once.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var refuseAs = refuseAllRejected ? origin.FileName ?? origin.Source : null;
            pass = new ImportPass(db, zone, kind, run, await db.LoadOrganisationAsync(ct), refuseAs);
            await pass.RunAsync(rows, ct);
            if (beforeCommit is not null) await beforeCommit(ct);
            run.Inserted = pass.Counts.Inserted;
            run.Updated = pass.Counts.Updated;
            run.Unchanged = pass.Counts.Unchanged;
            run.RejectedRows = pass.RejectedRows;
            run.Status = ImportStatus.Succeeded;
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            db.ImportRuns.Update(run);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (FileRefusedException refused)
        {
            db.ChangeTracker.Clear();
            return await RefusedAsync(run, kind, refused.Message, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller went away (a client closed its upload) or the host is stopping: the transaction rolled back.
            // (A timeout inside a source's reader is an OperationCanceledException too, and a failure like any other.)
            db.ChangeTracker.Clear();
            await FinishAsync(run, ImportStatus.Interrupted, "Interrupted: the import was cancelled (the upload was abandoned or the host stopped) " +
                                                             "before it committed; nothing of it was stored.", CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            db.ChangeTracker.Clear();
            await FinishAsync(run, ImportStatus.Failed, e.Message, CancellationToken.None);
            throw;
        }
        var outcome = Outcome(run, kind, pass.RejectionCount, pass.FirstRejections);
        if (outcome.Accepted + outcome.Updated > 0) Tell(outcome);
        return outcome;
    }

    /// <summary>
    /// The listeners hear of a committed import outside its try: the records are stored whatever they do, so a listener
    /// that fails (the job store busy) must not mark the import, or the source pull around it, failed. What it would
    /// have asked for still happens at its next scheduled look.
    /// </summary>
    private void Tell(ImportOutcome outcome)
    {
        foreach (var listener in listeners)
        {
            try
            {
                listener.Committed(outcome);
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Import run {Run} committed, but {Listener} failed to hear of it", outcome.RunId, listener.GetType().Name);
            }
        }
    }

    /// <summary>The run, recorded as running with its owner's lock held until the returned owner is disposed.</summary>
    private async Task<OwnedRun> StartRunAsync(RecordKind kind, ImportOrigin origin, CancellationToken ct)
    {
        var run = new ImportRun
        {
            Kind = kind.Name(), Source = origin.Source, FileName = origin.FileName, Actor = origin.Actor, SourceRunId = origin.SourceRunId,
            StartedAt = clock.GetUtcNow().UtcDateTime, Status = ImportStatus.Running,
        };
        return new OwnedRun(run, await ImportRunOwner.StartAsync(db, run, ct));
    }

    private sealed record OwnedRun(ImportRun Run, ImportRunOwner Owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owner.DisposeAsync();
    }

    private async Task<ImportOutcome> RefusedAsync(ImportRun run, RecordKind kind, string reason, CancellationToken ct)
    {
        await FinishAsync(run, ImportStatus.Refused, reason, ct);
        return Outcome(run, kind, 0, []);
    }

    private async Task FinishAsync(ImportRun run, ImportStatus status, string error, CancellationToken ct)
    {
        var stored = await db.ImportRuns.FirstAsync(r => r.Id == run.Id, ct);
        stored.Status = run.Status = status;
        // A refusal quotes the file; whatever the file, the stored and served error stays readable.
        stored.Error = run.Error = ImportText.Cut(error);
        stored.FinishedAt = run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        stored.Inserted = stored.Updated = stored.Unchanged = stored.RejectedRows = 0;
        run.Inserted = run.Updated = run.Unchanged = run.RejectedRows = 0;
        await db.SaveChangesAsync(ct);
    }

    private static ImportOutcome Outcome(ImportRun run, RecordKind kind, long rejections, IReadOnlyList<Rejection> first) =>
        new(run.Id, kind, run.Status, run.Inserted, run.Updated, run.Unchanged, run.RejectedRows, rejections, first, run.Error);

    /// <summary>
    /// One pass over the rows, inside the import's transaction. Reading and parsing run on their own thread and hand
    /// over batches, so that the next batch is parsed while the database merges the last one.
    /// </summary>
    /// <param name="refuseAs">
    /// The file's name when a file whose first <see cref="RefuseWhenFirstRowsAllRejected"/> rows are all refused is to
    /// be refused whole; null to store such rows' rejections like any others (a source's pull).
    /// </param>
    private sealed class ImportPass(KpiDbContext db, CompanyTimeZone zone, RecordKind kind, ImportRun run, StoredOrganisation org, string? refuseAs)
    {
        private const int BatchesInFlight = 2;
        private readonly Dictionary<string, int> _firstLineOf = new(StringComparer.Ordinal);
        private readonly List<DepartmentLine> _departments = [];
        private readonly Dictionary<int, Func<string>> _departmentOriginals = [];
        private Batch _batch = new();
        private long _rows;
        private long _rejectedRowsNotKept;

        public MergeCounts Counts { get; private set; }
        public long RejectedRows { get; private set; }
        public long RejectionCount { get; private set; }
        public List<Rejection> FirstRejections { get; } = [];

        private sealed class Batch
        {
            public List<SourceRecord> Records { get; } = new(BatchSize);
            public List<ImportRejection> Rejections { get; } = [];
            public bool IsFull => Records.Count >= BatchSize;
        }

        public async Task RunAsync(IEnumerable<SourceRow> rows, CancellationToken ct)
        {
            await db.LockKindAsync(kind.Name(), ct);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
            var producer = Task.Run(() => ProduceAsync(rows, channel.Writer, stop.Token), stop.Token);
            try
            {
                await foreach (var batch in channel.Reader.ReadAllAsync(ct)) await StoreAsync(batch, ct);
                await producer;
            }
            finally
            {
                // When storing failed, the reader thread must not go on reading a file nobody consumes.
                await stop.CancelAsync();
                await Task.WhenAny(producer);
            }

            if (kind == RecordKind.Departments)
            {
                var (counts, refused) = await DepartmentMerge.MergeAsync(db, _departments, run.StartedAt, ct, run.Actor ?? run.Source);
                Counts += counts;
                foreach (var r in refused)
                {
                    var line = _departments.First(d => d.Line == r.Line);
                    Reject(r.Line, line.Department.Code, null, _departmentOriginals[r.Line], [(r.Column, r.Reason)]);
                }
            }
            if (RejectionCount > MaxRejectionsStored) _batch.Rejections.Add(NotKept());
            await StoreAsync(_batch, ct);
        }

        /// <summary>The rejection on line 0 (the file as a whole) that says how many more there were than were kept.</summary>
        private ImportRejection NotKept()
        {
            var more = RejectionCount - MaxRejectionsStored;
            return new ImportRejection
            {
                RunId = run.Id, Line = 0, Column = "",
                Reason = string.Create(CultureInfo.InvariantCulture, $"{more:N0} more rejection{(more == 1 ? "" : "s")}, on {_rejectedRowsNotKept:N0} more row{(_rejectedRowsNotKept == 1 ? "" : "s")}, ") +
                         string.Create(CultureInfo.InvariantCulture, $"were counted but not kept: a run keeps its first {MaxRejectionsStored:N0}"),
            };
        }

        private async Task ProduceAsync(IEnumerable<SourceRow> rows, ChannelWriter<Batch> writer, CancellationToken ct)
        {
            try
            {
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    if (row.Errors.Count > 0)
                    {
                        Reject(row, row.Errors.Select(e => (e.Column ?? "", e.Reason)));
                    }
                    else
                    {
                        var parsed = RecordParser.Parse(kind, row.Get, zone);
                        if (!parsed.IsValid) Reject(row, parsed.Errors.Select(e => (e.Field, e.Reason)));
                        else Accept(row, parsed.Record!);
                    }
                    if (++_rows == RefuseWhenFirstRowsAllRejected && RejectedRows == _rows && refuseAs is not null) throw AllRejected(refuseAs);
                    if (_batch.IsFull)
                    {
                        await writer.WriteAsync(_batch, ct);
                        _batch = new Batch();
                    }
                }
                // Departments are merged as a whole at the end; what remains of the last batch goes now.
                if (kind != RecordKind.Departments)
                {
                    await writer.WriteAsync(_batch, ct);
                    _batch = new Batch();
                }
                writer.Complete();
            }
            catch (Exception e)
            {
                writer.Complete(e);
                throw;
            }
        }

        private async Task StoreAsync(Batch batch, CancellationToken ct)
        {
            if (batch.Records.Count > 0)
                Counts += await db.MergeRecordsAsync(kind, batch.Records, org.IdOf, run.StartedAt, run.Id, ct);
            if (batch.Rejections.Count > 0)
            {
                db.ImportRejections.AddRange(batch.Rejections);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        private void Accept(SourceRow row, object record)
        {
            var (key, keyColumn) = record switch
            {
                Department d => (d.Code, "code"),
                SourceRecord r => (r.RecordId, "record_id"),
                _ => throw new ArgumentException($"Unexpected record {record.GetType().Name}.", nameof(record)),
            };
            if (!_firstLineOf.TryAdd(key, row.Line))
            {
                Reject(row, [(keyColumn, $"'{key}' already appeared on line {_firstLineOf[key]} of this import; the first row is kept")]);
                return;
            }
            switch (record)
            {
                case Department d:
                    _departments.Add(new DepartmentLine(row.Line, d));
                    _departmentOriginals[row.Line] = row.Original;
                    break;
                case SourceRecord r when !org.IdOf.ContainsKey(r.Department):
                    _firstLineOf.Remove(key);
                    Reject(row, [("department", $"'{r.Department}' is not a known department; import it with the departments kind first")]);
                    break;
                case SourceRecord r:
                    _batch.Records.Add(r);
                    break;
            }
        }

        private void Reject(SourceRow row, IEnumerable<(string Column, string Reason)> errors) =>
            Reject(row.Line, kind == RecordKind.Departments ? row.Get("code") : row.Get("department"),
                kind == RecordKind.Departments ? null : row.Get("record_id"), row.Original, errors);

        private void Reject(int line, string? department, string? recordId, Func<string> original, IEnumerable<(string Column, string Reason)> errors)
        {
            RejectedRows++;
            if (RejectionCount >= MaxRejectionsStored)
            {
                // Counted, not kept: the row's text is not even read out.
                RejectionCount += errors.Count();
                _rejectedRowsNotKept++;
                return;
            }
            var text = original();
            if (text.Length > ImportRejection.MaxOriginalLength) text = text[..ImportRejection.MaxOriginalLength];
            var kept = false;
            foreach (var (column, reason) in errors)
            {
                RejectionCount++;
                if (FirstRejections.Count >= MaxRejectionsStored) continue;
                kept = true;
                FirstRejections.Add(new Rejection(line, column, reason));
                _batch.Rejections.Add(new ImportRejection
                {
                    RunId = run.Id, Line = line, Column = column, Reason = reason, Department = Cut(department, 32), RecordId = Cut(recordId, 100), Original = text,
                });
            }
            if (!kept) _rejectedRowsNotKept++;
        }

        /// <summary>The refusal of a file whose first rows were all refused, naming the first reasons.</summary>
        private FileRefusedException AllRejected(string fileName)
        {
            var reasons = FirstRejections.Take(3).Select(r => $"line {r.Line}{(r.Column.Length > 0 ? $" {r.Column}" : "")}: {ImportText.Cut(r.Reason, 200)}");
            return new FileRefusedException(fileName,
                string.Create(CultureInfo.InvariantCulture, $"its first {RefuseWhenFirstRowsAllRejected:N0} rows were all refused, so it is not taken for records of kind '{kind.Name()}'; ") +
                $"the first reasons: {string.Join("; ", reasons)}", FirstRejections.FirstOrDefault()?.Line);
        }

        private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
    }
}
