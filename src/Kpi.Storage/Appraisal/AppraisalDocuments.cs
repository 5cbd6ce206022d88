using System.Text.Json;
using System.Text.Json.Serialization;
using Kpi.Domain;
using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Storage.Scorecards;

namespace Kpi.Storage.Appraisal;

/// <summary>
/// A personal goal as <c>PUT /api/appraisals/{id}/goals</c> takes it and as it is stored:
/// <c>{"name":"新品试产批次","target":4,"weight":50,"direction":"higher","rule":{"type":"linear","cap":1.2}}</c> — the
/// direction (default <c>higher</c>), <c>tolerance</c> and rule exactly as on a scorecard line.
/// </summary>
public sealed class GoalDocument
{
    public string? Name { get; set; }
    public decimal? Target { get; set; }
    public decimal? Weight { get; set; }
    public string? Direction { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Tolerance { get; set; }
    public ScorecardDocument.RuleDocument? Rule { get; set; }

    /// <summary>The domain's goals, or every problem named <c>goals[i].field</c>; the goals' own rules are checked by the domain.</summary>
    public static (IReadOnlyList<Goal>? Goals, IReadOnlyList<FieldError> Errors) ToGoals(IReadOnlyList<GoalDocument?>? documents)
    {
        if (documents is null) return (null, [new FieldError("goals", "is required: a list, empty to clear the goals")]);
        var errors = new List<FieldError>();
        var goals = new List<Goal>();
        for (var i = 0; i < documents.Count; i++)
        {
            var at = $"goals[{i}]";
            var d = documents[i];
            if (d is null) { errors.Add(new(at, "is required")); continue; }
            if (d.Name is null) errors.Add(new($"{at}.name", "is required"));
            if (d.Weight is null) errors.Add(new($"{at}.weight", "is required"));
            var direction = Kpi.Domain.Metrics.Direction.Higher;
            if (d.Direction is not null && !Directions.TryParse(d.Direction, out direction))
                errors.Add(new($"{at}.direction", $"'{d.Direction}' is not one of higher, lower, closer"));
            var rule = ScorecardDocument.ToRule(d.Rule, $"{at}.rule", errors);
            if (rule is not null) goals.Add(new Goal(d.Name ?? "", d.Target, d.Weight ?? 0m, direction, rule, d.Tolerance ?? 0m));
        }
        return errors.Count > 0 ? (null, errors) : (goals, []);
    }

    public static GoalDocument From(Goal g) => new()
    {
        Name = g.Name,
        Target = g.Target,
        Weight = g.Weight,
        Direction = g.Direction.Name(),
        Tolerance = g.Tolerance == 0 ? null : g.Tolerance,
        Rule = ScorecardDocument.RuleOf(g.Rule),
    };
}

/// <summary>A self-assessment or review as stored: the actuals, ratings and comment, who submitted it and when.</summary>
public sealed class SubmissionDocument
{
    public List<decimal> GoalActuals { get; set; } = [];
    public Dictionary<string, int> Ratings { get; set; } = [];
    public string? Comment { get; set; }
    public string? ByEmployeeNo { get; set; }
    public bool ByHr { get; set; }
    public DateTime At { get; set; }

    public static SubmissionDocument From(Submission s) => new()
    {
        GoalActuals = s.GoalActuals.ToList(),
        Ratings = new Dictionary<string, int>(s.Ratings, StringComparer.Ordinal),
        Comment = s.Comment,
        ByEmployeeNo = s.By.EmployeeNo,
        ByHr = s.By.IsHr,
        At = s.At,
    };

    public Submission ToSubmission() =>
        new(GoalActuals, new Dictionary<string, int>(Ratings, StringComparer.Ordinal), Comment, new AppraisalActor(ByEmployeeNo, ByHr),
            DateTime.SpecifyKind(At, DateTimeKind.Utc));
}

/// <summary>The JSON of the appraisal columns: goals and submissions, in snake_case, exact decimals.</summary>
public static class AppraisalDocuments
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Goals(IReadOnlyList<Goal> goals) => JsonSerializer.Serialize(goals.Select(GoalDocument.From).ToList(), Json);

    public static IReadOnlyList<Goal> Goals(string json)
    {
        var (goals, errors) = GoalDocument.ToGoals(JsonSerializer.Deserialize<List<GoalDocument?>>(json, Json));
        return goals ?? throw new InvalidOperationException($"Stored goals are invalid: {errors[0].Field} {errors[0].Reason}");
    }

    public static string? Submission(Submission? s) => s is null ? null : JsonSerializer.Serialize(SubmissionDocument.From(s), Json);

    public static Submission? Submission(string? json) =>
        json is null ? null : (JsonSerializer.Deserialize<SubmissionDocument>(json, Json) ?? throw new JsonException("A submission cannot be null.")).ToSubmission();

    public static string Departments(IReadOnlyList<string> codes) => JsonSerializer.Serialize(codes, Json);

    public static IReadOnlyList<string> Departments(string json) => JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
}
