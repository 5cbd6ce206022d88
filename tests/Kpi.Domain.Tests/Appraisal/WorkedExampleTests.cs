using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Tests.Appraisal.Forms;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// The worked example of docs/appraisal.md, number for number: 张伟 (E101) of 生产部, appraised by the head of 生产部
/// (E100) on the contract's template for 2026-Q4.
/// </summary>
public class WorkedExampleTests
{
    private static readonly Goal[] Goals =
    [
        new("新品试产批次", 4, 50, Direction.Higher, new LinearRule()),
        new("返工率", 0.02m, 30, Direction.Lower, new LinearRule()),
        new("物料成本", 100, 20, Direction.Closer, new LinearRule(), Tolerance: 0.05m),
    ];

    private static NewCycle Walk(KpiInput prod)
    {
        var c = ProdCycle();
        var a = c.Of("E101");
        a.SetGoals(HeadOfProd, Goals);
        c.Cycle.Start(c.Appraisals, Hr, Utc("2027-01-04T01:00:00Z"));
        foreach (var x in c.Appraisals)
            x.SubmitSelfAssessment(AppraisalActor.Employee(x.EmployeeNo), x == a ? [5m, 0.02m, 100m] : [], x == a ? Ratings(("teamwork", 5), ("discipline", 5)) : NoRatings,
                x == a ? "新品试产提前完成" : null, Utc("2027-01-08T01:00:00Z"));
        foreach (var x in c.Appraisals)
            x.SubmitReview(AppraiserOf(x), x == a ? [5m, 0.025m, 103m] : [], x == a ? Ratings(("teamwork", 4), ("discipline", 5)) : AllRated(x, 4),
                x == a ? "试产组织得力，返工率仍需下降" : null, Utc("2027-01-15T01:00:00Z"));
        c.Cycle.EnterCalibration(c.Appraisals, d => d == "PROD" ? prod : KpiInput.NoData, Q4Months, Hr, Utc("2027-01-21T01:00:00Z"));
        c.Cycle.Calibrate(a, Hr, 2, null, "牵头完成树脂车间节能改造", Utc("2027-01-22T01:00:00Z"));
        return c;
    }

    [Fact]
    public void WorkedExample_EveryPartFinalGradeAndCoefficient()
    {
        var c = Walk(new KpiInput(92.5m));
        c.Cycle.Approve(c.Appraisals, Company(), null, Hr, Utc("2027-01-25T01:00:00Z"));
        c.Cycle.Publish(c.Appraisals, Hr, Utc("2027-01-26T01:00:00Z"));

        var r = c.Of("E101").Result;

        var kpi = Assert.IsType<KpiPartResult>(r.Part(PartType.Kpi));
        Assert.Equal(92.5m, kpi.Score);
        Assert.Equal("department scorecard total = 92.5", kpi.Arithmetic);

        var goals = Assert.IsType<GoalsPartResult>(r.Part(PartType.Goals));
        Assert.Equal("achievement = 5 / 4 = 1.25; 100 × min(1.25, 1.2) = 120", goals.Goals[0].Line!.Arithmetic);
        Assert.Equal("achievement = 0.02 / 0.025 = 0.8; 100 × min(0.8, 1.2) = 80", goals.Goals[1].Line!.Arithmetic);
        Assert.Equal("|103 − 100| = 3 ≤ 5 tolerance: achievement 1; 100 × min(1, 1.2) = 100", goals.Goals[2].Line!.Arithmetic);
        Assert.Equal([5m, 0.02m, 100m], goals.Goals.Select(g => g.SelfActual!.Value)); // shown, not counted
        Assert.Equal(104m, goals.Score); // (120 × 50 + 80 × 30 + 100 × 20) / 100 = 10400 / 100
        Assert.Equal("(120 × 50 + 80 × 30 + 100 × 20) / 100 = 104", goals.Arithmetic);

        var competency = Assert.IsType<CompetencyPartResult>(r.Part(PartType.Competency));
        Assert.Equal(["4 / 5 × 100 = 80", "5 / 5 × 100 = 100"], competency.Items.Select(i => i.Arithmetic));
        Assert.Equal([5, 5], competency.Items.Select(i => i.SelfRating!.Value));
        Assert.Equal(88m, competency.Score); // (80 × 60 + 100 × 40) / 100

        Assert.Equal(95.05m, r.Weighted); // (92.5 × 50 + 104 × 30 + 88 × 20) / 100 = (4625 + 3120 + 1760) / 100
        Assert.Equal(97.05m, r.Final);
        Assert.Equal("(92.5 × 50 + 104 × 30 + 88 × 20) / 100 + 2 = 97.05", r.Arithmetic);
        Assert.Equal("A", r.Grade);       // 95 ≤ 97.05 < 105
        Assert.Equal(1.2m, r.Coefficient);
        Assert.Null(r.Veto);
        Assert.True(c.Of("E101").IsFinal);
    }

    [Fact]
    public void WorkedExample_WithoutAScorecard_TheKpiWeightSpreads()
    {
        var r = Walk(KpiInput.NoData).Of("E101").Result;

        Assert.Equal(97.6m, r.Weighted); // (104 × 30 + 88 × 20) / 50 = 4880 / 50; as 0 it would be 48.8
        Assert.Equal(99.6m, r.Final);
        Assert.Equal("A", r.Grade);
        Assert.Equal("(104 × 30 + 88 × 20) / 50 + 2 = 99.6 (kpi: no data, weight spread over the other parts)", r.Arithmetic);
    }

    [Fact]
    public void WorkedExample_VetoInTheScorecard_CapsTheHeadNotTheEmployee()
    {
        var veto = new KpiInput(92.5m, VetoTriggered: true, VetoReason: "safety_incidents.serious = 1 > 0: grade capped at C");
        var c = Walk(veto);
        var head = c.Of("E100"); // same card, rated 4 on both items: (92.5 × 50 + 80 × 20) / 70 = 6225 / 70 = 88.93: B
        c.Cycle.Calibrate(head, Hr, 8, null, "same figures as the example, for the veto", T0); // 96.93: A before the cap

        Assert.Equal("A", c.Of("E101").Result.Grade);
        Assert.False(c.Of("E101").Result.Veto!.Applies);
        Assert.Equal("A", head.Result.ComputedGrade);
        Assert.Equal("C", head.Result.Grade);
        Assert.Equal(0.8m, head.Result.Coefficient);
    }
}
