namespace Kpi.Domain;

/// <summary>
/// A broken invariant of the KPI rules (an illegal value, a cyclic org tree, a period that does not parse).
/// Hosts map it to a 400 ProblemDetails; it is never used for expected outcomes such as "no data".
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The field or path the problem is about (e.g. <c>lines[2].weight</c>), when there is one.</summary>
    public string? Field { get; } = field;
}
