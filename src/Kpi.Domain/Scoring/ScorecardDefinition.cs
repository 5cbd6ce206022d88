using Kpi.Domain;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;

namespace Kpi.Domain.Scoring;

/// <summary>
/// A department's scorecard: lines whose weights sum to 100, a grade scale and RAG thresholds.
/// <see cref="Validate"/> lists every problem with the field it is in; a valid card can always be scored.
/// </summary>
public sealed record ScorecardDefinition(IReadOnlyList<ScorecardLine> Lines, GradeScale Grades, RagThresholds Rag)
{
    public const decimal TotalWeight = 100m;
    public const decimal MaxPoints = 120m;

    public ScorecardDefinition(IReadOnlyList<ScorecardLine> lines) : this(lines, GradeScale.Default, RagThresholds.Default) { }

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Lines.Count == 0) errors.Add(new("lines", "a scorecard needs at least one line"));

        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            var at = $"lines[{i}]";
            if (!MetricCode.IsValid(line.Metric)) errors.Add(new($"{at}.metric", $"'{line.Metric}' is not a metric code"));
            if (line.Scope is not null && !Department.IsValidCode(line.Scope)) errors.Add(new($"{at}.scope", $"'{line.Scope}' is not a department code"));
            if (line.Weight is < 0 or > TotalWeight) errors.Add(new($"{at}.weight", "must be between 0 and 100"));
            else if (line.Weight == 0 && line.Rule is not VetoRule) errors.Add(new($"{at}.weight", "only a veto line may carry no weight"));
            if (line.Tolerance < 0) errors.Add(new($"{at}.tolerance", "must not be negative"));
            if (line.Tolerance > 0 && line.Direction != Direction.Closer) errors.Add(new($"{at}.tolerance", "applies only to direction 'closer'"));
            ValidateRule(line, at, errors);
            if (line.Rule is VetoRule veto && !Grades.Contains(veto.CapGrade))
                errors.Add(new($"{at}.rule.cap_grade", $"'{veto.CapGrade}' is not a grade of the scale"));
            if (Lines.Take(i).Any(p => p.Metric == line.Metric && p.Scope == line.Scope && p.Rule.Type == line.Rule.Type))
                errors.Add(new($"{at}.metric", $"'{line.Metric}' already has a {line.Rule.Type} line"));
        }

        var sum = Lines.Sum(l => l.Weight);
        if (Lines.Count > 0 && sum != TotalWeight) errors.Add(new("lines.weight", $"weights sum to {sum}, not {TotalWeight}"));
        if (Rag.Amber > Rag.Green) errors.Add(new("rag.amber", "must not be above rag.green"));

        return errors;
    }

    /// <summary>Two cards are equal when they score the same way: same lines in the same order, grades and thresholds.</summary>
    public bool Equals(ScorecardDefinition? other) =>
        other is not null && Lines.SequenceEqual(other.Lines) && Grades.Equals(other.Grades) && Rag == other.Rag;

    public override int GetHashCode() => Lines.Aggregate(HashCode.Combine(Grades, Rag), HashCode.Combine);

    /// <summary>Throws the first validation problem as a <see cref="DomainException"/>.</summary>
    public ScorecardDefinition EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new DomainException($"{errors[0].Field}: {errors[0].Reason}", errors[0].Field);
    }

    /// <summary>The checks of a line's target and rule, shared with appraisal goals (which are scored as lines).</summary>
    internal static void ValidateRule(ScorecardLine line, string at, List<FieldError> errors)
    {
        var needsTarget = line.Rule is LinearRule or BandsRule;
        if (needsTarget && line.Target is null) errors.Add(new($"{at}.target", $"is required for a {line.Rule.Type} rule"));
        if (needsTarget && line.Target == 0 && line.Direction == Direction.Higher)
            errors.Add(new($"{at}.target", "must not be 0 when higher is better (achievement is actual / target)"));
        // actual / target and target / actual only mean "how close to the goal" for goals above zero.
        if (needsTarget && line.Target < 0 && line.Direction != Direction.Closer)
            errors.Add(new($"{at}.target", $"must not be negative when {line.Direction.Name()} is better; use direction 'closer' for a signed goal"));

        switch (line.Rule)
        {
            case LinearRule l when l.Cap <= 0:
                errors.Add(new($"{at}.rule.cap", "must be above 0"));
                break;
            case LinearRule l when l.Cap > MaxPoints / 100m:
                errors.Add(new($"{at}.rule.cap", $"must be at most {MaxPoints / 100m} (the 0–{MaxPoints} scale)"));
                break;
            case BandsRule b:
                if (b.Bands.Count == 0) errors.Add(new($"{at}.rule.bands", "needs at least one band"));
                for (var j = 0; j < b.Bands.Count; j++)
                {
                    if (b.Bands[j].Threshold < 0) errors.Add(new($"{at}.rule.bands[{j}].threshold", "must not be negative"));
                    if (b.Bands[j].Points is < 0 or > MaxPoints) errors.Add(new($"{at}.rule.bands[{j}].points", $"must be between 0 and {MaxPoints}"));
                    if (b.Bands.Take(j).Any(p => p.Threshold == b.Bands[j].Threshold)) errors.Add(new($"{at}.rule.bands[{j}].threshold", "appears twice"));
                }
                break;
            case DeductionRule d when d.PerUnit <= 0:
                errors.Add(new($"{at}.rule.per_unit", "must be above 0"));
                break;
            case VetoRule v when v.Facet is not null:
                var facets = line.Metric == MetricCatalogue.SafetyIncidents ? MetricFormulas.SafetyFacets.All : [];
                if (!facets.Contains(v.Facet))
                    errors.Add(new($"{at}.rule.facet", facets.Count == 0
                        ? $"'{line.Metric}' has no facets"
                        : $"'{v.Facet}' is not one of {string.Join(", ", facets)}"));
                break;
        }
    }
}
