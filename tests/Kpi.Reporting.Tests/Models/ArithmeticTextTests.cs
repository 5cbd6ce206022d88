using System.Text.RegularExpressions;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;

namespace Kpi.Reporting.Tests.Models;

/// <summary>
/// Every branch of the domain's working (each rule, each direction, inside and outside the tolerance, a veto tested
/// and triggered) reads in Chinese with no English word left, and with exactly the domain's numbers in the same order.
/// </summary>
public sealed partial class ArithmeticTextTests
{
    private static readonly Labels Zh = Labels.For(ReportLanguage.Zh);
    private static readonly Labels En = Labels.For(ReportLanguage.En);
    private static readonly BandsRule Bands = new([new Band(1m, 100m), new Band(0.9m, 80m)]);

    public static TheoryData<string, ScorecardLine, decimal, string?> Lines() => new()
    {
        { "higher, linear", new("m", 100m, 50m, Direction.Higher, new LinearRule()), 98m, null },
        { "lower, linear", new("m", 2m, 50m, Direction.Lower, new LinearRule()), 4m, null },
        { "lower, nothing at all", new("m", 2m, 50m, Direction.Lower, new LinearRule()), 0m, null },
        { "closer, inside the tolerance", new("m", 100m, 50m, Direction.Closer, new LinearRule(), 0.05m), 103m, null },
        { "closer, outside the tolerance", new("m", 100m, 50m, Direction.Closer, new LinearRule(), 0.05m), 120m, null },
        { "bands", new("m", 100m, 50m, Direction.Higher, Bands), 93m, null },
        { "deduction", new("m", null, 50m, Direction.Lower, new DeductionRule(5m)), 2m, null },
        { "veto, not triggered", new("m", null, 0m, Direction.Lower, new VetoRule()), 0m, null },
        { "veto, triggered", new("m", null, 0m, Direction.Lower, new VetoRule()), 1m, null },
        { "veto on a facet, triggered", new("m", null, 0m, Direction.Lower, new VetoRule(0m, "serious")), 2m, "serious" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void EveryBranch_ReadsInChinese_WithTheDomainsNumbers(string what, ScorecardLine line, decimal actual, string? facet)
    {
        var value = new MetricValue("m", actual, actual, 1m, 3, facet is null ? null : new Dictionary<string, decimal> { [facet] = actual });
        var english = Scorer.ScoreLine(line, value, RagThresholds.Default).Arithmetic;

        var chinese = ArithmeticText.For(english, Zh);

        var words = EnglishWord().Matches(chinese).Select(m => m.Value).Where(w => w is not ("max" or "min")).ToList();
        Assert.True(words.Count == 0, $"{what}: '{chinese}' (from '{english}') keeps {string.Join(", ", words)}");
        Assert.Equal(Numbers(english), Numbers(chinese));
        Assert.Equal(english, ArithmeticText.For(english, En));
    }

    private static List<string> Numbers(string text) => NumberPattern().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
