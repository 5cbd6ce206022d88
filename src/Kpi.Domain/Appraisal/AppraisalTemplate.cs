using System.Text.RegularExpressions;
using Kpi.Domain.Scoring;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// How a cycle appraises: its parts and their weights (summing to 100), whether employees assess themselves first,
/// the bounds of HR's adjustment, the grade thresholds, whose grade a department veto caps, the distribution policy
/// and the coefficient (绩效系数) of each grade. <see cref="Validate"/> names every problem by its JSON path in the
/// API contract (<c>parts[2].items[0].weight</c>, <c>distribution.S.max</c>, <c>coefficients.D</c>); a valid template
/// can always score an appraisal. The arithmetic is in docs/appraisal.md.
/// </summary>
/// <param name="Grades">
/// Best first, as the API writes them. The last grade takes every total below the one above it: its <c>min</c> may be
/// given (the contract writes <c>{"grade":"D","min":0}</c>) but does not leave a final below it (possible with a
/// negative adjustment) without a grade.
/// </param>
public sealed partial record AppraisalTemplate(
    string Code,
    string Name,
    bool SelfAssessment,
    IReadOnlyList<TemplatePart> Parts,
    AdjustmentBounds Adjustment,
    IReadOnlyList<GradeStep> Grades,
    VetoScope VetoAppliesTo,
    DistributionPolicy Distribution,
    IReadOnlyDictionary<string, decimal> Coefficients)
{
    public const decimal TotalWeight = 100m;
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;

    /// <summary>The grade thresholds as the scorecards' <see cref="Scoring.GradeScale"/> (the last grade without a minimum).</summary>
    public GradeScale GradeScale => new(ScaleSteps(Grades));

    public TemplatePart? Part(PartType type) => Parts.FirstOrDefault(p => p.Type == type);

    /// <summary>The coefficient of a grade of the template (every grade has one in a valid template).</summary>
    public decimal CoefficientOf(string grade) =>
        Coefficients.TryGetValue(grade, out var c) ? c : throw new DomainException($"Grade '{grade}' has no coefficient.", $"coefficients.{grade}");

    /// <summary>Item and template codes: letters, digits, '_', '-', '.'; they key the ratings in the API (<c>{"teamwork":4}</c>).</summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>Every problem of the template, each with the field it is in; empty when the template is valid.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (!IsValidCode(Code)) errors.Add(new("code", $"'{Code}' is not a code: use 1–{MaxCodeLength} letters, digits, '_', '-' or '.'"));
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength) errors.Add(new("name", $"must be 1–{MaxNameLength} characters"));
        ValidateParts(errors);

        if (Adjustment.Min > 0) errors.Add(new("adjustment.min", "must not be above 0: no adjustment (0) is always allowed"));
        if (Adjustment.Max < 0) errors.Add(new("adjustment.max", "must not be below 0: no adjustment (0) is always allowed"));

        var gradeErrors = ValidateGrades();
        errors.AddRange(gradeErrors);
        if (gradeErrors.Count == 0)
        {
            var grades = Grades.Select(g => g.Grade).ToList();
            ValidateDistribution(grades, errors);
            ValidateCoefficients(grades, errors);
        }
        return errors;
    }

    /// <summary>Throws every validation problem as an <see cref="AppraisalInputException"/>.</summary>
    public AppraisalTemplate EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new AppraisalInputException(errors);
    }

    private void ValidateParts(List<FieldError> errors)
    {
        if (Parts.Count == 0) { errors.Add(new("parts", "a template needs at least one part")); return; }
        for (var i = 0; i < Parts.Count; i++)
        {
            var part = Parts[i];
            var at = $"parts[{i}]";
            if (!Enum.IsDefined(part.Type)) errors.Add(new($"{at}.type", $"is not {AppraisalNames.OneOf<PartType>()}"));
            else if (Parts.Take(i).Any(p => p.Type == part.Type)) errors.Add(new($"{at}.type", $"'{part.Type.Name()}' appears twice"));
            if (part.Weight is <= 0 or > TotalWeight) errors.Add(new($"{at}.weight", "must be above 0 and at most 100"));

            if (part.Type != PartType.Competency)
            {
                if (part.Scale is not null) errors.Add(new($"{at}.scale", "applies only to a competency part"));
                if (part.Items is not null) errors.Add(new($"{at}.items", "apply only to a competency part"));
                continue;
            }

            if (part.Scale is null) errors.Add(new($"{at}.scale", $"is required for a competency part: the highest rating, {TemplatePart.MinScale} or more"));
            else if (part.Scale is < TemplatePart.MinScale or > TemplatePart.MaxScale)
                errors.Add(new($"{at}.scale", $"must be a whole number from {TemplatePart.MinScale} to {TemplatePart.MaxScale}"));
            if (part.Items is null || part.Items.Count == 0) { errors.Add(new($"{at}.items", "a competency part needs at least one item")); continue; }
            for (var j = 0; j < part.Items.Count; j++)
            {
                var item = part.Items[j];
                var it = $"{at}.items[{j}]";
                if (!IsValidCode(item.Code)) errors.Add(new($"{it}.code", $"'{item.Code}' is not a code: use 1–{MaxCodeLength} letters, digits, '_', '-' or '.'"));
                else if (part.Items.Take(j).Any(p => p.Code == item.Code)) errors.Add(new($"{it}.code", $"'{item.Code}' appears twice"));
                if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > MaxNameLength) errors.Add(new($"{it}.name", $"must be 1–{MaxNameLength} characters"));
                if (item.Weight <= 0) errors.Add(new($"{it}.weight", "must be above 0"));
            }
        }

        var sum = Parts.Sum(p => p.Weight);
        if (sum != TotalWeight) errors.Add(new("parts", $"part weights sum to {sum}, not {TotalWeight}"));
    }

    private List<FieldError> ValidateGrades()
    {
        var errors = GradeScale.Validate(ScaleSteps(Grades)).ToList();
        // The last grade's min is not a threshold (it takes the rest) but, when given, must still read as one.
        if (Grades.Count > 1 && Grades[^1].Min is { } last && Grades[^2].Min is { } previous && last >= previous)
            errors.Add(new($"grades[{Grades.Count - 1}].min", $"must be below the previous grade's {previous}"));
        return errors;
    }

    private void ValidateDistribution(List<string> grades, List<FieldError> errors)
    {
        if (!Enum.IsDefined(Distribution.GroupBy)) errors.Add(new("distribution.group_by", $"is not {AppraisalNames.OneOf<GroupBy>()}"));
        foreach (var (grade, bounds) in Distribution.Grades.OrderBy(g => grades.IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue))
        {
            var at = $"distribution.{grade}";
            if (!grades.Contains(grade)) { errors.Add(new(at, $"'{grade}' is not a grade of the template")); continue; }
            if (bounds.Max is null && bounds.Min is null) errors.Add(new(at, "give a max share, a min share or both"));
            if (bounds.Max is < 0 or > 1) errors.Add(new($"{at}.max", "must be a share between 0 and 1"));
            if (bounds.Min is < 0 or > 1) errors.Add(new($"{at}.min", "must be a share between 0 and 1"));
            else if (bounds.Min > bounds.Max) errors.Add(new($"{at}.min", $"must not be above the max share {bounds.Max}"));
        }
        var mins = Distribution.Grades.Values.Sum(b => b.Min ?? 0m);
        if (mins > 1) errors.Add(new("distribution", $"the min shares sum to {mins}: more than the whole group"));
    }

    private void ValidateCoefficients(List<string> grades, List<FieldError> errors)
    {
        foreach (var grade in grades)
        {
            if (!Coefficients.TryGetValue(grade, out var c)) errors.Add(new($"coefficients.{grade}", "is required: every grade needs a coefficient"));
            else if (c < 0) errors.Add(new($"coefficients.{grade}", "must not be negative"));
        }
        foreach (var grade in Coefficients.Keys.Where(g => !grades.Contains(g)))
            errors.Add(new($"coefficients.{grade}", $"'{grade}' is not a grade of the template"));
    }

    private static List<GradeStep> ScaleSteps(IReadOnlyList<GradeStep> grades) =>
        grades.Select((g, i) => i == grades.Count - 1 ? g with { Min = null } : g).ToList();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,32}$")]
    private static partial Regex CodePattern();
}
