using System.Text.Json;

namespace Kpi.Storage.Close;

/// <summary>
/// What made a version: the figures that differ from the previous version (the total, the peer rank, each metric's
/// actual value) and the import runs that changed the period's records since that version was frozen, with how many
/// of the department's records each one changed. Stored as JSON in <see cref="ScorecardVersion.Changes"/>.
/// </summary>
public sealed record VersionChanges(string Trigger, IReadOnlyList<ChangedFigure> Figures, IReadOnlyList<ChangedRun> Runs)
{
    public string Serialize() => JsonSerializer.Serialize(this, FrozenScorecard.Json);

    public static VersionChanges Deserialize(string json) =>
        JsonSerializer.Deserialize<VersionChanges>(json, FrozenScorecard.Json) ?? throw new JsonException("Version changes cannot be null.");
}

/// <summary>
/// A figure that changed: <see cref="Item"/> is <see cref="Total"/>, <see cref="Rank"/> or a metric code (with the
/// scope of a scoped line); the values are the old and new total, rank position or actual value.
/// </summary>
public sealed record ChangedFigure(string Item, string? Scope, decimal? Old, decimal? New)
{
    public const string Total = "total";
    public const string Rank = "rank";
}

/// <summary>An import run that changed <see cref="Records"/> records of the department's subtree (or scopes) in the period.</summary>
public sealed record ChangedRun(long RunId, string Kind, string Source, string? FileName, long Records);
