using Kpi.Domain;
using System.Text.Json.Nodes;

namespace Kpi.Ingestion.Sources.Connectors;

/// <summary>
/// A way of pulling records from a source system. The options are the connector's own typed JSON document; the
/// connector validates it, keeps secrets write-only and runs a pull through <see cref="SourceRunContext"/>.
/// </summary>
public interface ISourceConnector
{
    /// <summary><c>inbox</c>, <c>http</c> or <c>sql</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Validates options sent by an admin and returns what to store, or null with <paramref name="problems"/> filled
    /// (fields named <c>options.…</c>). A secret sent as <see cref="SourceJson.Mask"/> keeps the one stored in
    /// <paramref name="stored"/>, so that a definition read with GET can be sent back with PUT unchanged.
    /// </summary>
    JsonObject? Prepare(JsonObject? options, string? stored, List<FieldError> problems);

    /// <summary>The stored options with every secret replaced by <see cref="SourceJson.Mask"/>, for the API and the audit to show.</summary>
    JsonObject Describe(string stored);

    /// <summary>
    /// The stored options with every secret stored in plain text (before secrets were encrypted) encrypted; the same
    /// string when there is none, so the caller knows there is nothing to write.
    /// </summary>
    string ProtectSecrets(string stored);

    /// <summary>
    /// The secrets of the stored options in plain text, for the run to blank out of any reason it records (a server
    /// may echo a token in its answer). Empty when they cannot be decrypted here.
    /// </summary>
    IReadOnlyCollection<string> Secrets(string stored);

    /// <summary>
    /// Pulls once. Fails by throwing (a <see cref="SourceException"/> for reasons a person can act on); every batch it
    /// imports is committed with the watermark it reached, so a failure half-way keeps what was committed.
    /// </summary>
    Task RunAsync(SourceRunContext context, CancellationToken ct);
}
