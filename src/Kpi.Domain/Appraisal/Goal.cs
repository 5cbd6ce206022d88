using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// A personal goal of one appraisal: a line with a name, a target, a weight (the goals of an appraisal sum to 100), a
/// direction (with a tolerance for <c>closer</c>) and a rule — <c>linear</c>, <c>bands</c> or <c>deduction</c>, never
/// <c>veto</c>. It is scored exactly as a scorecard line is (<see cref="Scorer.ScoreLine"/>), against the actual the
/// appraiser enters, so over-achievement counts up to the rule's cap.
/// </summary>
public sealed record Goal(string Name, decimal? Target, decimal Weight, Direction Direction, ScoringRule Rule, decimal Tolerance = 0m)
{
    public const int MaxNameLength = 200;
    public const int MaxGoals = 50;

    /// <summary>The label the goal's scorecard line carries in place of a metric code.</summary>
    public const string LineLabel = "goal";

    /// <summary>The goal as a scorecard line, so that it is scored by the scorecards' own arithmetic.</summary>
    public ScorecardLine ToLine() => new(LineLabel, Target, Weight, Direction, Rule, Tolerance);

    /// <summary>The goal scored against an actual: achievement, points and the arithmetic, as for a scorecard line.</summary>
    public LineResult Score(decimal actual) =>
        Scorer.ScoreLine(ToLine(), new MetricValue(LineLabel, actual, actual, null, 1), RagThresholds.Default);

    /// <summary>
    /// Every problem of a set of goals, named <c>goals[i].field</c> as in <c>PUT /api/appraisals/{id}/goals</c>. An empty
    /// set is valid: it means "no goals", and the goals part then has no data.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<Goal> goals)
    {
        var errors = new List<FieldError>();
        if (goals.Count > MaxGoals) errors.Add(new("goals", $"at most {MaxGoals} goals"));
        for (var i = 0; i < goals.Count; i++)
        {
            var goal = goals[i];
            var at = $"goals[{i}]";
            if (string.IsNullOrWhiteSpace(goal.Name) || goal.Name.Length > MaxNameLength) errors.Add(new($"{at}.name", $"must be 1–{MaxNameLength} characters"));
            if (goal.Weight is <= 0 or > AppraisalTemplate.TotalWeight) errors.Add(new($"{at}.weight", "must be above 0 and at most 100"));
            if (!Enum.IsDefined(goal.Direction)) errors.Add(new($"{at}.direction", "is not one of higher, lower, closer"));
            if (goal.Tolerance < 0) errors.Add(new($"{at}.tolerance", "must not be negative"));
            if (goal.Tolerance > 0 && goal.Direction != Direction.Closer) errors.Add(new($"{at}.tolerance", "applies only to direction 'closer'"));
            if (goal.Rule is VetoRule) { errors.Add(new($"{at}.rule.type", "a goal cannot veto: use linear, bands or deduction")); continue; }
            ScorecardDefinition.ValidateRule(goal.ToLine(), at, errors);
        }
        var sum = goals.Sum(g => g.Weight);
        if (goals.Count > 0 && sum != AppraisalTemplate.TotalWeight) errors.Add(new("goals", $"goal weights sum to {sum}, not {AppraisalTemplate.TotalWeight}"));
        return errors;
    }
}
