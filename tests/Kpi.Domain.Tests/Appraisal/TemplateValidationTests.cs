using Kpi.Domain.Appraisal;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Tests.Appraisal.Forms;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>A template is refused field by field, each problem named by its JSON path in the API contract.</summary>
public class TemplateValidationTests
{
    private static void AssertRefused(AppraisalTemplate template, string field, string reasonPart)
    {
        var errors = template.Validate();
        Assert.Contains(errors, e => e.Field == field && e.Reason.Contains(reasonPart, StringComparison.Ordinal));
        var thrown = Assert.Throws<AppraisalInputException>(() => template.EnsureValid());
        Assert.Equal(errors, thrown.Errors);
    }

    [Fact]
    public void ContractTemplate_IsValid()
    {
        var template = Contract();

        Assert.Empty(template.Validate());
        Assert.Same(template, template.EnsureValid());
    }

    [Fact]
    public void PartWeightsNotSummingTo100_AreRefusedNamingParts()
    {
        var template = With(TemplatePart.Kpi(50), TemplatePart.Goals(30), TemplatePart.Competency(10, 5, new CompetencyItem("teamwork", "团队协作", 1)));

        var error = Assert.Single(template.Validate());

        Assert.Equal(new FieldError("parts", "part weights sum to 90, not 100"), error);
    }

    [Fact]
    public void NoParts_AreRefused() => AssertRefused(With(), "parts", "at least one part");

    [Fact]
    public void PartTypeTwice_IsRefusedAtTheSecond() =>
        AssertRefused(With(TemplatePart.Kpi(50), TemplatePart.Kpi(50)), "parts[1].type", "'kpi' appears twice");

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    [InlineData(101)]
    public void PartWeightOutOfRange_IsRefused(int weight) =>
        AssertRefused(With(TemplatePart.Kpi(100), TemplatePart.Goals(weight)), "parts[1].weight", "above 0 and at most 100");

    [Fact]
    public void CompetencyItemWithoutWeight_IsNamedByItsPath()
    {
        var template = With(TemplatePart.Kpi(50), TemplatePart.Goals(30),
            TemplatePart.Competency(20, 5, new CompetencyItem("teamwork", "团队协作", 0), new CompetencyItem("discipline", "工作纪律", 40)));

        AssertRefused(template, "parts[2].items[0].weight", "above 0");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(101)]
    public void CompetencyScaleBelow2OrAbove100_IsRefused(int scale) =>
        AssertRefused(With(TemplatePart.Competency(100, scale, new CompetencyItem("a", "A", 1))), "parts[0].scale", "from 2 to 100");

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    public void CompetencyScale_AnyWholeNumberFrom2_IsAccepted(int scale) =>
        Assert.Empty(With(TemplatePart.Competency(100, scale, new CompetencyItem("a", "A", 1))).Validate());

    [Fact]
    public void CompetencyWithoutScaleOrItems_IsRefused()
    {
        var errors = With(new TemplatePart(PartType.Competency, 100)).Validate();

        Assert.Contains(errors, e => e.Field == "parts[0].scale" && e.Reason.Contains("is required"));
        Assert.Contains(errors, e => e.Field == "parts[0].items" && e.Reason.Contains("at least one item"));
    }

    [Fact]
    public void ScaleOrItemsOnAnotherPart_AreRefused()
    {
        var errors = With(new TemplatePart(PartType.Kpi, 100, 5, [new CompetencyItem("a", "A", 1)])).Validate();

        Assert.Contains(errors, e => e.Field == "parts[0].scale" && e.Reason == "applies only to a competency part");
        Assert.Contains(errors, e => e.Field == "parts[0].items" && e.Reason == "apply only to a competency part");
    }

    [Fact]
    public void ItemCodeTwiceOrInvalid_IsRefused()
    {
        var errors = With(TemplatePart.Competency(100, 5, new CompetencyItem("team work", "A", 1), new CompetencyItem("b", "B", 1), new CompetencyItem("b", "B2", 1))).Validate();

        Assert.Contains(errors, e => e.Field == "parts[0].items[0].code" && e.Reason.Contains("is not a code"));
        Assert.Contains(errors, e => e.Field == "parts[0].items[2].code" && e.Reason == "'b' appears twice");
    }

    [Fact]
    public void ItemWeightsNotSummingTo100_AreAccepted()
    {
        // docs/appraisal.md divides the part by Σ weight, so item weights are relative: 1 and 1 is "equal".
        Assert.Empty(With(TemplatePart.Competency(100, 5, new CompetencyItem("a", "A", 1), new CompetencyItem("b", "B", 1))).Validate());
    }

