using Kpi.Domain.Appraisal;
using Kpi.Domain.Periods;
using static Kpi.Domain.Tests.Appraisal.Forms;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// HR's steps over a cycle: create, start, calibration, calibrating one appraisal, approval against the distribution
/// policy, publication and reopening; each allowed and refused by state and by actor, each cascading to the appraisals.
/// The PROD cycle holds E100 (head), E101, E102, E110 and E200 (head of WS2); reviewed at 4/5 on every item and 90 on
/// the scorecard, each is (90 × 50 + 80 × 20) / 70 = 87.14…: B.
/// </summary>
public class CycleWorkflowTests
{
    private static CycleRequest Request(AppraisalTemplate? template = null, string period = "2026-Q4", string[]? departments = null,
        string? selfDue = "2027-01-10", string? reviewDue = "2027-01-20", string name = "2026 Q4 考核") =>
        new(name, template ?? Contract(), P(period), departments ?? ["PROD"], selfDue is null ? null : Day(selfDue), reviewDue is null ? null : Day(reviewDue));

    // ---- create

    [Fact]
    public void Create_ByHr_IsADraftOfOneAppraisalPerMember()
    {
        var c = ProdCycle();

        Assert.Equal(CycleStatus.Draft, c.Cycle.Status);
        Assert.Equal(5, c.Cycle.Size);
        Assert.Equal(P("2026-Q4"), c.Cycle.Period);
        Assert.Same(c.Cycle.Template, c.Appraisals[0].Template);
    }

    [Fact]
    public void Create_ByAManager_IsRefused() =>
        Assert.Throws<AppraisalActorException>(() => AppraisalCycle.Create(Request(), Company(), CompanyStaff(), HeadOf, HeadOfProd, T0));

    [Fact]
    public void Create_InvalidRequest_NamesEveryField()
    {
        var request = Request(period: "2026-10-YTD", departments: ["PROD", "NOPE", "PROD"], selfDue: null, reviewDue: "2026-12-01", name: "");

        var e = Assert.Throws<AppraisalInputException>(() => AppraisalCycle.Create(request, Company(), CompanyStaff(), HeadOf, Hr, T0));

        Assert.Equal(["name", "period", "departments[1]", "departments[2]", "self_due"], e.Errors.Select(x => x.Field));
    }

    [Fact]
    public void Create_DeadlinesOutOfOrderOrSelfDueWithoutSelfAssessment_AreRefused()
    {
        var late = Assert.Throws<AppraisalInputException>(() =>
            AppraisalCycle.Create(Request(selfDue: "2027-01-21"), Company(), CompanyStaff(), HeadOf, Hr, T0));
        var needless = Assert.Throws<AppraisalInputException>(() =>
            AppraisalCycle.Create(Request(Contract(selfAssessment: false)), Company(), CompanyStaff(), HeadOf, Hr, T0));

        Assert.Equal("review_due", late.Field);
        Assert.Equal("self_due", needless.Field);
    }

    [Fact]
    public void Create_InvalidTemplate_IsNamedUnderTemplate()
    {
        var e = Assert.Throws<AppraisalInputException>(() =>
            AppraisalCycle.Create(Request(With(TemplatePart.Kpi(90))), Company(), CompanyStaff(), HeadOf, Hr, T0));

        Assert.Equal("template.parts", e.Field);
    }

    [Fact]
    public void Create_NobodyInHeadcount_IsRefused()
    {
        var e = Assert.Throws<AppraisalInputException>(() => AppraisalCycle.Create(Request(period: "2019-Q4"), Company(), CompanyStaff(), HeadOf, Hr, T0));

        Assert.Equal("departments", e.Field);
        Assert.Contains("2019-12-31", e.Message);
    }

    // ---- start

