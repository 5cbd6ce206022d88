namespace Kpi.Storage.Close;

/// <summary>
/// Decides whether a freshly frozen card differs from the latest version, and lists what differs. Only the figures of
/// the period itself count — the scorecard's inputs, points, total, grade, veto and the peer rank; the context frozen
/// with them (trends, quarter- and year-to-date, rejected rows) is refreshed with a new version but never makes one,
/// so late data for September restates September, not every month whose trend shows September. Decimals compare by
/// value (1.0 = 1.00).
/// </summary>
public static class VersionDiff
{
    /// <returns>The changed figures, total first; empty when nothing the pack states for the period has changed.</returns>
    public static IReadOnlyList<ChangedFigure> Compare(FrozenScorecard previous, FrozenScorecard current)
    {
        var before = previous.Scorecard;
        var after = current.Scorecard;
        var figures = new List<ChangedFigure>();

        var lines = new List<ChangedFigure>();
        var sameShape = before.Lines.Count == after.Lines.Count;
        for (var i = 0; i < after.Lines.Count; i++)
        {
            var now = after.Lines[i];
            var was = sameShape ? before.Lines[i] : before.Lines.FirstOrDefault(l => l.Metric == now.Metric && l.Scope == now.Scope);
            if (was is not null && SameLine(was, now)) continue;
            if (lines.Any(f => f.Item == now.Metric && f.Scope == now.Scope)) continue;
            lines.Add(new ChangedFigure(now.Metric, now.Scope, was?.Value?.Value, now.Value?.Value));
        }

        var cardChanged = lines.Count > 0 || !sameShape || before.Total != after.Total || before.Grade != after.Grade ||
                          before.Completeness != after.Completeness || before.Veto?.Reason != after.Veto?.Reason;
        if (cardChanged) figures.Add(new ChangedFigure(ChangedFigure.Total, null, before.Total, after.Total));
        if (previous.Rank?.Position != current.Rank?.Position || previous.Rank?.Of != current.Rank?.Of)
            figures.Add(new ChangedFigure(ChangedFigure.Rank, null, previous.Rank?.Position, current.Rank?.Position));
        figures.AddRange(lines);
        return figures;
    }

    private static bool SameLine(FrozenLine a, FrozenLine b) =>
        a.Metric == b.Metric && a.Scope == b.Scope && SameValue(a.Value, b.Value) && a.Achievement == b.Achievement && a.Points == b.Points &&
        a.Weighted == b.Weighted && a.Status == b.Status && a.VetoTriggered == b.VetoTriggered;

    private static bool SameValue(FrozenValue? a, FrozenValue? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Value != b.Value || a.Numerator != b.Numerator || a.Denominator != b.Denominator || a.Records != b.Records) return false;
        var fa = a.Facets ?? new Dictionary<string, decimal>();
        var fb = b.Facets ?? new Dictionary<string, decimal>();
        return fa.Count == fb.Count && fa.All(kv => fb.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