    [Fact]
    public void AdjustmentBoundsExcludingZero_AreRefused()
    {
        var errors = (Contract() with { Adjustment = new AdjustmentBounds(2, -3) }).Validate();

        Assert.Contains(errors, e => e.Field == "adjustment.min");
        Assert.Contains(errors, e => e.Field == "adjustment.max");
    }

    [Fact]
    public void GradesOutOfOrder_AreNamedByIndex() =>
        AssertRefused(Contract() with { Grades = [new("S", 105), new("A", 110), new("B", null)] }, "grades[1].min", "below the previous");

    [Fact]
    public void LastGradeMin_MayBeGivenAsTheContractDoesButMustReadAsAThreshold()
    {
        Assert.Empty(Contract().Validate()); // {"grade":"D","min":0}
        Assert.Empty((Contract() with { Grades = [.. ContractGrades[..4], new("D", null)] }).Validate());
        AssertRefused(Contract() with { Grades = [.. ContractGrades[..4], new("D", 70)] }, "grades[4].min", "below the previous grade's 70");
    }

    [Fact]
    public void DistributionShareAbove1_IsNamedByGradeAndBound()
    {
        var policy = new DistributionPolicy(GroupBy.Cycle, new Dictionary<string, ShareBounds> { ["S"] = new(Max: 1.5m), ["D"] = new(Min: -0.1m) });

        var errors = (Contract() with { Distribution = policy }).Validate();

        Assert.Contains(errors, e => e.Field == "distribution.S.max" && e.Reason.Contains("between 0 and 1"));
        Assert.Contains(errors, e => e.Field == "distribution.D.min" && e.Reason.Contains("between 0 and 1"));
    }

    [Fact]
    public void DistributionForAnUnknownGradeOrWithoutBounds_IsRefused()
    {
        var policy = new DistributionPolicy(GroupBy.Cycle, new Dictionary<string, ShareBounds> { ["X"] = new(Max: 0.1m), ["A"] = new() });

        var errors = (Contract() with { Distribution = policy }).Validate();

        Assert.Contains(errors, e => e.Field == "distribution.X" && e.Reason.Contains("not a grade"));
        Assert.Contains(errors, e => e.Field == "distribution.A" && e.Reason.Contains("a max share, a min share or both"));
    }

    [Fact]
    public void DistributionMinAboveMax_OrMinsOverTheWholeGroup_AreRefused()
    {
        var policy = new DistributionPolicy(GroupBy.Cycle, new Dictionary<string, ShareBounds>
        {
            ["A"] = new(Max: 0.2m, Min: 0.3m),
            ["B"] = new(Min: 0.5m),
            ["C"] = new(Min: 0.4m),
        });

        var errors = (Contract() with { Distribution = policy }).Validate();

        Assert.Contains(errors, e => e.Field == "distribution.A.min" && e.Reason.Contains("above the max share 0.2"));
        Assert.Contains(errors, e => e.Field == "distribution" && e.Reason.Contains("1.2"));
    }

    [Fact]
    public void CoefficientMissingNegativeOrForAnUnknownGrade_IsNamedByGrade()
    {
        var coefficients = ContractCoefficients();
        coefficients.Remove("D");
        coefficients["C"] = -0.8m;
        coefficients["E"] = 0.1m;

        var errors = (Contract() with { Coefficients = coefficients }).Validate();

        Assert.Contains(errors, e => e.Field == "coefficients.D" && e.Reason.Contains("is required"));
        Assert.Contains(errors, e => e.Field == "coefficients.C" && e.Reason.Contains("negative"));
        Assert.Contains(errors, e => e.Field == "coefficients.E" && e.Reason.Contains("not a grade"));
    }

    [Fact]
    public void CodeAndName_AreChecked()
    {
        var errors = (Contract() with { Code = "staff 2026", Name = " " }).Validate();

        Assert.Contains(errors, e => e.Field == "code");
        Assert.Contains(errors, e => e.Field == "name");
    }

    [Fact]
    public void EnumNames_AreTheContractsSpelling()
    {
        Assert.Equal("self_assessment", AppraisalStatus.SelfAssessment.Name());
        Assert.Equal("manager_review", AppraisalStatus.ManagerReview.Name());
        Assert.Equal("everyone", VetoScope.Everyone.Name());
        Assert.True(AppraisalNames.TryParse<GroupBy>("division", out var g));
        Assert.Equal(GroupBy.Division, g);
        Assert.True(AppraisalNames.TryParse<PartType>("competency", out var p));
        Assert.Equal(PartType.Competency, p);
        Assert.False(AppraisalNames.TryParse<VetoScope>("Heads", out _));
        Assert.Equal("one of heads, everyone, nobody", AppraisalNames.OneOf<VetoScope>());
    }
}