    [Fact]
    public void Start_ByHr_MovesEveryAppraisalToSelfAssessment()
    {
        var c = ProdCycle();

        c.Cycle.Start(c.Appraisals, Hr, T0);

        Assert.Equal(CycleStatus.Started, c.Cycle.Status);
        Assert.All(c.Appraisals, a => Assert.Equal(AppraisalStatus.SelfAssessment, a.Status));
        Assert.Equal(new StatusChange<CycleStatus>(CycleStatus.Draft, CycleStatus.Started, Hr, T0), Assert.Single(c.Cycle.History));
        Assert.All(c.Appraisals, a => Assert.Equal(new StatusChange<AppraisalStatus>(AppraisalStatus.Draft, AppraisalStatus.SelfAssessment, Hr, T0), Assert.Single(a.History)));
    }

    [Fact]
    public void Start_WithoutSelfAssessment_MovesToManagerReview()
    {
        var c = ProdCycle(Contract(selfAssessment: false));

        c.Cycle.Start(c.Appraisals, Hr, T0);

        Assert.All(c.Appraisals, a => Assert.Equal(AppraisalStatus.ManagerReview, a.Status));
    }

    [Fact]
    public void Start_ByAManagerOrTwice_IsRefused()
    {
        var c = ProdCycle();
        Assert.Throws<AppraisalActorException>(() => c.Cycle.Start(c.Appraisals, HeadOfProd, T0));
        Assert.Equal(CycleStatus.Draft, c.Cycle.Status);

        c.Cycle.Start(c.Appraisals, Hr, T0);
        var e = Assert.Throws<AppraisalStateException>(() => c.Cycle.Start(c.Appraisals, Hr, T0));
        Assert.Contains("is started: starting needs draft", e.Message);
    }

    [Fact]
    public void Start_WithoutAllTheAppraisals_IsAProgrammingError()
    {
        var c = ProdCycle();

        Assert.Throws<ArgumentException>(() => c.Cycle.Start(c.Appraisals.Skip(1).ToList(), Hr, T0));
        Assert.All(c.Appraisals, a => Assert.Equal(AppraisalStatus.Draft, a.Status));
    }

    // ---- calibration

    [Fact]
    public void EnterCalibration_TakesEachDepartmentsScorecardTotalOnce()
    {
        var c = ProdCycle().Reviewed();
        var asked = new List<string>();
        KpiInput KpiOf(string department)
        {
            asked.Add(department);
            return department == "PROD" ? new KpiInput(90m) : KpiInput.NoData;
        }

        c.Cycle.EnterCalibration(c.Appraisals, KpiOf, Q4Months, Hr, T0);

        Assert.Equal(CycleStatus.Calibration, c.Cycle.Status);
        Assert.Equal(["PROD", "WS1", "WS2"], asked.Order(StringComparer.Ordinal));
        Assert.Equal(90m, c.Of("E101").Kpi!.Total);
        Assert.Equal(KpiInput.NoData, c.Of("E110").Kpi);
        Assert.Equal(80m, c.Of("E110").Result.Final); // no scorecard for WS1: the competency part alone (4 / 5 × 100)
        Assert.All(c.Appraisals, a => Assert.Equal(AppraisalStatus.Calibration, a.Status));
    }

    [Fact]
    public void EnterCalibration_WithAppraisalsNotReviewedAndMonthsOpen_NamesWhatIsMissingAndChangesNothing()
    {
        var c = ProdCycle();
        c.Cycle.Start(c.Appraisals, Hr, T0);
        var e101 = c.Of("E101");
        e101.SubmitSelfAssessment(Employee, [], NoRatings, null, T0);
        e101.SubmitReview(HeadOfProd, [], AllRated(e101), null, T0);
        var e100 = c.Of("E100");
        e100.SubmitSelfAssessment(HeadOfProd, [], NoRatings, null, T0);

        var e = Assert.Throws<CalibrationNotReadyException>(() => c.Cycle.EnterCalibration(c.Appraisals, _ => new KpiInput(90m), [P("2026-10"), P("2026-11")], Hr, T0));

        Assert.Equal(["2026-12"], e.OpenMonths);
        Assert.Equal(["E100", "E102", "E110", "E200"], e.NotReviewed);
        Assert.Contains("1 month of 2026-Q4 not closed: 2026-12", e.Message);
        Assert.Contains("4 appraisals not reviewed: E100 (manager_review), E102 (self_assessment)", e.Message);
        Assert.Equal(CycleStatus.Started, c.Cycle.Status);
        Assert.Null(e101.Kpi);
    }

