using System.Text.Json;
using System.Text.Json.Serialization;
using Kpi.Domain;
using Kpi.Domain.Appraisal;
using Kpi.Domain.Scoring;
using Kpi.Storage.Scorecards;

namespace Kpi.Storage.Appraisal;

/// <summary>
/// The JSON form of an appraisal template, as <c>POST /api/appraisal/templates</c> accepts it, as it is stored, and as
/// a cycle keeps its copy (docs/appraisal.md, "The template"):
/// <code>{"code":"staff-2026","name":"员工考核","self_assessment":true,
///  "parts":[{"type":"kpi","weight":50},{"type":"goals","weight":30},
///           {"type":"competency","weight":20,"scale":5,"items":[{"code":"teamwork","name":"团队协作","weight":60}, …]}],
///  "adjustment":{"min":-10,"max":10},"grades":[{"grade":"S","min":105}, …],"veto_applies_to":"heads",
///  "distribution":{"group_by":"cycle","S":{"max":0.1},"A":{"max":0.2},"D":{"min":0.05}},
///  "coefficients":{"S":1.5,"A":1.2,"B":1.0,"C":0.8,"D":0.5}}</code>
/// Defaults where a field is left out: no self-assessment, no adjustment (0..0), the standard grades (S ≥ 105, A ≥ 95,
/// B ≥ 85, C ≥ 70, D), the veto applying to heads, no distribution bounds. Coefficients are never defaulted: payroll
/// reads them.
/// </summary>
public sealed class AppraisalTemplateDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public bool? SelfAssessment { get; set; }
    public List<PartDocument?>? Parts { get; set; }
    public AdjustmentDocument? Adjustment { get; set; }
    public List<ScorecardDocument.GradeDocument?>? Grades { get; set; }
    public string? VetoAppliesTo { get; set; }

    /// <summary><c>group_by</c> and one <c>{"max","min"}</c> per bounded grade, side by side as the contract writes them.</summary>
    public Dictionary<string, JsonElement>? Distribution { get; set; }

    public Dictionary<string, decimal?>? Coefficients { get; set; }

    public sealed class PartDocument
    {
        public string? Type { get; set; }
        public decimal? Weight { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? Scale { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<ItemDocument?>? Items { get; set; }
    }

    public sealed class ItemDocument
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public decimal? Weight { get; set; }
    }

    public sealed class AdjustmentDocument
    {
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
    }

    public const string GroupByKey = "group_by";

    /// <summary>The domain's template, or every problem found, each named by its JSON path (<c>parts[2].items[0].weight</c>).</summary>
    public (AppraisalTemplate? Template, IReadOnlyList<FieldError> Errors) ToTemplate()
    {
        var errors = new List<FieldError>();
        if (Code is null) errors.Add(new("code", "is required"));
        if (Name is null) errors.Add(new("name", "is required"));
        if (Parts is null) errors.Add(new("parts", "is required: kpi, goals and/or competency parts whose weights sum to 100"));

        var parts = new List<TemplatePart>();
        for (var i = 0; i < (Parts?.Count ?? 0); i++)
        {
            var at = $"parts[{i}]";
            var p = Parts![i];
            if (p is null) { errors.Add(new(at, "is required")); continue; }
            if (!AppraisalNames.TryParse<PartType>(p.Type, out var type)) { errors.Add(new($"{at}.type", $"'{p.Type}' is not {AppraisalNames.OneOf<PartType>()}")); continue; }
            if (p.Weight is null) errors.Add(new($"{at}.weight", "is required"));
            List<CompetencyItem>? items = null;
            if (p.Items is not null)
            {
                items = [];
                for (var j = 0; j < p.Items.Count; j++)
                {
                    var item = p.Items[j];
                    if (item is null) { errors.Add(new($"{at}.items[{j}]", "is required")); continue; }
                    if (item.Weight is null) errors.Add(new($"{at}.items[{j}].weight", "is required"));
                    items.Add(new CompetencyItem(item.Code ?? "", item.Name ?? "", item.Weight ?? 0m));
                }
            }
            parts.Add(new TemplatePart(type, p.Weight ?? 0m, p.Scale, items));
        }

        var vetoScope = VetoScope.Heads;
        if (VetoAppliesTo is not null && !AppraisalNames.TryParse(VetoAppliesTo, out vetoScope))
            errors.Add(new("veto_applies_to", $"'{VetoAppliesTo}' is not {AppraisalNames.OneOf<VetoScope>()}"));

        var grades = Grades is null
            ? GradeScale.Default.Steps.ToList()
            : Grades.Select((g, i) =>
            {
                if (g is null) errors.Add(new($"grades[{i}]", "is required"));
                return new GradeStep(g?.Grade ?? "", g?.Min);
            }).ToList();

        var distribution = ToDistribution(errors);
        var coefficients = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (grade, value) in Coefficients ?? [])
        {
            if (value is null) errors.Add(new($"coefficients.{grade}", "is required: a number"));
            else coefficients[grade] = value.Value;
        }
        if (errors.Count > 0) return (null, errors);

        var template = new AppraisalTemplate(Code!, Name!, SelfAssessment ?? false, parts,
            new AdjustmentBounds(Adjustment?.Min ?? 0m, Adjustment?.Max ?? 0m), grades, vetoScope, distribution, coefficients);
        var problems = template.Validate();
        return problems.Count > 0 ? (null, problems) : (template, []);
    }

    private DistributionPolicy ToDistribution(List<FieldError> errors)
    {
        if (Distribution is null) return DistributionPolicy.None;
        var groupBy = GroupBy.Cycle;
        var grades = new Dictionary<string, ShareBounds>(StringComparer.Ordinal);
        foreach (var (key, value) in Distribution)
        {
            var at = $"distribution.{key}";
            if (key == GroupByKey)
            {
                if (value.ValueKind != JsonValueKind.String || !AppraisalNames.TryParse(value.GetString(), out groupBy))
                    errors.Add(new(at, $"is not {AppraisalNames.OneOf<GroupBy>()}"));
                continue;
            }
            if (value.ValueKind != JsonValueKind.Object) { errors.Add(new(at, "give the grade's shares as {\"max\": 0.1} and/or {\"min\": 0.05}")); continue; }
            decimal? max = null, min = null;
            foreach (var bound in value.EnumerateObject())
            {
                if (bound.Name is not ("max" or "min")) { errors.Add(new($"{at}.{bound.Name}", "is not a share: use max or min")); continue; }
                if (bound.Value.ValueKind != JsonValueKind.Number || !bound.Value.TryGetDecimal(out var share))
                {
                    errors.Add(new($"{at}.{bound.Name}", "must be a number from 0 to 1"));
                    continue;
                }
                if (bound.Name == "max") max = share;
                else min = share;
            }
            grades[key] = new ShareBounds(max, min);
        }
        return new DistributionPolicy(groupBy, grades);
    }

    /// <summary>The document of a valid template: what GET answers, what a cycle stores.</summary>
    public static AppraisalTemplateDocument From(AppraisalTemplate t)
    {
        var distribution = new Dictionary<string, JsonElement> { [GroupByKey] = JsonSerializer.SerializeToElement(t.Distribution.GroupBy.Name()) };
        foreach (var grade in t.Grades.Select(g => g.Grade).Where(t.Distribution.Grades.ContainsKey))
        {
            var bounds = t.Distribution.Grades[grade];
            var shares = new Dictionary<string, decimal>();
            if (bounds.Max is { } max) shares["max"] = max;
            if (bounds.Min is { } min) shares["min"] = min;
            distribution[grade] = JsonSerializer.SerializeToElement(shares);
        }
        return new AppraisalTemplateDocument
        {
            Code = t.Code,
            Name = t.Name,
            SelfAssessment = t.SelfAssessment,
            Parts = t.Parts.Select(p => (PartDocument?)new PartDocument
            {
                Type = p.Type.Name(),
                Weight = p.Weight,
                Scale = p.Scale,
                Items = p.Items?.Select(i => (ItemDocument?)new ItemDocument { Code = i.Code, Name = i.Name, Weight = i.Weight }).ToList(),
            }).ToList(),
            Adjustment = new AdjustmentDocument { Min = t.Adjustment.Min, Max = t.Adjustment.Max },
            Grades = t.Grades.Select(g => (ScorecardDocument.GradeDocument?)new ScorecardDocument.GradeDocument { Grade = g.Grade, Min = g.Min }).ToList(),
            VetoAppliesTo = t.VetoAppliesTo.Name(),
            Distribution = distribution,
            Coefficients = t.Grades.ToDictionary(g => g.Grade, g => (decimal?)t.Coefficients[g.Grade], StringComparer.Ordinal),
        };
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static AppraisalTemplateDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<AppraisalTemplateDocument>(json, Json) ?? throw new JsonException("An appraisal template cannot be null.");

    /// <summary>A stored template (it was valid when stored, so it still is).</summary>
    public static AppraisalTemplate Restore(string json)
    {
        var (template, errors) = Deserialize(json).ToTemplate();
        return template ?? throw new InvalidOperationException($"Stored appraisal template is invalid: {errors[0].Field} {errors[0].Reason}");
    }
}
