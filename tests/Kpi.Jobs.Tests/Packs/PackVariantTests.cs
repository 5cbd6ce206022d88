using Kpi.Domain.Access;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;
using Kpi.Storage.Close;
using Kpi.Storage.Scorecards;
using static Kpi.Domain.Metrics.MetricCatalogue;
using static Kpi.Testing.Builders.Cards;

namespace Kpi.Jobs.Tests.Packs;

/// <summary>
/// Which pack variant a reader gets, and what the restricted one shows: 装配部's card scores its own plan completion,
/// its 一班's (a sub-unit) and 涂装部's quality pass rate (a sibling). A manager of 装配部 may not see 涂装部, so the
/// pack, the mail and the close's status they get carry none of 涂装部's figures and none of the card's own.
/// </summary>
public class PackVariantTests
{
    private static readonly OrgTree Tree = new([
        new Department("HQ", "华彩涂料有限公司"), new Department("ASM", "装配部", "HQ"), new Department("ASM-1", "装配一班", "ASM"),
        new Department("PAINT", "涂装部", "HQ"),
    ]);

    private static readonly CompanyTimeZone Zone = CompanyTimeZone.Default;
    private static readonly AccessScope AssemblyManager = AccessScope.Subtrees(["ASM"]);

    private static readonly ScorecardDefinition AssemblyCard = Card(
        Line(PlanCompletion, 1m, 50, new LinearRule()),
        Line(PlanCompletion, 1m, 20, new LinearRule()) with { Scope = "ASM-1" },
        Line(QualityPass, 1m, 30, new LinearRule()) with { Scope = "PAINT" });

    [Fact]
    public void WholeCompanyReaders_AndManagersWhoSeeEveryLine_GetTheFullPack()
    {
        var pack = Frozen(AssemblyCard);

        Assert.Equal(PackVariant.Full, PackVariants.For(pack, AccessScope.Company, Tree));
        Assert.Equal(PackVariant.Full, PackVariants.For(pack, AccessScope.Subtrees(["HQ"]), Tree));
        Assert.Equal(PackVariant.Full, PackVariants.For(pack, AccessScope.Subtrees(["ASM", "PAINT"]), Tree));
        // A line scoped inside the department's own subtree hides nothing from its manager.
        Assert.Equal(PackVariant.Full, PackVariants.For(Frozen(Card(AssemblyCard.Lines[0] with { Weight = 80 }, AssemblyCard.Lines[1])), AssemblyManager, Tree));
    }

    [Fact]
    public void AManagerWhoCannotSeeALinesDepartment_GetsTheOwnLinesPack_AndAReaderOutsideTheDepartmentNone()
    {
        var pack = Frozen(AssemblyCard);

        Assert.Equal(PackVariant.OwnLines, PackVariants.For(pack, AssemblyManager, Tree));
        Assert.Equal(PackVariant.OwnLines, PackVariants.For(Version(pack), AssemblyManager, Tree));
        Assert.Throws<InvalidOperationException>(() => PackVariants.For(pack, AccessScope.Subtrees(["PAINT"]), Tree));
        Assert.Throws<InvalidOperationException>(() => PackVariants.For(pack, AccessScope.Nothing, Tree));
        Assert.NotEqual(PackVariant.Full.Report(), PackVariant.OwnLines.Report());
    }

    [Fact]
    public void TheOwnLinesModel_HasNoFigureOfTheOtherDepartments_NorTheCardsOwn()
    {
        var version = Version(Frozen(AssemblyCard));

        var own = ReportModels.DepartmentFor(version, AssemblyManager, Tree, ReportLanguage.Zh, Zone);
        var card = own.Scorecard;
        Assert.Equal((null, null, null, null, null), (card.Total, card.Grade, card.Completeness, card.Rank, card.VetoReason));
        Assert.Equal(2, card.Withheld!.Lines);
        Assert.Equal(["装配一班", "涂装部"], card.Withheld.Departments);
        Assert.Equal((0.9m, 900m, 1_000m, 12L, 90m), (card.Lines[0].Actual, card.Lines[0].Numerator, card.Lines[0].Denominator, card.Lines[0].Records, card.Lines[0].Points));
        Assert.Null(card.Lines[0].Weighted); // its share of a total that is withheld
        foreach (var hidden in card.Lines.Skip(1))
        {
            Assert.True(hidden.OutsideScope);
            Assert.Equal((null, null, null, 0L, null, null, null), (hidden.Actual, hidden.Numerator, hidden.Denominator, hidden.Records, hidden.Achievement, hidden.Points, hidden.Weighted));
            Assert.Equal(1m, hidden.Target); // what the line is stays
            Assert.DoesNotContain("0.873", hidden.Arithmetic);
        }
        Assert.Equal([PlanCompletion], own.Metrics.Select(m => m.MetricCode));
        Assert.Null(own.Metrics[0].Scope);

        var full = ReportModels.DepartmentFor(version, AccessScope.Company, Tree, ReportLanguage.Zh, Zone);
        Assert.Null(full.Scorecard.Withheld);
        Assert.NotNull(full.Scorecard.Total);
        Assert.Equal(new PeerRank(1, 2), full.Scorecard.Rank);
        Assert.Equal(0.873m, full.Scorecard.Lines[2].Actual);
        Assert.Equal(3, full.Metrics.Count);
    }