    [Fact]
    public void EnterCalibration_AVetoCapGradeTheTemplateLacks_IsRefusedNamingTheDepartment()
    {
        var c = ProdCycle().Reviewed();

        var e = Assert.Throws<AppraisalStateException>(() =>
            c.Cycle.EnterCalibration(c.Appraisals, d => d == "WS2" ? new KpiInput(80m, true, "E") : new KpiInput(90m), Q4Months, Hr, T0));

        Assert.Contains("department WS2", e.Message);
        Assert.Contains("'E'", e.Message);
        Assert.All(c.Appraisals, a => Assert.Null(a.Kpi));
    }

    [Fact]
    public void EnterCalibration_ByAManagerOrFromDraft_IsRefused()
    {
        var c = ProdCycle();
        Assert.Throws<AppraisalStateException>(() => c.Cycle.EnterCalibration(c.Appraisals, _ => KpiInput.NoData, Q4Months, Hr, T0));
        Assert.Throws<AppraisalActorException>(() => c.Cycle.EnterCalibration(c.Appraisals, _ => KpiInput.NoData, Q4Months, HeadOfProd, T0));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    [InlineData(0)]
    [InlineData(2.5)]
    public void Calibrate_AdjustmentWithinTheBounds_IsAppliedWithItsReason(double adjustment)
    {
        var c = ProdCycle().InCalibration();
        var a = c.Of("E101");

        var change = c.Cycle.Calibrate(a, Hr, (decimal)adjustment, null, "班组评比", T0);

        Assert.Null(change.Before);
        Assert.Equal((decimal)adjustment, change.After.Adjustment);
        Assert.Equal(6100m / 70m, change.ResultBefore.Final);
        Assert.Equal(6100m / 70m + (decimal)adjustment, a.Result.Final);
        Assert.Equal("班组评比", a.Result.AdjustmentReason);
        Assert.Equal(AppraisalStatus.Calibration, a.Status); // calibrating is not a transition
    }

    [Theory]
    [InlineData(10.5)]
    [InlineData(-11)]
    public void Calibrate_AdjustmentOutsideTheBounds_IsRefused(double adjustment)
    {
        var c = ProdCycle().InCalibration();

        var e = Assert.Throws<AppraisalInputException>(() => c.Cycle.Calibrate(c.Of("E101"), Hr, (decimal)adjustment, null, "why", T0));

        Assert.Equal(new FieldError("adjustment", "must lie within -10..10"), Assert.Single(e.Errors));
        Assert.Null(c.Of("E101").Calibration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Calibrate_WithoutAReason_IsRefused(string? reason)
    {
        var c = ProdCycle().InCalibration();

        var e = Assert.Throws<AppraisalInputException>(() => c.Cycle.Calibrate(c.Of("E101"), Hr, 2, null, reason, T0));

        Assert.Equal("reason", e.Field);
    }

    [Fact]
    public void Calibrate_GradeOverride_MustBeAGradeOfTheTemplate()
    {
        var c = ProdCycle().InCalibration();

        var e = Assert.Throws<AppraisalInputException>(() => c.Cycle.Calibrate(c.Of("E101"), Hr, 0, "A+", "why", T0));
        c.Cycle.Calibrate(c.Of("E101"), Hr, 0, "A", "led the line move", T0);

        Assert.Equal("grade", e.Field);
        Assert.Equal("A", c.Of("E101").Result.Grade);
        Assert.Equal("B", c.Of("E101").Result.ComputedGrade);
    }

    [Fact]
    public void Calibrate_ReturnsBeforeAndAfterForTheAudit()
    {
        var c = ProdCycle().InCalibration();
        c.Cycle.Calibrate(c.Of("E101"), Hr, 2, null, "first", T0);

        var change = c.Cycle.Calibrate(c.Of("E101"), Hr, -1, "C", "second", T0);

        Assert.Equal(2m, change.Before!.Adjustment);
        Assert.Equal("B", change.ResultBefore.Grade);
        Assert.Equal("C", change.ResultAfter.Grade);
        Assert.Equal(6100m / 70m - 1, change.ResultAfter.Final);
    }

    [Fact]
    public void Calibrate_BeforeTheCycleEntersCalibration_IsRefused()
    {
        var c = ProdCycle().Reviewed(); // every appraisal reviewed, the cycle still started

        var e = Assert.Throws<AppraisalStateException>(() => c.Cycle.Calibrate(c.Of("E101"), Hr, 2, null, "why", T0));

        Assert.Contains("is started: calibrating an appraisal needs calibration", e.Message);
    }

    [Fact]
    public void Calibrate_ByTheAppraiserOrOnOnesOwnAppraisal_IsRefused()
    {
        var c = ProdCycle().InCalibration();
        Assert.Throws<AppraisalActorException>(() => c.Cycle.Calibrate(c.Of("E101"), HeadOfProd, 2, null, "why", T0));

        var hq = AppraisalCycle.Create(Request(departments: ["HQ"]), Company(), CompanyStaff(), HeadOf, Hr, T0).InCalibration();
        var e = Assert.Throws<AppraisalActorException>(() => hq.Cycle.Calibrate(hq.Of("H9"), Hr, 2, null, "why", T0));
        Assert.Contains("H9 cannot calibrate their own appraisal", e.Message);
        hq.Cycle.Calibrate(hq.Of("H9"), AppraisalActor.Hr("H8"), 2, null, "another member of HR", T0);
    }

    [Fact]
    public void RefreshKpi_ReplacesTheStoredTotalWithAReason()
    {
        var c = ProdCycle().InCalibration();
        var a = c.Of("E101");

        Assert.Throws<AppraisalInputException>(() => c.Cycle.RefreshKpi(a, new KpiInput(100m), Hr, null, T0));
        var before = c.Cycle.RefreshKpi(a, new KpiInput(100m), Hr, "October restated", T0);

        Assert.Equal(90m, before!.Total);
        Assert.Equal(100m, a.Kpi!.Total);
        Assert.Equal(6600m / 70m, a.Result.Final); // (100 × 50 + 80 × 20) / 70
    }

    // ---- approval

    [Fact]
    public void Approve_PolicyHolds_ApprovesEveryAppraisal()
    {
        var c = ProdCycle().InCalibration();

        var overridden = c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0);

        Assert.Empty(overridden);
        Assert.Equal(CycleStatus.Approved, c.Cycle.Status);
        Assert.All(c.Appraisals, a => Assert.Equal(AppraisalStatus.Approved, a.Status));
        Assert.All(c.Appraisals, a => Assert.Equal("B", a.Result.Grade));
    }

    [Fact]
    public void Approve_GradesBreakingThePolicy_IsRefusedNamingEachViolation()
    {
        var c = ProdCycle().InCalibration();
        c.Cycle.Calibrate(c.Of("E101"), Hr, 0, "S", "best year", T0);
        c.Cycle.Calibrate(c.Of("E102"), Hr, 0, "S", "best year too", T0);

        var e = Assert.Throws<DistributionViolationException>(() => c.Cycle.Approve(c.Appraisals, Company(), " ", Hr, T0));

        Assert.Equal([new DistributionViolation("cycle", "S", 2, 1, BoundKind.Max)], e.Violations); // floor(5 × 0.1 + 0.5) = 1
        Assert.Contains("S in cycle: 2, at most 1 allowed", e.Message);
        Assert.Equal(CycleStatus.Calibration, c.Cycle.Status);
        Assert.All(c.Appraisals, a => Assert.Equal(AppraisalStatus.Calibration, a.Status));
    }

    [Fact]
    public void Approve_OverTheViolationsWithAReason_ApprovesAndRecordsWhy()
    {
        var c = ProdCycle().InCalibration();
        c.Cycle.Calibrate(c.Of("E101"), Hr, 0, "S", "best year", T0);
        c.Cycle.Calibrate(c.Of("E102"), Hr, 0, "S", "best year too", T0);

        var overridden = c.Cycle.Approve(c.Appraisals, Company(), "two launches this quarter", Hr, T0);

        Assert.Single(overridden);
        Assert.Equal(CycleStatus.Approved, c.Cycle.Status);
        Assert.Equal("distribution policy overridden (S in cycle: 2, at most 1 allowed): two launches this quarter", c.Cycle.History[^1].Reason);
    }

    [Fact]
    public void Approve_ByDivision_ChecksEachDivision()
    {
        var c = AppraisalCycle.Create(Request(Contract(distribution: ContractDistribution(GroupBy.Division)), departments: ["HQ"]),
            Company(), CompanyStaff(), HeadOf, Hr, T0).InCalibration();
        c.Cycle.Calibrate(c.Of("E300"), Hr, 0, "S", "only one in QA", T0);

        var e = Assert.Throws<DistributionViolationException>(() => c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0));

        Assert.Equal([new DistributionViolation("QA", "S", 1, 0, BoundKind.Max)], e.Violations); // QA is a group of 1: floor(0.1 + 0.5) = 0
    }

    [Fact]
    public void Approve_AnAppraisalWithoutAGrade_IsRefusedUntilHrSetsOne()
    {
        // KPI and goals only; no scorecard and no goals for anyone: no part has data, so no grade.
        var c = ProdCycle(With(TemplatePart.Kpi(70), TemplatePart.Goals(30))).InCalibration(KpiInput.NoData);

        var e = Assert.Throws<AppraisalStateException>(() => c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0));
        Assert.Contains("5 appraisals without a grade", e.Message);

        foreach (var a in c.Appraisals) c.Cycle.Calibrate(a, Hr, 0, "B", "no KPI data this quarter", T0);
        c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0);
        Assert.Equal(CycleStatus.Approved, c.Cycle.Status);
        Assert.All(c.Appraisals, a => Assert.Equal(1.0m, a.Result.Coefficient));
    }

    [Fact]
    public void Approve_ByAManagerOrBeforeCalibration_IsRefused()
    {
        var c = ProdCycle().Reviewed();
        Assert.Throws<AppraisalStateException>(() => c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0));

        c.Cycle.EnterCalibration(c.Appraisals, _ => new KpiInput(90m), Q4Months, Hr, T0);
        Assert.Throws<AppraisalActorException>(() => c.Cycle.Approve(c.Appraisals, Company(), null, HeadOfProd, T0));
    }

    [Fact]
    public void EnterCalibrationOrApprove_Twice_IsRefusedByState()
    {
        var c = ProdCycle().InCalibration();
        var again = Assert.Throws<AppraisalStateException>(() => c.Cycle.EnterCalibration(c.Appraisals, _ => new KpiInput(90m), Q4Months, Hr, T0));
        Assert.Contains("is calibration: calibration needs started", again.Message);

        c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0);
        var twice = Assert.Throws<AppraisalStateException>(() => c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0));
        Assert.Contains("is approved: approval needs calibration", twice.Message);
        Assert.Throws<AppraisalStateException>(() => c.Cycle.Calibrate(c.Of("E101"), Hr, 1, null, "after approval", T0));
    }

    // ---- publication

    [Fact]
    public void Publish_ByHr_PublishesEveryAppraisal()
    {
        var c = ProdCycle().Approved();
        Assert.False(c.Of("E101").IsFinal);

        c.Cycle.Publish(c.Appraisals, Hr, T0);

        Assert.Equal(CycleStatus.Published, c.Cycle.Status);
        Assert.All(c.Appraisals, a => Assert.True(a.IsFinal));
    }

    [Fact]
    public void Publish_BeforeApproval_IsRefused()
    {
        var c = ProdCycle().InCalibration();

        var e = Assert.Throws<AppraisalStateException>(() => c.Cycle.Publish(c.Appraisals, Hr, T0));

        Assert.Contains("is calibration: publication needs approved", e.Message);
    }

    [Fact]
    public void AfterPublication_EveryWriteIsRefused()
    {
        var c = ProdCycle().Published();
        var a = c.Of("E101");
        var finalBefore = a.Result.Final;

        Action[] writes =
        [
            () => a.SetGoals(Hr, [GoalOf(1, 100)]),
            () => a.SetGoals(HeadOfProd, [GoalOf(1, 100)]),
            () => a.SubmitSelfAssessment(Employee, [], NoRatings, null, T0),
            () => a.SubmitReview(HeadOfProd, [], AllRated(a), null, T0),
            () => c.Cycle.Calibrate(a, Hr, 1, null, "late", T0),
            () => c.Cycle.RefreshKpi(a, new KpiInput(100m), Hr, "late", T0),
            () => c.Cycle.Reopen(a, c.Appraisals, Hr, "late", T0),
            () => c.Cycle.Start(c.Appraisals, Hr, T0),
            () => c.Cycle.EnterCalibration(c.Appraisals, _ => KpiInput.NoData, Q4Months, Hr, T0),
            () => c.Cycle.Approve(c.Appraisals, Company(), "again", Hr, T0),
            () => c.Cycle.Publish(c.Appraisals, Hr, T0),
        ];

        foreach (var write in writes)
        {
            var e = Assert.Throws<AppraisalStateException>(write);
            Assert.Contains("published", e.Message);
        }
        Assert.Equal(finalBefore, a.Result.Final);
        Assert.All(c.Appraisals, x => Assert.Equal(AppraisalStatus.Published, x.Status));
    }

    // ---- reopening

    [Fact]
    public void Reopen_InCalibration_SendsTheAppraisalBackToReviewWithItsReason()
    {
        var c = ProdCycle().InCalibration();
        var a = c.Of("E101");

        c.Cycle.Reopen(a, c.Appraisals, Hr, "ratings entered for the wrong person", T0);

        Assert.Equal(AppraisalStatus.ManagerReview, a.Status);
        Assert.Equal(new StatusChange<AppraisalStatus>(AppraisalStatus.Calibration, AppraisalStatus.ManagerReview, Hr, T0, "ratings entered for the wrong person"), a.History[^1]);
        Assert.Equal(CycleStatus.Calibration, c.Cycle.Status);
        Assert.Throws<AppraisalStateException>(() => c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0));

        a.SetGoals(HeadOfProd, [GoalOf(100, 100)]);
        a.SubmitReview(HeadOfProd, [110m], AllRated(a, 5), "corrected", T0);
        c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0);
        Assert.Equal((90m * 50 + 110m * 30 + 100m * 20) / 100, a.Result.Final); // the KPI taken at calibration stays
    }

    [Fact]
    public void Reopen_AfterApproval_UndoesTheApprovalForTheWholeCycle()
    {
        var c = ProdCycle().Approved();
        var a = c.Of("E101");

        c.Cycle.Reopen(a, c.Appraisals, Hr, "complaint upheld", T0);

        Assert.Equal(AppraisalStatus.ManagerReview, a.Status);
        Assert.Equal(CycleStatus.Calibration, c.Cycle.Status);
        Assert.Equal("approval undone: E101 reopened: complaint upheld", c.Cycle.History[^1].Reason);
        Assert.All(c.Appraisals.Where(x => x != a), x => Assert.Equal(AppraisalStatus.Calibration, x.Status));

        a.SubmitReview(HeadOfProd, [], AllRated(a, 3), "revised", T0);
        c.Cycle.Approve(c.Appraisals, Company(), null, Hr, T0);
        c.Cycle.Publish(c.Appraisals, Hr, T0);
        Assert.Equal(CycleStatus.Published, c.Cycle.Status);
    }

    [Fact]
    public void Reopen_BeforeTheCycleEntersCalibration_WorksForAReviewedAppraisal()
    {
        var c = ProdCycle().Reviewed();

        c.Cycle.Reopen(c.Of("E101"), c.Appraisals, Hr, "premature", T0);

        Assert.Equal(AppraisalStatus.ManagerReview, c.Of("E101").Status);
        Assert.Equal(CycleStatus.Started, c.Cycle.Status);
    }

    [Fact]
    public void Reopen_WithoutAReasonByAManagerOrOfAnUnreviewedAppraisal_IsRefused()
    {
        var c = ProdCycle().InCalibration();
        Assert.Throws<AppraisalInputException>(() => c.Cycle.Reopen(c.Of("E101"), c.Appraisals, Hr, "", T0));
        Assert.Throws<AppraisalActorException>(() => c.Cycle.Reopen(c.Of("E101"), c.Appraisals, HeadOfProd, "why", T0));

        c.Cycle.Reopen(c.Of("E101"), c.Appraisals, Hr, "why", T0);
        var e = Assert.Throws<AppraisalStateException>(() => c.Cycle.Reopen(c.Of("E101"), c.Appraisals, Hr, "again", T0));
        Assert.Contains("is in manager_review: reopening needs calibration or approved", e.Message);
    }

    [Fact]
    public void Reopen_AfterPublication_IsRefused()
    {
        var c = ProdCycle().Published();

        var e = Assert.Throws<AppraisalStateException>(() => c.Cycle.Reopen(c.Of("E101"), c.Appraisals, Hr, "too late", T0));

        Assert.Contains("published", e.Message);
        Assert.Equal(AppraisalStatus.Published, c.Of("E101").Status);
    }

    // ---- the whole way

    [Fact]
    public void WholeCycle_EveryTransitionIsInTheHistoryWithWhoAndWhen()
    {
        var c = ProdCycle();
        var a = c.Of("E101");
        DateTime Day(int d) => new(2027, 1, d, 1, 0, 0, DateTimeKind.Utc);

        c.Cycle.Start(c.Appraisals, Hr, Day(1));
        foreach (var x in c.Appraisals)
        {
            x.SubmitSelfAssessment(AppraisalActor.Employee(x.EmployeeNo), [], NoRatings, null, Day(2));
            x.SubmitReview(AppraiserOf(x), [], AllRated(x), null, Day(3));
        }
        c.Cycle.EnterCalibration(c.Appraisals, _ => new KpiInput(90m), Q4Months, Hr, Day(4));
        c.Cycle.Approve(c.Appraisals, Company(), null, Hr, Day(5));
        c.Cycle.Publish(c.Appraisals, Hr, Day(6));

        Assert.Equal(
        [
            (AppraisalStatus.Draft, AppraisalStatus.SelfAssessment, "H9", 1),
            (AppraisalStatus.SelfAssessment, AppraisalStatus.ManagerReview, "E101", 2),
            (AppraisalStatus.ManagerReview, AppraisalStatus.Calibration, "E100", 3),
            (AppraisalStatus.Calibration, AppraisalStatus.Approved, "H9", 5),
            (AppraisalStatus.Approved, AppraisalStatus.Published, "H9", 6),
        ], a.History.Select(h => (h.From, h.To, h.By.EmployeeNo!, h.At.Day)));
        Assert.Equal([CycleStatus.Started, CycleStatus.Calibration, CycleStatus.Approved, CycleStatus.Published], c.Cycle.History.Select(h => h.To));
    }

    [Fact]
    public void GradeDistribution_IsTheCyclePagesSummary()
    {
        var c = ProdCycle().InCalibration();

        var group = Assert.Single(c.Cycle.GradeDistribution(c.Appraisals, Company()));

        Assert.Equal("cycle", group.Group);
        Assert.Equal(5, group.Grades.Single(g => g.Grade == "B").Count);
        Assert.Equal(1m, group.Grades.Single(g => g.Grade == "B").Share);
    }

    [Fact]
    public void Restore_GivesBackTheSameState()
    {
        var c = ProdCycle().InCalibration();
        var a = c.Of("E101");

        var copy = EmployeeAppraisal.Restore(a.Template, a.Subject, a.AppraiserEmployeeNo, a.Status, a.Goals, a.SelfAssessment, a.Review, a.Kpi, a.Calibration, a.History);
        var cycle = AppraisalCycle.Restore(c.Cycle.Name, c.Cycle.Template, c.Cycle.Period, c.Cycle.Departments, c.Cycle.SelfDue, c.Cycle.ReviewDue,
            c.Cycle.Status, c.Cycle.Size, c.Cycle.History);
        cycle.Calibrate(copy, Hr, 3, null, "after a reload", T0);

        Assert.Equal(a.Result.Final + 3, copy.Result.Final);
        Assert.Equal(a.History, copy.History);
    }
}
