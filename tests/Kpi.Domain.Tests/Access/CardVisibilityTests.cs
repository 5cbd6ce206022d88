using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Domain.Tests.Access;

/// <summary>
/// Which lines of a card a reader may see: a line's figures are those of its scope (else the card's department), so the
/// reader sees them only when their scope covers that department.
/// </summary>
public class CardVisibilityTests
{
    // HQ ─┬─ PROD ─┬─ RESIN
    //     │        └─ PAINT
    //     └─ QA
    private static readonly OrgTree Tree = new([
        new Department("HQ", "公司"), new Department("PROD", "生产部", "HQ"), new Department("RESIN", "树脂车间", "PROD"),
        new Department("PAINT", "制漆车间", "PROD"), new Department("QA", "质量部", "HQ"),
    ]);

    /// <summary>树脂车间's card: its own plan completion, 制漆车间's quality (a sibling) and the company's turnover (a parent).</summary>
    private static readonly IReadOnlyList<ScorecardLine> ResinCard =
    [
        Line(PlanCompletion, 1m, 50, new LinearRule()),
        Line(QualityPass, 0.99m, 30, new LinearRule()) with { Scope = "PAINT" },
        Line(TurnoverRate, 0.02m, 20, new LinearRule()) with { Scope = "HQ" },
    ];

    [Fact]
    public void ManagerOfTheWorkshop_SeesItsOwnLineOnly_AndLearnsWhichDepartmentsAreHidden()
    {
        var visibility = CardVisibility.For(ResinCard, "RESIN", Tree, AccessScope.Subtrees(["RESIN"]));

        Assert.Equal([true, false, false], Enumerable.Range(0, 3).Select(visibility.IsVisible));
        Assert.Equal(["PAINT", "HQ"], visibility.HiddenScopes);
        Assert.False(visibility.IsWhole);
    }

    [Fact]
    public void ManagerWhoseScopeCoversASibling_SeesThatLine_ButNotTheParents()
    {
        var visibility = CardVisibility.For(ResinCard, "RESIN", Tree, AccessScope.Subtrees(["RESIN", "PAINT"]));

        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(visibility.IsVisible));
        Assert.Equal(["HQ"], visibility.HiddenScopes);
    }

    [Fact]
    public void ManagerOfTheParent_SeesEveryLineInItsSubtree()
    {
        var card = ResinCard.Take(2).ToList();

        var visibility = CardVisibility.For(card, "RESIN", Tree, AccessScope.Subtrees(["PROD"]));

        Assert.True(visibility.IsWhole);
        Assert.Empty(visibility.HiddenScopes);
    }

    [Fact]
    public void WholeCompanyReader_SeesEveryLine()
    {
        Assert.True(CardVisibility.For(ResinCard, "RESIN", Tree, AccessScope.Company).IsWhole);
        Assert.True(CardVisibility.Whole(ResinCard).IsWhole);
    }

    [Fact]
    public void ReaderWhoCannotSeeTheDepartment_SeesNoLine()
    {
        var visibility = CardVisibility.For(ResinCard, "RESIN", Tree, AccessScope.Subtrees(["QA"]));

        Assert.Equal([false, false, false], Enumerable.Range(0, 3).Select(visibility.IsVisible));
        Assert.Equal(["RESIN", "PAINT", "HQ"], visibility.HiddenScopes);
        Assert.Equal(["RESIN", "PAINT", "HQ"], CardVisibility.For(ResinCard, "RESIN", Tree, AccessScope.Nothing).HiddenScopes);
    }

    [Fact]
    public void ScopeNoLongerInTheTree_IsHiddenFromManagers()
    {
        var card = new[] { Line(PlanCompletion, 1m, 100, new LinearRule()) with { Scope = "GONE" } };

        Assert.Equal(["GONE"], CardVisibility.For(card, "RESIN", Tree, AccessScope.Subtrees(["HQ"])).HiddenScopes);
        Assert.True(CardVisibility.For(card, "RESIN", Tree, AccessScope.Company).IsWhole);
    }

    [Fact]
    public void OwnLinesOnly_KeepsTheDepartmentsOwnLines_WhateverTheTree()
    {
        var card = ResinCard.Append(Line(OnTimeDelivery, 0.98m, 0, new LinearRule()) with { Scope = "RESIN" }).ToList();

        var visibility = CardVisibility.OwnLinesOnly(card, "RESIN");

        // A line scoped to the department's own code is its own; every other scope is hidden, the tree is not asked.
        Assert.Equal([true, false, false, true], Enumerable.Range(0, 4).Select(visibility.IsVisible));
        Assert.Equal(["PAINT", "HQ"], visibility.HiddenScopes);
        Assert.True(CardVisibility.OwnLinesOnly(card.Where(l => l.Scope is null or "RESIN").ToList(), "RESIN").IsWhole);
    }
}
