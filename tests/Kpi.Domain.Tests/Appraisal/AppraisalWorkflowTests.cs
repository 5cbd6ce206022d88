using Kpi.Domain.Appraisal;
using Kpi.Domain.Scoring;
using static Kpi.Domain.Tests.Appraisal.Forms;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// The steps employees and appraisers take on one appraisal, allowed and refused by state and by actor. E101 (PROD) is
/// appraised by E100, PROD's head; E102 is a peer; HR is H9.
/// </summary>
public class AppraisalWorkflowTests
{
    private static readonly Goal[] TwoGoals = [GoalOf(100, 60), GoalOf(0.02m, 40, direction: Kpi.Domain.Metrics.Direction.Lower)];

    private static EmployeeAppraisal Started(AppraisalTemplate? template = null)
    {
        var c = ProdCycle(template);
        c.Cycle.Start(c.Appraisals, Hr, T0);
        return c.Of("E101");
    }

    private static EmployeeAppraisal InManagerReview()
    {
        var a = Started();
        a.SubmitSelfAssessment(Employee, [], NoRatings, null, T0);
        return a;
    }

    private static void SubmitFullReview(EmployeeAppraisal a, AppraisalActor? by = null) =>
        a.SubmitReview(by ?? HeadOfProd, [], Ratings(("teamwork", 4), ("discipline", 5)), "steady", T0);

    [Fact]
    public void NewCycle_AppraisalsAreDraftsWithAppraiserAndHeadship()
    {
        var c = ProdCycle();

        Assert.All(c.Appraisals, a => Assert.Equal(AppraisalStatus.Draft, a.Status));
        Assert.Equal(["E100", "E101", "E102", "E110", "E200"], c.Appraisals.Select(a => a.EmployeeNo));
        Assert.Equal(["E001", "E100", "E100", "E100", "E100"], c.Appraisals.Select(a => a.AppraiserEmployeeNo));
        Assert.Equal([true, false, false, false, true], c.Appraisals.Select(a => a.Subject.IsHead));
        Assert.Equal("PROD", c.Of("E101").Subject.Department);
        Assert.Empty(c.Of("E101").History);
    }

    [Theory]
    [InlineData("appraiser")]
    [InlineData("hr")]
    public void SetGoals_ByTheAppraiserOrHr_InDraftSelfAssessmentOrReview_IsAllowed(string who)
    {
        var actor = who == "hr" ? Hr : HeadOfProd;
        var c = ProdCycle();
        var a = c.Of("E101");

        a.SetGoals(actor, TwoGoals);
        Assert.Equal(2, a.Goals.Count);
        c.Cycle.Start(c.Appraisals, Hr, T0);
        a.SetGoals(actor, [GoalOf(1, 100)]);
        a.SubmitSelfAssessment(Employee, [], NoRatings, null, T0);
        a.SetGoals(actor, TwoGoals);

        Assert.Equal(TwoGoals, a.Goals);
    }

    [Fact]
    public void SetGoals_ByTheEmployee_IsRefused()
    {
        var a = Started();

        var e = Assert.Throws<AppraisalActorException>(() => a.SetGoals(Employee, TwoGoals));

        Assert.Contains("cannot set their own goals", e.Message);
        Assert.Empty(a.Goals);
    }

    [Fact]
    public void SetGoals_ByAPeer_IsRefused() => Assert.Throws<AppraisalActorException>(() => Started().SetGoals(Peer, TwoGoals));

    [Fact]
    public void SetGoals_OnTheirOwnAppraisalEvenAsHr_IsRefused()
    {
        var c = AppraisalCycle.Create(new CycleRequest("HQ", Contract(), P("2026-Q4"), ["HQ"], Day("2027-01-10"), Day("2027-01-20")),
            Company(), CompanyStaff(), HeadOf, Hr, T0);

        Assert.Throws<AppraisalActorException>(() => c.Of("H9").SetGoals(Hr, TwoGoals));
    }

    [Fact]
    public void SetGoals_AfterTheReview_IsRefusedSayingWhatIsNeeded()
    {
        var a = InManagerReview();
        SubmitFullReview(a);

        var e = Assert.Throws<AppraisalStateException>(() => a.SetGoals(HeadOfProd, TwoGoals));

        Assert.Contains("is in calibration", e.Message);
        Assert.Contains("draft or self_assessment or manager_review", e.Message);
        Assert.Contains("reopen", e.Message);
    }

