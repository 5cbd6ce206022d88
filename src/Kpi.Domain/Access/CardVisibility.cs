using Kpi.Domain.Organisation;
using Kpi.Domain.Scoring;

namespace Kpi.Domain.Access;

/// <summary>
/// Which lines of a department's scorecard a reader may see the figures of. A line is computed over its
/// <see cref="ScorecardLine.Scope"/> (another department's subtree: HR scored on the company's turnover) or, without one,
/// over the card's own department; its figures are that department's figures, so a reader sees them only when their
/// <see cref="AccessScope"/> covers that department — the rule <c>GET /api/metrics</c> applies to the same numbers.
/// What a line is (metric, scope, target, weight, rule) is never hidden: it is the card's definition, not a figure,
/// and the reader needs it to know what is missing.
/// </summary>
public sealed class CardVisibility
{
    private readonly bool[] _visible;

    private CardVisibility(bool[] visible, IReadOnlyList<string> hiddenScopes)
    {
        _visible = visible;
        HiddenScopes = hiddenScopes;
    }

    /// <summary>How many lines the card has.</summary>
    public int Count => _visible.Length;

    /// <summary>The departments the hidden lines are computed over, each once, in the card's order.</summary>
    public IReadOnlyList<string> HiddenScopes { get; }

    /// <summary>Every line is visible: the reader gets the card as scored, total and grade included.</summary>
    public bool IsWhole => HiddenScopes.Count == 0;

    public bool IsVisible(int line) => _visible[line];

    /// <summary>
    /// What a reader sees of a card, by today's org tree: a line whose department (its scope, else the card's own) the
    /// reader may not see is hidden. Whole-company readers see every line; a reader who cannot see the card's department
    /// sees none of it.
    /// </summary>
    public static CardVisibility For(IReadOnlyList<ScorecardLine> lines, string department, OrgTree tree, AccessScope reader) =>
        Of(lines, department, scope => reader.CanSee(tree, scope));

    /// <summary>
    /// Only the lines computed over the department itself (no scope, or its own code) are visible. This is the frozen
    /// pack's restricted variant: it depends on the frozen card alone, never on the org tree, so it renders to the same
    /// bytes whenever it is rendered and shows nothing a reader of the department may not see, however the tree has
    /// moved since. Lines scoped to one of the department's own sub-units are hidden too: the price of that
    /// independence, paid only by readers who cannot see some other line anyway.
    /// </summary>
    public static CardVisibility OwnLinesOnly(IReadOnlyList<ScorecardLine> lines, string department) =>
        Of(lines, department, scope => scope == department);

    /// <summary>Every line visible: a whole-company reader, or the full pack.</summary>
    public static CardVisibility Whole(IReadOnlyList<ScorecardLine> lines) => Of(lines, "", _ => true);

    private static CardVisibility Of(IReadOnlyList<ScorecardLine> lines, string department, Func<string, bool> canSee)
    {
        var visible = new bool[lines.Count];
        var hidden = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var scope = lines[i].Scope ?? department;
            visible[i] = canSee(scope);
            if (!visible[i] && !hidden.Contains(scope, StringComparer.Ordinal)) hidden.Add(scope);
        }
        return new CardVisibility(visible, hidden);
    }
}
