using Kpi.Domain;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;

namespace Kpi.Storage.Scorecards;

/// <summary>
/// The JSON form of a scorecard definition, as <c>PUT /api/scorecards/{department}</c> accepts it and as it is stored:
/// <code>{"lines":[{"metric":"plan_completion","target":1.0,"weight":40,"rule":{"type":"linear","cap":1.2}}, …],
///  "grades":[{"grade":"S","min":105}, …], "rag":{"green":100,"amber":90}}</code>
/// <c>direction</c> defaults to the metric's own; <c>grades</c> and <c>rag</c> default to the standard scale.
/// </summary>
public sealed class ScorecardDocument
{
    public List<LineDocument>? Lines { get; set; }
    public List<GradeDocument>? Grades { get; set; }
    public RagDocument? Rag { get; set; }

    public sealed class LineDocument
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Metric { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Target { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Weight { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Direction { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Tolerance { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Scope { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public RuleDocument? Rule { get; set; }
    }

    public sealed class RuleDocument
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Type { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Cap { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<BandDocument>? Bands { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? PerUnit { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Threshold { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Facet { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? CapGrade { get; set; }
    }

    public sealed class BandDocument
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Threshold { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Points { get; set; }
    }

    public sealed class GradeDocument
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Grade { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Min { get; set; }
    }

    public sealed class RagDocument
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Green { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public decimal? Amber { get; set; }
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The domain definition, or every problem found, each naming its field (<c>lines[1].rule.cap</c>).</summary>
    public (ScorecardDefinition? Definition, IReadOnlyList<FieldError> Errors) ToDefinition()
    {
        var errors = new List<FieldError>();
        if (Lines is null) return (null, [new("lines", "is required")]);

        var lines = new List<ScorecardLine>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var at = $"lines[{i}]";
            var l = Lines[i];
            if (l is null) { errors.Add(new(at, "is required")); continue; }
            if (l.Metric is null) { errors.Add(new($"{at}.metric", "is required")); continue; }
            var direction = MetricCatalogue.Describe(l.Metric).Direction;
            if (l.Direction is not null && !Directions.TryParse(l.Direction, out direction))
                errors.Add(new($"{at}.direction", $"'{l.Direction}' is not one of higher, lower, closer"));
            if (l.Weight is null) errors.Add(new($"{at}.weight", "is required"));
            var rule = ToRule(l.Rule, $"{at}.rule", errors);
            if (rule is null) continue;
            lines.Add(new ScorecardLine(l.Metric, l.Target, l.Weight ?? 0, direction, rule, l.Tolerance ?? 0, l.Scope));
        }

        GradeScale grades = GradeScale.Default;
        if (Grades is not null)
        {
            var steps = Grades.Select(g => new GradeStep(g.Grade ?? "", g.Min)).ToList();
            var gradeErrors = GradeScale.Validate(steps);
            errors.AddRange(gradeErrors);
            if (gradeErrors.Count == 0) grades = new GradeScale(steps);
        }
        var rag = new RagThresholds(Rag?.Green ?? RagThresholds.Default.Green, Rag?.Amber ?? RagThresholds.Default.Amber);

        if (errors.Count > 0) return (null, errors);
        var definition = new ScorecardDefinition(lines, grades, rag);
        var problems = definition.Validate();
        return problems.Count > 0 ? (null, problems) : (definition, []);
    }

    /// <summary>A rule document as the domain's rule, or null with every problem named under <paramref name="at"/> (goals use it too).</summary>
    internal static ScoringRule? ToRule(RuleDocument? r, string at, List<FieldError> errors)
    {
        if (r?.Type is null)
        {
            errors.Add(new($"{at}.type", "is required: linear, bands, deduction or veto"));
            return null;
        }
        switch (r.Type)
        {
            case "linear":
                return new LinearRule(r.Cap ?? LinearRule.DefaultCap);
            case "bands":
                if (r.Bands is null) { errors.Add(new($"{at}.bands", "is required for a bands rule")); return null; }
                var bands = new List<Band>();
                for (var j = 0; j < r.Bands.Count; j++)
                {
                    var b = r.Bands[j];
                    if (b?.Threshold is null) errors.Add(new($"{at}.bands[{j}].threshold", "is required"));
                    if (b?.Points is null) errors.Add(new($"{at}.bands[{j}].points", "is required"));
                    if (b?.Threshold is { } t && b.Points is { } p) bands.Add(new Band(t, p));
                }
                return new BandsRule(bands);
            case "deduction":
                if (r.PerUnit is null) { errors.Add(new($"{at}.per_unit", "is required for a deduction rule")); return null; }
                return new DeductionRule(r.PerUnit.Value);
            case "veto":
                return new VetoRule(r.Threshold ?? 0, r.Facet, r.CapGrade ?? VetoRule.DefaultCapGrade);
            default:
                errors.Add(new($"{at}.type", $"'{r.Type}' is not one of linear, bands, deduction, veto"));
                return null;
        }
    }

    public static ScorecardDocument From(ScorecardDefinition d) => new()
    {
        Lines = d.Lines.Select(l => new LineDocument
        {
            Metric = l.Metric,
            Target = l.Target,
            Weight = l.Weight,
            Direction = l.Direction.Name(),
            Tolerance = l.Tolerance == 0 ? null : l.Tolerance,
            Scope = l.Scope,
            Rule = RuleOf(l.Rule),
        }).ToList(),
        Grades = d.Grades.Steps.Select(s => new GradeDocument { Grade = s.Grade, Min = s.Min }).ToList(),
        Rag = new RagDocument { Green = d.Rag.Green, Amber = d.Rag.Amber },
    };

    public static RuleDocument RuleOf(ScoringRule rule) => rule switch
    {
        LinearRule x => new RuleDocument { Type = x.Type, Cap = x.Cap },
        BandsRule x => new RuleDocument { Type = x.Type, Bands = x.Bands.Select(b => new BandDocument { Threshold = b.Threshold, Points = b.Points }).ToList() },
        DeductionRule x => new RuleDocument { Type = x.Type, PerUnit = x.PerUnit },
        VetoRule x => new RuleDocument { Type = x.Type, Threshold = x.Threshold, Facet = x.Facet, CapGrade = x.CapGrade },
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Type, "Unknown rule."),
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static ScorecardDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<ScorecardDocument>(json, Json) ?? throw new JsonException("A scorecard document cannot be null.");
}
