using Kpi.Demo.Scorecards;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Models;
using static Kpi.Domain.Metrics.MetricCatalogue;

namespace Kpi.Reporting.Tests.Models;

public class RedFlagsTests
{
    [Fact]
    public void A_triggered_veto_is_flagged_as_the_veto_line_beside_its_metrics_scored_line()
    {
        var serious = new MetricValue(SafetyIncidents, 1m, 1m, null, 1,
            new Dictionary<string, decimal> { ["minor"] = 0, ["major"] = 1, ["fatal"] = 0, ["serious"] = 1 });
        var result = Scorer.Score(DefaultScorecards.For(DepartmentFunction.Production),
            line => line.Metric == SafetyIncidents ? serious : new MetricValue(line.Metric, line.Target ?? 1m, 1m, 1m, 1));
        var card = ScorecardModels.FromResult(result, ReportLanguage.Zh);

        var flags = ScorecardModels.RedFlags("PROD", "生产部", card, ReportLanguage.Zh).ToList();

        Assert.Equal(["安全生产事故", "安全生产事故(一票否决)"], flags.Select(f => f.MetricName));
        Assert.Contains("封顶为 C", flags[1].Why);
    }
}
