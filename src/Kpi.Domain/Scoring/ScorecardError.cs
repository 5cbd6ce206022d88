namespace Kpi.Domain.Scoring;

/// <summary>A problem with a scorecard definition, naming the field (<c>lines[2].weight</c>) and why.</summary>
public sealed record ScorecardError(string Field, string Reason);
