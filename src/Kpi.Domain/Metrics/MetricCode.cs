using System.Text.RegularExpressions;

namespace Kpi.Domain.Metrics;

/// <summary>
/// Metric codes are lower-case snake case (<c>plan_completion</c>). Built-in codes belong to the catalogue; any other
/// valid code names a custom metric fed by <c>measurements</c> records.
/// </summary>
public static partial class MetricCode
{
    public const int MaxLength = 64;

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    public static bool IsValidCustom(string code, out string reason)
    {
        if (!IsValid(code))
        {
            reason = $"'{code}' is not a metric code (lower-case letters, digits and '_', starting with a letter, at most {MaxLength})";
            return false;
        }
        if (MetricCatalogue.IsBuiltIn(code))
        {
            reason = $"'{code}' is a built-in metric computed from its own records; measurements need another code";
            return false;
        }
        reason = "";
        return true;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex Pattern();
}
