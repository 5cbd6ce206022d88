using static Kpi.Domain.Scoring.Scorer;

namespace Kpi.Domain.Appraisal;

/// <summary>
/// How a final appraisal score, grade and coefficient are computed (docs/appraisal.md), written once:
/// <list type="bullet">
/// <item>kpi = the department's scorecard total taken at calibration (no scorecard or no data: no data);</item>
/// <item>goals = Σ(points × weight) / Σ weight, each goal scored as a scorecard line against the appraiser's actual;</item>
/// <item>competency = Σ(rating / scale × 100 × weight) / Σ weight over the appraiser's ratings; self-ratings never count;</item>
/// <item>final = Σ(part score × part weight) / Σ(weights of parts with data) + adjustment — a part without data is left
/// out of both sums, never counted as 0;</item>
/// <item>grade from the template's thresholds, capped by a triggered department veto where the template says it
/// applies, replaced by HR's override when there is one; coefficient of that grade.</item>
/// </list>
/// Every part score is kept as an exact fraction and the final is one division of exact sums, so that a final that is
/// exactly on a threshold (a third of a rating on a 3-point scale, say) is not pushed below it by a rounded
/// intermediate (66.66…67 × 3 ≠ 200).
/// </summary>
public static class AppraisalScorer
{
    public static AppraisalResult Score(
        AppraisalTemplate template,
        bool isHead,
        IReadOnlyList<Goal> goals,
        Submission? review,
        Submission? self,
        KpiInput? kpi,
        CalibrationDecision? calibration)
    {
        var scored = template.Parts.Select(part => part.Type switch
        {
            PartType.Kpi => ScoreKpi(part, kpi),
            PartType.Goals => ScoreGoals(part, goals, review, self),
            PartType.Competency => ScoreCompetency(part, review, self),
            _ => throw new DomainException($"Unknown part type '{part.Type}'.", "parts"),
        }).ToList();

        var withData = scored.Where(s => s.Exact is not null).ToList();
        var weightWithData = withData.Sum(s => s.Part.Weight);
        var parts = scored.Select(s => s.Exact is null || weightWithData == 0
            ? s.Part
            : s.Part with { EffectiveWeight = s.Part.Weight * 100m / weightWithData }).ToList();

        var adjustment = calibration?.Adjustment ?? 0m;
        decimal? weighted = weightWithData > 0 ? WeightedMean(withData.Select(s => (s.Exact!.Value, s.Part.Weight)).ToList()) : null;
        var final = weighted + adjustment;

        var scale = template.GradeScale;
        var computed = final is { } f ? scale.For(f) : null;
        var (grade, veto) = ApplyVeto(template, isHead, kpi, computed);
        grade = calibration?.GradeOverride ?? grade;
        var coefficient = grade is null ? (decimal?)null : template.CoefficientOf(grade);

        return new AppraisalResult(parts, weighted, adjustment, calibration?.Reason, final, computed, veto, calibration?.GradeOverride,
            grade, coefficient, weightWithData / AppraisalTemplate.TotalWeight, FinalArithmetic(parts, weightWithData, adjustment, final));
    }

    /// <summary>An exact part score: <c>Numerator / Denominator</c>, divided only when shown.</summary>
    private readonly record struct Fraction(decimal Numerator, decimal Denominator)
    {
        public decimal Value => Numerator / Denominator;
    }

    private sealed record Scored(PartResult Part, Fraction? Exact);

    /// <summary>Σ(n_p / d_p × w_p) / Σ w_p as one division: every term is brought over the product of the denominators.</summary>
    private static decimal WeightedMean(IReadOnlyList<(Fraction Score, decimal Weight)> terms)
    {
        var common = terms.Aggregate(1m, (d, t) => d * t.Score.Denominator);
        var numerator = 0m;
        for (var i = 0; i < terms.Count; i++)
        {
            var others = terms.Where((_, j) => j != i).Aggregate(1m, (d, t) => d * t.Score.Denominator);
            numerator += terms[i].Score.Numerator * others * terms[i].Weight;
        }
        return numerator / (common * terms.Sum(t => t.Weight));
    }

    private static Scored ScoreKpi(TemplatePart part, KpiInput? kpi)
    {
        if (kpi is null)
            return new(new KpiPartResult(part.Weight, null, null, null, "not taken yet: the scorecard total is taken when the cycle enters calibration"), null);
        var veto = kpi.VetoTriggered ? $"; veto triggered{(kpi.VetoReason is { } r ? $": {r}" : "")}" : "";
        if (kpi.Total is not { } total)
            return new(new KpiPartResult(part.Weight, kpi, null, null, $"no scorecard total for the period: no data{veto}"), null);
        return new(new KpiPartResult(part.Weight, kpi, total, null, $"department scorecard total = {Fmt(total)}{veto}"), new Fraction(total, 1m));
    }

