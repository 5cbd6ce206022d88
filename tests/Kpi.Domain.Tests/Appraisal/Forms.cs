using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Appraisal;

/// <summary>
/// Builders for appraisal tests: the contract's template (issue 11's <c>staff-2026</c>), goals, submissions, a small
/// company with heads, and cycles walked to a given state. Actors: HR (<c>H9</c>, linked to an employee of HR), the
/// head of PROD (<c>E100</c>), an employee of PROD (<c>E101</c>) and a peer (<c>E102</c>).
/// </summary>
internal static class Forms
{
    public static readonly DateTime T0 = Utc("2027-01-05T02:00:00Z");

    public static readonly AppraisalActor Hr = AppraisalActor.Hr("H9");
    public static readonly AppraisalActor HeadOfProd = AppraisalActor.Employee("E100");
    public static readonly AppraisalActor Employee = AppraisalActor.Employee("E101");
    public static readonly AppraisalActor Peer = AppraisalActor.Employee("E102");

    public static readonly GradeStep[] ContractGrades = [new("S", 105), new("A", 95), new("B", 85), new("C", 70), new("D", 0)];

    public static Dictionary<string, decimal> ContractCoefficients() => new() { ["S"] = 1.5m, ["A"] = 1.2m, ["B"] = 1.0m, ["C"] = 0.8m, ["D"] = 0.5m };

    public static DistributionPolicy ContractDistribution(GroupBy groupBy = GroupBy.Cycle) => new(groupBy, new Dictionary<string, ShareBounds>
    {
        ["S"] = new(Max: 0.1m),
        ["A"] = new(Max: 0.2m),
        ["D"] = new(Min: 0.05m),
    });

    /// <summary>The template of the API contract: kpi 50, goals 30, competency 20 on a 5-point scale (teamwork 60, discipline 40).</summary>
    public static AppraisalTemplate Contract(bool selfAssessment = true, VetoScope veto = VetoScope.Heads, DistributionPolicy? distribution = null) => new(
        "staff-2026", "员工考核", selfAssessment,
        [
            TemplatePart.Kpi(50),
            TemplatePart.Goals(30),
            TemplatePart.Competency(20, 5, new CompetencyItem("teamwork", "团队协作", 60), new CompetencyItem("discipline", "工作纪律", 40)),
        ],
        new AdjustmentBounds(-10, 10), ContractGrades, veto, distribution ?? ContractDistribution(), ContractCoefficients());

    /// <summary>A template with the given parts and otherwise the contract's settings.</summary>
    public static AppraisalTemplate With(params TemplatePart[] parts) => Contract() with { Parts = parts };

    public static Goal GoalOf(decimal target, decimal weight, ScoringRule? rule = null, Direction direction = Direction.Higher, decimal tolerance = 0m, string name = "goal") =>
        new(name, target, weight, direction, rule ?? new LinearRule(), tolerance);

    public static readonly IReadOnlyDictionary<string, int> NoRatings = new Dictionary<string, int>();

    public static Dictionary<string, int> Ratings(params (string Code, int Rating)[] ratings) => ratings.ToDictionary(r => r.Code, r => r.Rating);

    public static Submission Review(IReadOnlyList<decimal>? actuals = null, Dictionary<string, int>? ratings = null) =>
        new(actuals ?? [], ratings ?? [], null, HeadOfProd, T0);

    /// <summary>Scores a template directly, as the aggregate does (the employee is not a head unless said).</summary>
    public static AppraisalResult Score(AppraisalTemplate template, IReadOnlyList<Goal>? goals = null, Submission? review = null, KpiInput? kpi = null,
        CalibrationDecision? calibration = null, bool isHead = false, Submission? self = null) =>
        AppraisalScorer.Score(template, isHead, goals ?? [], review, self, kpi, calibration);

    public static CalibrationDecision Adjust(decimal adjustment, string? grade = null, string reason = "calibrated") => new(adjustment, grade, reason, Hr, T0);

    /// <summary>HQ → PROD (→ WS1 without a head, WS2), QA, HRD. Heads: PROD E100, WS2 E200, QA E300, HRD H9; HQ's head is E001.</summary>
    public static OrgTree Company() => new(
    [
        new Department("HQ", "华彩涂料有限公司"),
        new Department("PROD", "生产部", "HQ"),
        new Department("WS1", "树脂车间", "PROD"),
        new Department("WS2", "制漆车间", "PROD"),
        new Department("QA", "质量部", "HQ"),
        new Department("HRD", "行政人力资源部", "HQ"),
    ]);