    [Fact]
    public void SetGoals_InvalidGoals_AreRefusedByTheirPathsAndChangeNothing()
    {
        var a = Started();
        a.SetGoals(HeadOfProd, TwoGoals);

        var e = Assert.Throws<AppraisalInputException>(() => a.SetGoals(HeadOfProd, [GoalOf(1, 50), GoalOf(1, 40, new VetoRule())]));

        Assert.Contains(e.Errors, x => x.Field == "goals[1].rule.type");
        Assert.Contains(e.Errors, x => x.Field == "goals" && x.Reason.Contains("sum to 90"));
        Assert.Equal(TwoGoals, a.Goals);
    }

    [Fact]
    public void SetGoals_TemplateWithoutAGoalsPart_IsRefused()
    {
        var a = Started(With(TemplatePart.Kpi(60), TemplatePart.Competency(40, 5, new CompetencyItem("teamwork", "团队协作", 1))));

        var e = Assert.Throws<AppraisalInputException>(() => a.SetGoals(Hr, TwoGoals));

        Assert.Equal("goals", e.Field);
    }

    [Fact]
    public void SelfAssessment_ByTheEmployee_MovesToManagerReviewAndIsRecorded()
    {
        var a = Started();
        a.SetGoals(HeadOfProd, TwoGoals);
        var at = Utc("2027-01-08T03:00:00Z");

        a.SubmitSelfAssessment(Employee, [110m, 0.03m], Ratings(("teamwork", 5)), " 自评 ", at);

        Assert.Equal(AppraisalStatus.ManagerReview, a.Status);
        Assert.Equal(new StatusChange<AppraisalStatus>(AppraisalStatus.SelfAssessment, AppraisalStatus.ManagerReview, Employee, at), a.History[^1]);
        Assert.Equal("自评", a.SelfAssessment!.Comment);
        Assert.Equal([110m, 0.03m], a.SelfAssessment.GoalActuals);
    }

    [Theory]
    [InlineData("hr")]
    [InlineData("appraiser")]
    [InlineData("peer")]
    public void SelfAssessment_BySomeoneElse_IsRefused(string who)
    {
        var a = Started();
        var actor = who switch { "hr" => Hr, "appraiser" => HeadOfProd, _ => Peer };

        Assert.Throws<AppraisalActorException>(() => a.SubmitSelfAssessment(actor, [], NoRatings, null, T0));
        Assert.Equal(AppraisalStatus.SelfAssessment, a.Status);
    }

    [Fact]
    public void SelfAssessment_BeforeStartOrTwice_IsRefusedByState()
    {
        var draft = ProdCycle().Of("E101");
        var e = Assert.Throws<AppraisalStateException>(() => draft.SubmitSelfAssessment(Employee, [], NoRatings, null, T0));
        Assert.Contains("is in draft: a self-assessment needs self_assessment", e.Message);

        var a = InManagerReview();
        Assert.Throws<AppraisalStateException>(() => a.SubmitSelfAssessment(Employee, [], NoRatings, null, T0));
    }

    [Fact]
    public void SelfAssessment_RatingsOutsideTheScaleOrUnknown_AreRefusedByItem()
    {
        var a = Started();

        var e = Assert.Throws<AppraisalInputException>(() => a.SubmitSelfAssessment(Employee, [], Ratings(("teamwork", 6), ("charm", 3)), null, T0));

        Assert.Contains(e.Errors, x => x.Field == "ratings.teamwork" && x.Reason.Contains("from 1 to 5"));
        Assert.Contains(e.Errors, x => x.Field == "ratings.charm" && x.Reason.Contains("not an item"));
        Assert.Equal(AppraisalStatus.SelfAssessment, a.Status);
        Assert.Null(a.SelfAssessment);
    }

    [Fact]
    public void SelfAssessment_GoalActualsMustBeNoneOrOnePerGoal()
    {
        var a = Started();
        a.SetGoals(HeadOfProd, TwoGoals);

        var e = Assert.Throws<AppraisalInputException>(() => a.SubmitSelfAssessment(Employee, [1m], NoRatings, null, T0));

        Assert.Equal("goal_actuals", e.Field);
        a.SubmitSelfAssessment(Employee, [], NoRatings, null, T0);
    }

    [Fact]
    public void Review_ByTheAppraiser_MovesToCalibration()
    {
        var a = InManagerReview();
        a.SetGoals(HeadOfProd, TwoGoals);

        a.SubmitReview(HeadOfProd, [100m, 0.02m], Ratings(("teamwork", 4), ("discipline", 5)), "steady", T0);

        Assert.Equal(AppraisalStatus.Calibration, a.Status);
        Assert.Equal(AppraisalStatus.ManagerReview, a.History[^1].From);
        Assert.Equal(HeadOfProd, a.History[^1].By);
        Assert.Equal(100m, a.Result.Part(PartType.Goals)!.Score); // both goals exactly on target
        Assert.Equal(88m, a.Result.Part(PartType.Competency)!.Score);
    }

