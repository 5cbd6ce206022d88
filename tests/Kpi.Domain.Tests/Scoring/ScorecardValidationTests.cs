using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Domain.Tests.Scoring;

public class ScorecardValidationTests
{
    private static readonly ScorecardLine SafetyVeto =
        Line(SafetyIncidents, 0m, 0, new VetoRule(0m, MetricFormulas.SafetyFacets.Serious), Direction.Lower);

    /// <summary>A valid card: two weighted lines and a weightless safety veto.</summary>
    private static ScorecardLine[] Valid() =>
    [
        Line(PlanCompletion, 1.0m, 60, new LinearRule()),
        Line(QualityPass, 0.99m, 40, new LinearRule()),
        SafetyVeto,
    ];

    private static ScorecardLine[] With(int index, Func<ScorecardLine, ScorecardLine> change)
    {
        var lines = Valid();
        lines[index] = change(lines[index]);
        return lines;
    }

    [Fact]
    public void ValidCard_HasNoErrors() => Assert.Empty(Card(Valid()).Validate());

    public static TheoryData<string, ScorecardLine[], string, string> Invalid => new()
    {
        // why, lines, the field the error names, a fragment of the reason
        { "weights sum to 90", With(1, l => l with { Weight = 30 }), "lines.weight", "weights sum to 90, not 100" },
        { "weights sum to 110", With(1, l => l with { Weight = 50 }), "lines.weight", "weights sum to 110, not 100" },
        { "zero weight on a non-veto line", [.. With(1, l => l with { Weight = 0 }), Line(BudgetAttainment, 1m, 40, new LinearRule(1m), Direction.Lower)], "lines[1].weight", "only a veto line may carry no weight" },
        { "negative weight", [Line(PlanCompletion, 1m, 110, new LinearRule()), Line(QualityPass, 1m, -10, new LinearRule())], "lines[1].weight", "between 0 and 100" },
        { "weight above 100", [Line(PlanCompletion, 1m, 101, new LinearRule())], "lines[0].weight", "between 0 and 100" },
        { "cap 0", With(0, l => l with { Rule = new LinearRule(0m) }), "lines[0].rule.cap", "must be above 0" },
        { "negative cap", With(0, l => l with { Rule = new LinearRule(-1m) }), "lines[0].rule.cap", "must be above 0" },
        { "cap above 120 %", With(0, l => l with { Rule = new LinearRule(1.21m) }), "lines[0].rule.cap", "at most 1.2" },
        { "empty bands", With(0, l => l with { Rule = new BandsRule([]) }), "lines[0].rule.bands", "needs at least one band" },
        { "negative band threshold", With(0, l => l with { Rule = new BandsRule([new Band(-0.1m, 50)]) }), "lines[0].rule.bands[0].threshold", "must not be negative" },
        { "band points above 120", With(0, l => l with { Rule = new BandsRule([new Band(1m, 121)]) }), "lines[0].rule.bands[0].points", "between 0 and 120" },
        { "negative band points", With(0, l => l with { Rule = new BandsRule([new Band(1m, -1)]) }), "lines[0].rule.bands[0].points", "between 0 and 120" },
        { "same threshold twice", With(0, l => l with { Rule = new BandsRule([new Band(1m, 100), new Band(1m, 90)]) }), "lines[0].rule.bands[1].threshold", "appears twice" },
        { "unknown facet", With(2, l => l with { Rule = new VetoRule(0m, "critical") }), "lines[2].rule.facet", "'critical' is not one of minor, major, fatal, serious" },
        { "facet on a metric without facets", [.. Valid(), Line(QualityPass, null, 0, new VetoRule(0m, "serious"))], "lines[3].rule.facet", "'quality_pass' has no facets" },
        { "higher is better with target 0", With(0, l => l with { Target = 0m }), "lines[0].target", "must not be 0 when higher is better" },
        { "missing target, linear", With(0, l => l with { Target = null }), "lines[0].target", "is required for a linear rule" },
        { "missing target, bands", With(0, l => l with { Target = null, Rule = new BandsRule([new Band(1m, 100)]) }), "lines[0].target", "is required for a bands rule" },
        { "deduction of 0 per unit", [Line(PlanCompletion, 1m, 90, new LinearRule()), Line(SafetyIncidents, null, 10, new DeductionRule(0m), Direction.Lower)], "lines[1].rule.per_unit", "must be above 0" },
        { "negative tolerance", With(0, l => l with { Direction = Direction.Closer, Tolerance = -0.05m }), "lines[0].tolerance", "must not be negative" },
        { "tolerance on higher is better", With(0, l => l with { Tolerance = 0.05m }), "lines[0].tolerance", "applies only to direction 'closer'" },
        { "metric code not snake case", With(0, l => l with { Metric = "Plan Completion" }), "lines[0].metric", "is not a metric code" },
        { "scope not a department code", With(0, l => l with { Scope = "生产部" }), "lines[0].scope", "is not a department code" },
        { "veto cap grade not on the scale", With(2, l => l with { Rule = new VetoRule(0m, "serious", "Z") }), "lines[2].rule.cap_grade", "'Z' is not a grade of the scale" },
        { "the same metric and rule twice", [Line(PlanCompletion, 1m, 50, new LinearRule()), Line(PlanCompletion, 0.9m, 50, new LinearRule())], "lines[1].metric", "already has a linear line" },
        { "no lines", [], "lines", "at least one line" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidCard_NamesTheFieldAndWhy(string why, ScorecardLine[] lines, string field, string reason)
    {
        _ = why;
        var errors = Card(lines).Validate();

        Assert.Contains(errors, e => e.Field == field && e.Reason.Contains(reason));
        var e = Assert.Throws<DomainException>(() => Card(lines).EnsureValid());
        Assert.NotNull(e.Field);
    }

    [Fact]
    public void InvalidCard_EveryProblemIsListed()
    {
        ScorecardLine[] lines = [Line(PlanCompletion, null, 50, new LinearRule(2m)), Line(QualityPass, 0m, 0, new LinearRule())];

        var fields = Card(lines).Validate().Select(e => e.Field).ToHashSet();

        Assert.Superset(new HashSet<string> { "lines[0].target", "lines[0].rule.cap", "lines[1].weight", "lines[1].target", "lines.weight" }, fields);
    }

    [Fact]
    public void InvalidRag_AmberAboveGreen_IsRefused()
    {
        var card = new ScorecardDefinition(Valid(), GradeScale.Default, new RagThresholds(Green: 90m, Amber: 95m));

        Assert.Contains(card.Validate(), e => e.Field == "rag.amber");
    }

    public static TheoryData<string, ScorecardLine[]> Allowed => new()
    {
        { "lower is better with target 0", [Line(PlanCompletion, 1m, 90, new LinearRule()), Line(SafetyIncidents, 0m, 10, new LinearRule(), Direction.Lower)] },
        { "closer with target 0 and a tolerance", [Line("variance", 0m, 100, new LinearRule(), Direction.Closer, 0.1m)] },
        { "deduction without a target", [Line(PlanCompletion, 1m, 90, new LinearRule()), Line(SafetyIncidents, null, 10, new DeductionRule(50), Direction.Lower)] },
        { "veto without a target or weight", [Line(PlanCompletion, 1m, 100, new LinearRule()), Line(SafetyIncidents, null, 0, new VetoRule())] },
        { "one metric with a deduction and a veto", [Line(PlanCompletion, 1m, 90, new LinearRule()), Line(SafetyIncidents, 0m, 10, new DeductionRule(50), Direction.Lower), SafetyVeto] },
        { "one metric on two scopes", [Line(TurnoverRate, 0.02m, 50, new LinearRule(), Direction.Lower), Line(TurnoverRate, 0.02m, 50, new LinearRule(), Direction.Lower) with { Scope = "CO" }] },
        { "decimal weights summing to 100", [Line(PlanCompletion, 1m, 33.4m, new LinearRule()), Line(QualityPass, 1m, 33.3m, new LinearRule()), Line(OnTimeDelivery, 1m, 33.3m, new LinearRule())] },
        { "a veto carrying weight", [Line(PlanCompletion, 1m, 90, new LinearRule()), Line("fraud", null, 10, new VetoRule())] },
        { "cap of exactly 120 %", [Line(PlanCompletion, 1m, 100, new LinearRule(1.2m))] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedCard_HasNoErrors(string why, ScorecardLine[] lines)
    {
        _ = why;
        Assert.Empty(Card(lines).Validate());
    }

    [Fact]
    public void VetoCapGrade_OfACustomScale_IsValid()
    {
        var scale = new GradeScale([new("优秀", 90), new("合格", 60), new("不合格", null)]);
        var card = new ScorecardDefinition([Line(PlanCompletion, 1m, 100, new LinearRule()), Line("fraud", null, 0, new VetoRule(0m, null, "合格"))], scale, RagThresholds.Default);
        var withDefaultCap = card with { Lines = [card.Lines[0], Line("fraud", null, 0, new VetoRule())] };

        Assert.Empty(card.Validate());
        Assert.Contains(withDefaultCap.Validate(), e => e.Field == "lines[1].rule.cap_grade"); // "C" is not on this scale
    }
}
