using Kpi.Domain.Organisation;
using Kpi.Domain.Scoring;

namespace Kpi.Domain.Access;

/// <summary>
/// A scored card as one reader may see it (see <see cref="CardVisibility"/>), for every route a card travels: the API,
/// the portal, packs and mails.
/// <para>
/// A line outside the reader's scope keeps what it is — metric, scope, direction, target, weight, rule — and loses every
/// figure: actual, numerator, denominator, records, achievement, points, status and arithmetic.
/// </para>
/// <para>
/// The card's own figures are sums over all its lines, so they are withheld as soon as one line is hidden: the total is
/// Σ(points × weight) / Σ(weight of lines with data), and with the visible lines' points it leaves one unknown, the hidden
/// points (and through a linear rule the hidden actual, points × target / 100); the grade bounds them, and so does a
/// veto's "capped from A"; completeness and the visible lines' effective weights and weighted points tell whether the
/// hidden line had data. A withheld card therefore has no total, grade, completeness or veto, and its visible lines no
/// effective weight or weighted points; each visible line keeps its own inputs, points, status and arithmetic (a veto
/// line's arithmetic still says it caps the grade). A partial total over the visible lines is not offered: it is not
/// the department's score, and would be read as one.
/// </para>
/// </summary>
public sealed record ScopedScorecard(
    decimal? Total,
    string? Grade,
    decimal? Completeness,
    VetoOutcome? Veto,
    IReadOnlyList<ScopedLine> Lines,
    IReadOnlyList<string> HiddenScopes)
{
    /// <summary>Some line is outside the reader's scope, so the card's total, grade and completeness are withheld.</summary>
    public bool Withheld => HiddenScopes.Count > 0;

    /// <summary>
    /// The card as a reader sees it, by today's org tree: the one call for live cards (API, portal). Whole-company readers,
    /// and managers whose scope covers every line's department, get the card exactly as scored.
    /// </summary>
    /// <param name="department">The card's department; the caller has already checked the reader may see it.</param>
    public static ScopedScorecard For(ScorecardResult result, string department, OrgTree tree, AccessScope reader) =>
        Of(result, CardVisibility.For(result.Lines.Select(l => l.Line).ToList(), department, tree, reader));

    /// <summary>The card with the lines <paramref name="visibility"/> hides redacted, and the card's figures withheld if any is.</summary>
    public static ScopedScorecard Of(ScorecardResult result, CardVisibility visibility)
    {
        if (visibility.Count != result.Lines.Count)
            throw new ArgumentException($"The visibility is of {visibility.Count} lines, the card has {result.Lines.Count}.", nameof(visibility));
        if (visibility.IsWhole)
            return new ScopedScorecard(result.Total, result.Grade, result.Completeness, result.Veto,
                result.Lines.Select(l => new ScopedLine(l.Line, l)).ToList(), []);

        var lines = result.Lines.Select((l, i) => new ScopedLine(l.Line,
            visibility.IsVisible(i) ? l with { EffectiveWeight = null, Weighted = null } : null)).ToList();
        return new ScopedScorecard(null, null, null, null, lines, visibility.HiddenScopes);
    }
}

/// <summary>A card line as a reader sees it: its definition always, its scored result only when its department is in their scope.</summary>
public sealed record ScopedLine(ScorecardLine Line, LineResult? Result)
{
    public bool OutsideScope => Result is null;

    public string Metric => Line.Metric;
}
