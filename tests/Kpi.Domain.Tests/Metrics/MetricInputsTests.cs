using Kpi.Domain.Metrics;
using Kpi.Domain.Records;
using static Kpi.Domain.Metrics.MetricCatalogue;

namespace Kpi.Domain.Tests.Metrics;

/// <summary>A set of metrics reads the record kinds the catalogue names for them, and of the measurements only its own.</summary>
public class MetricInputsTests
{
    [Fact]
    public void ReadmeCard_ReadsProductionBudgetAndSafety()
    {
        var inputs = MetricInputs.For([PlanCompletion, BudgetAttainment, SafetyIncidents]);

        Assert.Equal([RecordKind.Production, RecordKind.Budget, RecordKind.Safety], inputs.Kinds.Order());
        Assert.Empty(inputs.CustomMetrics!);
    }

    [Fact]
    public void LabourProductivity_ReadsProductionAndHours() =>
        Assert.Equal([RecordKind.Production, RecordKind.Hours], MetricInputs.For([LabourProductivity]).Kinds.Order());

    [Fact]
    public void CustomMetrics_ReadMeasurementsOfThoseMetricsOnly()
    {
        var inputs = MetricInputs.For(["sales_completion", "scrap_rate", "scrap_rate", Callback48h]);

        Assert.Equal([RecordKind.Tickets, RecordKind.Measurements], inputs.Kinds.Order());
        Assert.Equal(["sales_completion", "scrap_rate"], inputs.CustomMetrics);
    }

    [Fact]
    public void Everything_ReadsEveryRecordKindAndEveryCustomMetric()
    {
        Assert.Equal(RecordKinds.All.Where(k => k != RecordKind.Departments), MetricInputs.Everything.Kinds.Order());
        Assert.Null(MetricInputs.Everything.CustomMetrics);
    }
}
