using Kpi.Domain;
using System.Text.Json.Nodes;
using Kpi.Ingestion.Files;
using Kpi.Ingestion.Imports;
using Kpi.Storage.Imports;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Ingestion.Sources.Connectors.Inbox;

/// <summary>
/// Picks up CSV, XLSX and JSON files from <c>{DataDirectory}/inbox/{source}/</c>, oldest first, each imported as for
/// an upload in a transaction of its own. A processed file moves to <c>archive/{run id}-{name}</c>; when rows were
/// rejected (or the file was refused whole) <c>archive/{run id}-{name without extension}.rejected.csv</c> lies beside
/// it with line, column, reason and the original row. A file still being written is not taken: it must have been
/// left alone for <see cref="InboxOptions.SettleSeconds"/> and must not be locked by its writer.
/// </summary>
/// <remarks>
/// A worker dying after a file's import committed but before the file moved leaves it in the inbox; the next run
/// imports it again, which stores nothing new (records merge by record_id), and archives it then.
/// </remarks>
public sealed class InboxConnector : ISourceConnector
{
    public const string ArchiveFolder = "archive";
    private static readonly string[] Extensions = [".csv", ".xlsx", ".json"];

    public string Name => "inbox";

    public static string FolderOf(string dataPath, string source) => Path.Combine(dataPath, "inbox", source);

    public JsonObject? Prepare(JsonObject? options, string? stored, List<FieldError> problems)
    {
        var o = SourceJson.Read<InboxOptions>(options, problems);
        o?.Validate(problems);
        return o is null || problems.Count > 0 ? null : SourceJson.Write(o);
    }

    public JsonObject Describe(string stored) => SourceJson.Write(SourceJson.Parse<InboxOptions>(stored));

    /// <summary>An inbox has no secrets.</summary>
    public string ProtectSecrets(string stored) => stored;

    public IReadOnlyCollection<string> Secrets(string stored) => [];

    public async Task RunAsync(SourceRunContext context, CancellationToken ct)
    {
        var options = SourceJson.Parse<InboxOptions>(context.Source.Options);
        var folder = FolderOf(context.DataPath, context.Source.Name);
        var archive = Path.Combine(folder, ArchiveFolder);
        Directory.CreateDirectory(archive);
        var settledBefore = context.Clock.GetUtcNow().UtcDateTime.AddSeconds(-options.SettleSeconds);

        var candidates = new DirectoryInfo(folder).EnumerateFiles()
            .Where(f => Extensions.Contains(f.Extension.ToLowerInvariant()) && !f.Name.StartsWith('.') && !f.Name.StartsWith("~$", StringComparison.Ordinal)
                        && !f.Name.EndsWith(RejectedRowsWriter.Suffix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var refused = new List<string>();
        foreach (var file in candidates.Where(f => f.LastWriteTimeUtc <= settledBefore).Take(options.MaxFilesPerRun))
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await ImportAsync(context, file, ct);
            if (outcome is null) continue;
            context.Run.Batches++;
            var archived = Path.Combine(archive, $"{context.Run.Id}-{file.Name}");
            // The report first, whole, then the file: should the disk fill up, the file stays in the inbox and the next run
            // (storing nothing new: records merge by record_id) writes the report again, instead of a cut report beside an
            // archived file that nothing will look at again.
            if (outcome.Status == ImportStatus.Refused)
            {
                refused.Add($"{file.Name}: {outcome.Error}");
                await WriteReportAsync(archived, writer =>
                {
                    // Line 0: the whole file, not one of its rows.
                    writer.Write(0, null, outcome.Error ?? "the file was refused", "");
                    return Task.CompletedTask;
                });
            }
            else if (outcome.RejectedRows > 0)
            {
                await WriteReportAsync(archived, async writer =>
                {
                    var rejections = context.Db.ImportRejections.AsNoTracking().Where(r => r.RunId == outcome.RunId).OrderBy(r => r.Line).ThenBy(r => r.Id)
                        .AsAsyncEnumerable();
                    await foreach (var r in rejections.WithCancellation(ct)) writer.Write(r.Line, r.Column, r.Reason, r.Original ?? "");
                });
            }
            File.Move(file.FullName, archived, overwrite: true);
        }
        // A refused file does not fail the source (the others were fine); the run says so, and the import history too.
        if (refused.Count > 0) context.Run.Error = $"{refused.Count} file(s) refused whole: {string.Join("; ", refused)}";
    }

    /// <summary>Imports a file it can have to itself; null when its writer still holds it.</summary>
    private static async Task<ImportOutcome?> ImportAsync(SourceRunContext context, FileInfo file, CancellationToken ct)
    {
        FileStream stream;
        try
        {
            // FileShare.None: a writer that keeps the file open (and locked) is still writing it.
            stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.SequentialScan);
        }
        catch (IOException)
        {
            return null;
        }
        await using (stream)
        {
            return await context.ImportFileAsync(stream, file.Name, ct);
        }
    }

    private static string RejectedPath(string archived) =>
        Path.Combine(Path.GetDirectoryName(archived)!, RejectedRowsWriter.FileNameFor(Path.GetFileName(archived)));

    /// <summary>Writes the rejected-rows report beside where the file will be archived: under a temporary name, renamed once whole.</summary>
    private static async Task WriteReportAsync(string archived, Func<RejectedRowsWriter, Task> write)
    {
        var path = RejectedPath(archived);
        var partial = path + ".partial";
        try
        {
            using (var writer = new RejectedRowsWriter(File.Create(partial))) await write(writer);
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
