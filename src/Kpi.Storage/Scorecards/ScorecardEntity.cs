namespace Kpi.Storage.Scorecards;

/// <summary>A department's current scorecard definition, stored as the JSON document the API accepts.</summary>
public sealed class ScorecardEntity
{
    public int DepartmentId { get; set; }
    public string Definition { get; set; } = "";
    /// <summary>Counts edits, so that a report can say which definition it was scored with.</summary>
    public int Revision { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
