namespace Kpi.Domain.Appraisal;

/// <summary>What a template part measures. Each type appears at most once on a template.</summary>
public enum PartType
{
    /// <summary>The department's scorecard total for the cycle period, taken when the cycle enters calibration.</summary>
    Kpi,
    /// <summary>Personal goals, scored by the same arithmetic as scorecard lines.</summary>
    Goals,
    /// <summary>Competency items rated 1..scale by the appraiser.</summary>
    Competency,
}

/// <summary>Whose grade a triggered veto in the department's scorecard caps (template option <c>veto_applies_to</c>).</summary>
public enum VetoScope
{
    /// <summary>Only the employee who heads the department.</summary>
    Heads,
    /// <summary>Everyone in the department.</summary>
    Everyone,
    /// <summary>Nobody: the veto caps the department's scorecard grade only.</summary>
    Nobody,
}

/// <summary>The calibration groups a distribution policy is checked over (<c>distribution.group_by</c>).</summary>
public enum GroupBy
{
    /// <summary>The whole cycle is one group.</summary>
    Cycle,
    /// <summary>Each child of the org root (a "division") is a group with everyone in its subtree.</summary>
    Division,
}

/// <summary>
/// The names of the appraisal enums as the API writes them (<c>self_assessment</c>, <c>veto_applies_to: heads</c>) and
/// their parsing, so that the API and storage spell them one way.
/// </summary>
public static class AppraisalNames
{
    public static string Name(this PartType value) => Snake(value.ToString());
    public static string Name(this VetoScope value) => Snake(value.ToString());
    public static string Name(this GroupBy value) => Snake(value.ToString());
    public static string Name(this AppraisalStatus value) => Snake(value.ToString());
    public static string Name(this CycleStatus value) => Snake(value.ToString());
    public static string Name(this BoundKind value) => Snake(value.ToString());
    public static string Name(this ReminderStep value) => Snake(value.ToString());
    public static string Name(this ReminderTiming value) => Snake(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Snake(candidate.ToString()), text, StringComparison.Ordinal)) { value = candidate; return true; }
        }
        value = default;
        return false;
    }

    /// <summary>"one of a, b, c" for an error message.</summary>
    public static string OneOf<T>() where T : struct, Enum => "one of " + string.Join(", ", Enum.GetValues<T>().Select(v => Snake(v.ToString())));

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