    private static Scored ScoreGoals(TemplatePart part, IReadOnlyList<Goal> goals, Submission? review, Submission? self)
    {
        var actuals = review is not null && review.GoalActuals.Count == goals.Count ? review.GoalActuals : null;
        // Goals changed after the self-assessment no longer pair with the employee's figures: they are then not shown per goal.
        var selfActuals = self is not null && self.GoalActuals.Count == goals.Count ? self.GoalActuals : null;
        var results = goals.Select((g, i) =>
        {
            var actual = actuals?[i];
            return new GoalResult(g, actual, selfActuals?[i], actual is { } a ? g.Score(a) : null);
        }).ToList();

        if (goals.Count == 0)
            return new(new GoalsPartResult(part.Weight, results, null, null, "no goals set: no data"), null);
        if (actuals is null)
            return new(new GoalsPartResult(part.Weight, results, null, null, "actuals not entered yet: no data"), null);

        var exact = new Fraction(results.Sum(r => r.Points!.Value * r.Goal.Weight), goals.Sum(g => g.Weight));
        var how = $"({string.Join(" + ", results.Select(r => $"{Fmt(r.Points!.Value)} × {Fmt(r.Goal.Weight)}"))}) / {Fmt(exact.Denominator)} = {Fmt(exact.Value)}";
        return new(new GoalsPartResult(part.Weight, results, exact.Value, null, how), exact);
    }

    private static Scored ScoreCompetency(TemplatePart part, Submission? review, Submission? self)
    {
        var scale = part.Scale!.Value;
        var items = part.Items!;
        var results = items.Select(item =>
        {
            int? selfRating = self?.Ratings.TryGetValue(item.Code, out var s) == true ? s : null;
            if (review is null || !review.Ratings.TryGetValue(item.Code, out var rating))
                return new ItemResult(item, null, selfRating, null, "not rated");
            var score = rating * 100m / scale;
            return new ItemResult(item, rating, selfRating, score, $"{rating} / {scale} × 100 = {Fmt(score)}");
        }).ToList();

        if (results.Any(r => r.Rating is null))
            return new(new CompetencyPartResult(part.Weight, scale, results, null, null, "not rated yet: no data"), null);

        // 100 × Σ(rating × weight) / (scale × Σ weight): the item scores' divisions folded into one.
        var exact = new Fraction(100m * results.Sum(r => r.Rating!.Value * r.Item.Weight), scale * items.Sum(i => i.Weight));
        var how = $"({string.Join(" + ", results.Select(r => $"{Fmt(r.Score!.Value)} × {Fmt(r.Item.Weight)}"))}) / {Fmt(items.Sum(i => i.Weight))} = {Fmt(exact.Value)}";
        return new(new CompetencyPartResult(part.Weight, scale, results, exact.Value, null, how), exact);
    }

    private static (string? Grade, VetoEffect? Veto) ApplyVeto(AppraisalTemplate template, bool isHead, KpiInput? kpi, string? computed)
    {
        if (kpi is not { VetoTriggered: true }) return (computed, null);

        var cap = kpi.VetoCapGrade;
        var what = $"the department's scorecard veto{(kpi.VetoReason is { } r ? $" ({r})" : "")}";
        var (applies, whom) = template.VetoAppliesTo switch
        {
            VetoScope.Everyone => (true, "applies to everyone"),
            VetoScope.Heads when isHead => (true, "applies to heads, and this employee heads the department"),
            VetoScope.Heads => (false, "does not apply: the template applies it to heads, and this employee does not head the department"),
            _ => (false, "does not apply: the template applies it to nobody"),
        };
        if (!applies) return (computed, new VetoEffect(false, cap, computed, $"{what} {whom}"));

        var capped = computed is null ? null : template.GradeScale.Cap(computed, cap);
        var effect = computed is null ? $"grade capped at {cap}" : capped == computed ? $"grade capped at {cap} (already {computed})" : $"grade capped at {cap} (was {computed})";
        return (capped, new VetoEffect(true, cap, computed, $"{what} {whom}: {effect}"));
    }

    private static string FinalArithmetic(IReadOnlyList<PartResult> parts, decimal weightWithData, decimal adjustment, decimal? final)
    {
        var missing = parts.Where(p => !p.HasData).Select(p => p.Type.Name()).ToList();
        var spread = missing.Count == 0 ? "" : $" ({string.Join(", ", missing)}: no data, weight spread over the other parts)";
        if (final is not { } f) return "no part has data";
        var terms = string.Join(" + ", parts.Where(p => p.HasData).Select(p => $"{Fmt(p.Score!.Value)} × {Fmt(p.Weight)}"));
        var adjust = adjustment switch { > 0 => $" + {Fmt(adjustment)}", < 0 => $" − {Fmt(-adjustment)}", _ => "" };
        return $"({terms}) / {Fmt(weightWithData)}{adjust} = {Fmt(f)}{spread}";
    }
}
