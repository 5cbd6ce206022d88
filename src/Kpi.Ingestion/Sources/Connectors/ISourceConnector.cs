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

    /// <summary>The stored options with every secret replaced by <see cref="SourceJson.Mask"/>, for the API to show.</summary>
    JsonObject Describe(string stored);

    /// <summary>
    /// Pulls once. Fails by throwing (a <see cref="SourceException"/> for reasons a person can act on); every batch it
    /// imports is committed with the watermark it reached, so a failure half-way keeps what was committed.
    /// </summary>
    Task RunAsync(SourceRunContext context, CancellationToken ct);
}
