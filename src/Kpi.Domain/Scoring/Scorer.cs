using System.Globalization;
using Kpi.Domain.Metrics;

namespace Kpi.Domain.Scoring;

/// <summary>
/// Scores a card against metric values, with the arithmetic of docs/metrics.md ("Scoring"):
/// achievement — higher <c>actual / target</c>; lower <c>target / actual</c> (an actual of 0 earns the rule's ceiling);
/// closer <c>1</c> within <c>tolerance × |target|</c>, else <c>max(0, 1 − |actual − target| / |target|)</c>.
/// Lines without data keep their place but their weight is spread over the lines that have data.
/// </summary>
public static class Scorer
{
    /// <param name="definition">A valid card (see <see cref="ScorecardDefinition.Validate"/>).</param>
    /// <param name="valueOf">The metric value a line is scored on, or null when nothing was computed for it.</param>
    public static ScorecardResult Score(ScorecardDefinition definition, Func<ScorecardLine, MetricValue?> valueOf)
    {
        definition.EnsureValid();
        var scored = definition.Lines.Select(l => ScoreLine(l, valueOf(l), definition.Rag)).ToList();

        var weightWithData = scored.Where(s => s.Points is not null).Sum(s => s.Line.Weight);
        var lines = scored.Select(s => s with
        {
            EffectiveWeight = s.Points is null || weightWithData == 0 ? null : s.Line.Weight * 100m / weightWithData,
            Weighted = s.Points is { } p && weightWithData > 0 ? p * s.Line.Weight / weightWithData : null,
        }).ToList();

        // One division of exact sums, as docs/metrics.md writes it: adding the per-line shares (each already divided and
        // rounded to 28 digits) can land a hair below a grade boundary - 69.999…9 instead of 70 - and change the grade.
        decimal? total = weightWithData > 0 ? scored.Sum(s => s.Points is { } p ? p * s.Line.Weight : 0m) / weightWithData : null;
        var completeness = weightWithData / ScorecardDefinition.TotalWeight;
        var grade = total is { } t ? definition.Grades.For(t) : null;

        // Of several triggered vetoes the one with the lowest cap decides the grade and is the one reported.
        VetoOutcome? veto = null;
        var decisive = lines.Where(l => l.VetoTriggered)
            .Select(l => (Line: l, Rule: (VetoRule)l.Line.Rule))
            .OrderByDescending(x => definition.Grades.Rank(x.Rule.CapGrade))
            .FirstOrDefault();
        if (decisive.Line is { } vetoLine)
        {
            var rule = decisive.Rule;
            var actual = vetoLine.Value!.Facet(rule.Facet) ?? 0m;
            var what = rule.Facet is null ? vetoLine.Metric : $"{vetoLine.Metric}.{rule.Facet}";
            var capped = grade is null ? null : definition.Grades.Cap(grade, rule.CapGrade);
            var effect = grade is null || capped != grade
                ? $"grade capped at {rule.CapGrade}"
                : $"grade capped at {rule.CapGrade} (already {grade})";
            veto = new VetoOutcome(vetoLine.Metric, rule.Facet, actual, rule.Threshold, rule.CapGrade, grade, $"{what} = {Fmt(actual)} > {Fmt(rule.Threshold)}: {effect}");
            grade = capped;
        }

        return new ScorecardResult(total, grade, completeness, veto, lines);
    }

    public static LineResult ScoreLine(ScorecardLine line, MetricValue? value, RagThresholds rag)
    {
        if (value?.Value is not { } actual)
            return new LineResult(line, value, null, null, null, null, RagStatus.NoData, false, "no data");

        switch (line.Rule)
        {
            case DeductionRule d:
            {
                var points = d.Points(actual);
                return new LineResult(line, value, null, points, null, null, rag.For(points), false,
                    $"max(0, 100 − {Fmt(d.PerUnit)} × {Fmt(actual)}) = {Fmt(points)}");
            }
            case VetoRule v:
            {
                var tested = value.Facet(v.Facet) ?? 0m;
                var triggered = v.IsTriggered(tested);
                var name = v.Facet ?? "actual";
                return new LineResult(line, value, null, triggered ? 0m : 100m, null, null, triggered ? RagStatus.Red : RagStatus.Green, triggered,
                    triggered
                        ? $"{name} {Fmt(tested)} > {Fmt(v.Threshold)}: veto, grade capped at {v.CapGrade}, points 0"
                        : $"{name} {Fmt(tested)} ≤ {Fmt(v.Threshold)}: no veto, points 100");
            }
            case LinearRule l:
            {
                var (achievement, how) = Achievement(line, actual, l.Ceiling);
                var points = l.Points(achievement);
                return new LineResult(line, value, achievement, points, null, null, rag.For(points), false,
                    $"{how}; 100 × min({Fmt(achievement)}, {Fmt(l.Cap)}) = {Fmt(points)}");
            }
            case BandsRule b:
            {
                var (achievement, how) = Achievement(line, actual, b.Ceiling);
                var points = b.Points(achievement);
                return new LineResult(line, value, achievement, points, null, null, rag.For(points), false,
                    $"{how}; band → {Fmt(points)}");
            }
            default:
                throw new DomainException($"Unknown rule '{line.Rule.Type}'.", "rule");
        }
    }

    /// <summary>The achievement of an actual value against the line's target, by its direction, and how it was worked out.</summary>
    public static (decimal Achievement, string How) Achievement(ScorecardLine line, decimal actual, decimal ceiling)
    {
        var target = line.Target ?? throw new DomainException($"Line '{line.Metric}' has no target.", "target");
        switch (line.Direction)
        {
            case Direction.Higher:
            {
                var a = Math.Max(0m, actual / target);
                return (a, $"achievement = {Fmt(actual)} / {Fmt(target)} = {Fmt(a)}");
            }
            case Direction.Lower:
            {
                if (actual <= 0) return (ceiling, $"actual {Fmt(actual)} ≤ 0 earns the ceiling {Fmt(ceiling)}");
                var a = Math.Max(0m, target / actual);
                return (a, $"achievement = {Fmt(target)} / {Fmt(actual)} = {Fmt(a)}");
            }
            default:
            {
                var gap = Math.Abs(actual - target);
                var band = line.Tolerance * Math.Abs(target);
                if (gap <= band) return (1m, $"|{Fmt(actual)} − {Fmt(target)}| = {Fmt(gap)} ≤ {Fmt(band)} tolerance: achievement 1");
                var a = target == 0 ? 0m : Math.Max(0m, 1m - gap / Math.Abs(target));
                return (a, $"achievement = max(0, 1 − {Fmt(gap)} / {Fmt(Math.Abs(target))}) = {Fmt(a)}");
            }
        }
    }

    /// <summary>Rounds for people only (4 decimals, trailing zeros dropped); results keep full precision.</summary>
    public static string Fmt(decimal d) => Math.Round(d, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);
}