    [Fact]
    public void ARestatement_InTheOwnLinesPack_NamesOnlyTheOwnLinesChanges_AndNoRun()
    {
        var pack = Frozen(AssemblyCard);
        var changes = new VersionChanges("restatement",
        [
            new ChangedFigure(ChangedFigure.Total, null, 80m, 85m), new ChangedFigure(ChangedFigure.Rank, null, 2m, 1m),
            new ChangedFigure(PlanCompletion, null, 0.8m, 0.9m), new ChangedFigure(QualityPass, "PAINT", 0.8m, 0.873m),
        ], [new ChangedRun(7, "quality", "upload", "paint-quality.csv", 41)]);
        var version = Version(pack, 2, changes);

        var shown = PackVariant.OwnLines.Shown(pack, changes);
        Assert.Equal([(PlanCompletion, (string?)null)], shown.Figures.Select(f => (f.Item, f.Scope)));
        Assert.Empty(shown.Runs);
        Assert.Same(changes, PackVariant.Full.Shown(pack, changes));

        var notice = ReportModels.DepartmentFor(version, AssemblyManager, Tree, ReportLanguage.Zh, Zone).Restatement!;
        Assert.Equal([PlanCompletion], notice.ChangedLines.Select(l => l.MetricCode));
        Assert.DoesNotContain("paint-quality.csv", notice.Reason);
        var full = ReportModels.DepartmentFor(version, AccessScope.Company, Tree, ReportLanguage.Zh, Zone).Restatement!;
        Assert.Equal(4, full.ChangedLines.Count);
        Assert.Contains("paint-quality.csv", full.Reason);
    }

    [Fact]
    public void TheMail_ListsOnlyTheRecipientsDepartments_WithTheFiguresTheirPackShows()
    {
        var assembly = Version(Frozen(AssemblyCard));
        var paint = Version(Frozen(Card(Line(QualityPass, 1m, 100, new LinearRule())), "PAINT", "涂装部"));
        var portal = new Uri("https://kpi.example/packs");

        var manager = ReportModels.DepartmentPacksMail([assembly, paint], AssemblyManager, Tree, ReportLanguage.Zh, Zone, revision: 1)!;
        var line = Assert.Single(manager.Departments);
        Assert.Equal(("ASM", true, null, null, null), (line.DepartmentCode, line.Withheld, line.Total, line.Grade, line.Rank));
        var mail = new DepartmentPackMail(manager, portal).Render();
        Assert.Contains("- 装配部 · 综合得分 不予显示 · 等级 不予显示 · 名次 不予显示", mail.Text);
        Assert.DoesNotContain("涂装部", mail.Html);

        var admin = ReportModels.DepartmentPacksMail([assembly, paint], AccessScope.Company, Tree, ReportLanguage.Zh, Zone, revision: 1)!;
        var whole = admin.Departments[0];
        Assert.False(whole.Withheld);
        Assert.NotNull(whole.Total);
        Assert.Contains($"- 装配部 · 综合得分 {ReportFormat.Points(whole.Total)} · 等级 {whole.Grade} · 名次 1 / 2", new DepartmentPackMail(admin, portal).Render().Text);
        Assert.Equal(2, admin.Departments.Count);

        Assert.Null(ReportModels.DepartmentPacksMail([paint], AssemblyManager, Tree, ReportLanguage.Zh, Zone, revision: 1));
    }

    /// <summary>
    /// 装配部 made 90 % of plan (900 of 1,000 over 12 orders), 装配一班 95 %, and 涂装部 passed 87.3 % of its inspections
    /// (8,730 of 10,000): the figure the manager of 装配部 must not get.
    /// </summary>
    private static FrozenScorecard Frozen(ScorecardDefinition definition, string code = "ASM", string name = "装配部")
    {
        var result = Scorer.Score(definition, line => (line.Metric, line.Scope) switch
        {
            (QualityPass, _) => new MetricValue(QualityPass, 0.873m, 8_730m, 10_000m, 41),
            (_, "ASM-1") => new MetricValue(PlanCompletion, 0.95m, 190m, 200m, 3),
            _ => new MetricValue(PlanCompletion, 0.9m, 900m, 1_000m, 12),
        });
        var october = Period.Month(2026, 10);
        return new FrozenScorecard
        {
            CompanyName = "华彩涂料有限公司",
            DepartmentCode = code,
            DepartmentName = name,
            ParentCode = "HQ",
            Definition = ScorecardDocument.From(definition),
            ScopeNames = new Dictionary<string, string> { ["ASM-1"] = "装配一班", ["PAINT"] = "涂装部" },
            Scorecard = FrozenScore.From(result),
            Rank = new FrozenRank(1, 2),
            Sections = result.Lines.Select(l => new FrozenSection(l.Metric, l.Line.Scope,
                [new FrozenPoint(october.Previous.ToString(), l.Actual), new FrozenPoint(october.ToString(), l.Actual)],
                l.Actual, l.Actual, l.Actual, null)).ToList(),
            ScoreTrend = [new FrozenPoint(october.ToString(), result.Total)],
            DataQuality = FrozenDataQuality.None,
        };
    }

    private static ScorecardVersion Version(FrozenScorecard pack, int version = 1, VersionChanges? changes = null) => new()
    {
        Period = "2026-10",
        DepartmentCode = pack.DepartmentCode,
        Version = version,
        Revision = version,
        FrozenAt = new DateTime(2026, 11, 3, 1, 0, 0, DateTimeKind.Utc),
        Total = pack.Scorecard.Total,
        Grade = pack.Scorecard.Grade,
        Content = pack.Serialize(),
        Changes = changes?.Serialize(),
    };
}
