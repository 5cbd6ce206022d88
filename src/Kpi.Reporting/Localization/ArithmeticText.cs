using System.Text.RegularExpressions;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Localization;

/// <summary>
/// A scorecard line's arithmetic in the report's language. The domain writes its working once, in a small fixed
/// vocabulary (<see cref="Scorer.ScoreLine"/>: "achievement = 98 / 100 = 0.98; 100 × min(0.98, 1.2) = 98"), and frozen
/// versions keep that text as it was; a Chinese reader gets the same numbers in the same order with the words in
/// Chinese. The numbers are never touched: only the phrases below are replaced, whole.
/// </summary>
public static partial class ArithmeticText
{
    public static string For(string arithmetic, Labels labels)
    {
        if (labels.Language == ReportLanguage.En) return arithmetic;
        var text = LowerCeiling().Replace(arithmetic, "实际值 $1 ≤ 0,得封顶值 $2");
        text = WithinTolerance().Replace(text, "在容差内:达成率 1");
        text = Triggered().Replace(text, ":触发否决,等级封顶为 $1,得分 0");
        text = NotTriggered().Replace(text, ":未触发否决,得分 100");
        text = text.Replace("achievement = ", "达成率 = ", StringComparison.Ordinal)
            .Replace("; band → ", ";分档 → ", StringComparison.Ordinal)
            .Replace("; 100 × ", ";100 × ", StringComparison.Ordinal);
        // A veto line starts with what it tests: the value itself, or a facet such as "serious".
        return VetoSubject().Replace(text, m => (m.Groups[1].Value == "actual" ? "实际值" : labels.FacetName(m.Groups[1].Value)) + " ");
    }

    [GeneratedRegex(@"^actual (\S+) ≤ 0 earns the ceiling ([^\s;]+)")]
    private static partial Regex LowerCeiling();

    [GeneratedRegex(@"tolerance: achievement 1(?=;|$)")]
    private static partial Regex WithinTolerance();

    [GeneratedRegex(@": veto, grade capped at (\S+), points 0$")]
    private static partial Regex Triggered();

    [GeneratedRegex(@": no veto, points 100$")]
    private static partial Regex NotTriggered();

    [GeneratedRegex(@"^([a-z_]+) (?=[-\d])")]
    private static partial Regex VetoSubject();
}