    [Fact]
    public void Review_ByTheEmployeeThemselves_IsRefused()
    {
        var a = InManagerReview();

        var e = Assert.Throws<AppraisalActorException>(() => SubmitFullReview(a, Employee));

        Assert.Contains("cannot review themselves", e.Message);
        Assert.Equal(AppraisalStatus.ManagerReview, a.Status);
    }

    [Theory]
    [InlineData("peer")]
    [InlineData("hr")]
    public void Review_ByAPeerOrByHrWhereThereIsAnAppraiser_IsRefused(string who)
    {
        var a = InManagerReview();

        var e = Assert.Throws<AppraisalActorException>(() => SubmitFullReview(a, who == "hr" ? Hr : Peer));

        Assert.Contains("Only the appraiser (E100)", e.Message);
    }

    [Fact]
    public void Review_WithoutAnAppraiser_IsHrs()
    {
        var c = AppraisalCycle.Create(new CycleRequest("HQ", Contract(), P("2026-Q4"), ["HQ"], Day("2027-01-10"), Day("2027-01-20")),
            Company(), CompanyStaff(), HeadOf, Hr, T0);
        c.Cycle.Start(c.Appraisals, Hr, T0);
        var top = c.Of("E001");
        top.SubmitSelfAssessment(AppraisalActor.Employee("E001"), [], NoRatings, null, T0);

        Assert.Null(top.AppraiserEmployeeNo);
        Assert.Throws<AppraisalActorException>(() => SubmitFullReview(top, Peer));
        SubmitFullReview(top, Hr);
        Assert.Equal(AppraisalStatus.Calibration, top.Status);
    }

    [Fact]
    public void Review_BeforeTheSelfAssessment_IsRefusedByState()
    {
        var a = Started();

        var e = Assert.Throws<AppraisalStateException>(() => SubmitFullReview(a));

        Assert.Contains("is in self_assessment: a review needs manager_review", e.Message);
    }

    [Fact]
    public void Review_Twice_IsRefusedByState()
    {
        var a = InManagerReview();
        SubmitFullReview(a);

        var e = Assert.Throws<AppraisalStateException>(() => SubmitFullReview(a));

        Assert.Contains("is in calibration: a review needs manager_review", e.Message);
        Assert.Equal(3, a.History.Count);
    }

    [Fact]
    public void Review_WithoutSelfAssessmentInTheTemplate_FollowsTheStartDirectly()
    {
        var a = Started(Contract(selfAssessment: false));

        Assert.Equal(AppraisalStatus.ManagerReview, a.Status);
        SubmitFullReview(a);
        Assert.Equal(AppraisalStatus.Calibration, a.Status);
    }

    [Fact]
    public void Review_EveryItemRatedWithinTheScale_AndOneActualPerGoal()
    {
        var a = InManagerReview();
        a.SetGoals(HeadOfProd, TwoGoals);

        var e = Assert.Throws<AppraisalInputException>(() => a.SubmitReview(HeadOfProd, [100m], Ratings(("teamwork", 0)), null, T0));

        Assert.Contains(e.Errors, x => x.Field == "goal_actuals" && x.Reason.Contains("2 goals, 1 actuals"));
        Assert.Contains(e.Errors, x => x.Field == "ratings.teamwork" && x.Reason.Contains("from 1 to 5, not 0"));
        Assert.Contains(e.Errors, x => x.Field == "ratings.discipline" && x.Reason.Contains("is required"));
        Assert.Equal(AppraisalStatus.ManagerReview, a.Status);
        Assert.Null(a.Review);
    }

    [Fact]
    public void Review_RatingsOnATemplateWithoutCompetency_AreRefused()
    {
        var c = ProdCycle(With(TemplatePart.Kpi(100)) with { SelfAssessment = false });
        c.Cycle.Start(c.Appraisals, Hr, T0);

        var e = Assert.Throws<AppraisalInputException>(() => c.Of("E101").SubmitReview(HeadOfProd, [], Ratings(("teamwork", 3)), null, T0));

        Assert.Equal("ratings", e.Field);
    }

    [Fact]
    public void Steps_TakeUtcTimeOnly()
    {
        var a = Started();

        Assert.Throws<ArgumentException>(() => a.SubmitSelfAssessment(Employee, [], NoRatings, null, new DateTime(2027, 1, 5, 10, 0, 0, DateTimeKind.Local)));
        Assert.Equal(AppraisalStatus.SelfAssessment, a.Status);
    }
}
