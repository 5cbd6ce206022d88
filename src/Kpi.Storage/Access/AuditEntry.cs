namespace Kpi.Storage.Access;

/// <summary>Who changed what, when: every change to targets, scorecards, keys and appraisals leaves one.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string? Details { get; set; }
}
