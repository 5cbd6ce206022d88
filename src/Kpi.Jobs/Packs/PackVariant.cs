using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
using Kpi.Storage.Close;

namespace Kpi.Jobs.Packs;

/// <summary>
/// Which of a department pack's two stored variants a reader gets. Packs are frozen and stored once, not rendered per
/// reader, so there are two: <see cref="Full"/>, every line as frozen, and <see cref="OwnLines"/>, only the lines
/// computed over the department itself, with the card's total, grade, completeness and rank withheld
/// (<see cref="ScopedScorecard"/> says why) — the same figures whoever reads it and whenever it is rendered.
/// </summary>
public enum PackVariant
{
    Full,
    OwnLines,
}

public static class PackVariants
{
    /// <summary>
    /// The variant for a reader of a frozen version, by today's org tree: <see cref="PackVariant.Full"/> when they may see
    /// every department the card's lines are computed over (whole-company readers always; a manager whose scope covers
    /// every scope of the card), else <see cref="PackVariant.OwnLines"/>. A reader who may see the department sees its
    /// own lines, so the restricted variant never shows them anything outside their scope. A reader who may not see the
    /// department gets no variant at all: asking is a bug of the caller, and throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reader may not see the version's department.</exception>
    public static PackVariant For(ScorecardVersion version, AccessScope reader, OrgTree tree) =>
        For(FrozenScorecard.Deserialize(version.Content), reader, tree);

    public static PackVariant For(FrozenScorecard pack, AccessScope reader, OrgTree tree)
    {
        if (reader.WholeCompany) return PackVariant.Full;
        if (!reader.CanSee(tree, pack.DepartmentCode))
            throw new InvalidOperationException($"A reader outside {pack.DepartmentCode} gets no pack of it, in no variant.");
        var lines = pack.ScoredDefinition().Lines;
        return CardVisibility.For(lines, pack.DepartmentCode, tree, reader).IsWhole ? PackVariant.Full : PackVariant.OwnLines;
    }

    /// <summary>The report name the variant is stored under (<see cref="StoredFile.Report"/>).</summary>
    public static string Report(this PackVariant variant) =>
        variant == PackVariant.OwnLines ? StoredFile.DepartmentOwnLinesReport : StoredFile.DepartmentReport;

    /// <summary>What a frozen card shows in the variant.</summary>
    public static CardVisibility Visibility(this PackVariant variant, FrozenScorecard pack)
    {
        var lines = pack.ScoredDefinition().Lines;
        return variant == PackVariant.OwnLines ? CardVisibility.OwnLinesOnly(lines, pack.DepartmentCode) : CardVisibility.Whole(lines);
    }

    /// <summary>
    /// What of a version's changes (<see cref="ScorecardVersion.Changes"/>) the variant may tell: all of them in the full
    /// pack; in the restricted one only the changed figures of its visible lines — no total, no rank — and no import run,
    /// whose record count includes the hidden lines' records. Restatement notices and the close's status both say this much.
    /// </summary>
    public static VersionChanges Shown(this PackVariant variant, FrozenScorecard pack, VersionChanges changes)
    {
        if (variant == PackVariant.Full) return changes;
        var lines = pack.ScoredDefinition().Lines;
        var visibility = variant.Visibility(pack);
        bool Visible(ChangedFigure f) => f.Item is not (ChangedFigure.Total or ChangedFigure.Rank)
            && Enumerable.Range(0, lines.Count).Any(i => visibility.IsVisible(i) && lines[i].Metric == f.Item && lines[i].Scope == f.Scope);
        return changes with { Figures = changes.Figures.Where(Visible).ToList(), Runs = [] };
    }
}
