using System.Globalization;
using Kpi.Api.Portal.Shared;
using Kpi.Storage.Scorecards;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>A goal's direction and scoring rule in the page's words, and decimals as people type them (no trailing zeros).</summary>
public static class GoalText
{
    public static string Number(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture) ?? "";

    public static string Direction(this PortalContext portal, string? direction) => direction switch
    {
        "lower" => portal.T("越低越好", "lower is better"),
        "closer" => portal.T("越接近越好", "closer is better"),
        _ => portal.T("越高越好", "higher is better"),
    };

    public static string Rule(this PortalContext portal, ScorecardDocument.RuleDocument? rule) => rule?.Type switch
    {
        "linear" => portal.T($"线性,封顶 {Number(rule.Cap)}", $"linear, capped at {Number(rule.Cap)}"),
        "deduction" => portal.T($"扣分,每单位 {Number(rule.PerUnit)} 分", $"deduction, {Number(rule.PerUnit)} per unit"),
        "bands" => portal.T("分档:", "bands: ") + Bands(rule),
        null => "—",
        _ => rule.Type,
    };

    /// <summary>A bands rule as the goals form writes it: <c>threshold:points</c> pairs separated by <c>;</c>.</summary>
    public static string Bands(ScorecardDocument.RuleDocument rule) =>
        string.Join("; ", (rule.Bands ?? []).Select(b => $"{Number(b.Threshold)}:{Number(b.Points)}"));
}