    public static readonly Dictionary<string, string> Heads = new() { ["HQ"] = "E001", ["PROD"] = "E100", ["WS2"] = "E200", ["QA"] = "E300", ["HRD"] = "H9" };

    public static string? HeadOf(string department) => Heads.GetValueOrDefault(department);

    public static StaffRecord Person(string employeeNo, string department, string hired = "2020-01-01", string? left = null) =>
        new($"st-{employeeNo}-{hired}", department, employeeNo, $"name {employeeNo}", "操作工", Day(hired), left is null ? null : Day(left), true);

    /// <summary>The staff of <see cref="Company"/>: E001 (HQ), E100 head and E101, E102 in PROD, E110 in WS1, E200 in WS2, E300 in QA, H9 in HRD.</summary>
    public static List<StaffRecord> CompanyStaff() =>
    [
        Person("E001", "HQ"), Person("E100", "PROD"), Person("E101", "PROD"), Person("E102", "PROD"),
        Person("E110", "WS1"), Person("E200", "WS2"), Person("E300", "QA"), Person("H9", "HRD"),
    ];

    /// <summary>A draft cycle over PROD's subtree for 2026-Q4 (E100, E101, E102, E110, E200).</summary>
    public static NewCycle ProdCycle(AppraisalTemplate? template = null)
    {
        var t = template ?? Contract();
        var request = new CycleRequest("2026 Q4 考核", t, P("2026-Q4"), ["PROD"], t.SelfAssessment ? Day("2027-01-10") : null, Day("2027-01-20"));
        return AppraisalCycle.Create(request, Company(), CompanyStaff(), HeadOf, Hr, T0);
    }

    public static EmployeeAppraisal Of(this NewCycle cycle, string employeeNo) => cycle.Appraisals.Single(a => a.EmployeeNo == employeeNo);

    public static readonly Kpi.Domain.Periods.Period[] Q4Months = [P("2026-10"), P("2026-11"), P("2026-12")];

    /// <summary>Every rating at <paramref name="rating"/>.</summary>
    public static Dictionary<string, int> AllRated(EmployeeAppraisal a, int rating = 4) =>
        a.Template.Part(PartType.Competency)?.Items!.ToDictionary(i => i.Code, _ => rating) ?? [];

    /// <summary>The actor who reviews an appraisal: its appraiser, or HR where there is none.</summary>
    public static AppraisalActor AppraiserOf(EmployeeAppraisal a) => a.AppraiserEmployeeNo is { } no ? AppraisalActor.Employee(no) : Hr;

    /// <summary>Starts the cycle and takes every appraisal through self-assessment and review (every item rated 4, no goals).</summary>
    public static NewCycle Reviewed(this NewCycle c, int rating = 4)
    {
        c.Cycle.Start(c.Appraisals, Hr, T0);
        foreach (var a in c.Appraisals)
        {
            if (a.Status == AppraisalStatus.SelfAssessment) a.SubmitSelfAssessment(AppraisalActor.Employee(a.EmployeeNo), [], NoRatings, null, T0);
            a.SubmitReview(AppraiserOf(a), [], AllRated(a, rating), "ok", T0);
        }
        return c;
    }

    /// <summary>Reviewed and in calibration with PROD's scorecard total at 90 everywhere, no veto.</summary>
    public static NewCycle InCalibration(this NewCycle c, KpiInput? kpi = null)
    {
        c.Reviewed();
        c.Cycle.EnterCalibration(c.Appraisals, _ => kpi ?? new KpiInput(90m), Q4Months, Hr, T0);
        return c;
    }

    /// <summary>In calibration, then approved over the policy with a reason.</summary>
    public static NewCycle Approved(this NewCycle c)
    {
        c.InCalibration();
        c.Cycle.Approve(c.Appraisals, Company(), "small pilot group", Hr, T0);
        return c;
    }

    public static NewCycle Published(this NewCycle c)
    {
        c.Approved();
        c.Cycle.Publish(c.Appraisals, Hr, T0);
        return c;
    }
}
