using Kpi.Demo.Scorecards;
using Kpi.Domain.Scoring;

namespace Kpi.Demo.Company;

/// <summary>
/// What a production unit makes and how it runs on an average plant day. Quantities are tonnes, except for the
/// maintenance group, whose "production" is repair jobs (planned against done), whose "deliveries" are repair
/// requests against the promised completion date and whose "inspections" are the acceptance checks of its repairs.
/// </summary>
/// <param name="OrderPrefix">Prefix of the unit's order numbers (拼音 initials: SZ 树脂, ZQ 制漆…).</param>
/// <param name="DailyPlan">Planned quantity on an average day, before season and growth.</param>
/// <param name="Decimals">Decimals of its quantities: 1 for tonnes, 0 for jobs.</param>
/// <param name="DailyHours">Labour hours on an average day.</param>
/// <param name="Seasonal">Whether its work follows market demand (maintenance work does not).</param>
/// <param name="OrdersPerDay">Production orders (工单) due per plant day.</param>
/// <param name="LatePermille">Share of orders finished after their due date, in thousandths.</param>
/// <param name="SamplesPerDay">Units sampled by in-process inspection per average day.</param>
/// <param name="FailPerTenThousand">Share of samples that fail, in ten-thousandths.</param>
/// <param name="Bad">How the bad month hits it.</param>
internal sealed record Workshop(
    string OrderPrefix,
    decimal DailyPlan,
    int Decimals,
    decimal DailyHours,
    bool Seasonal,
    int OrdersPerDay,
    int LatePermille,
    int SamplesPerDay,
    int FailPerTenThousand,
    BadMonthImpact Bad);

/// <summary>
/// The bad month's effect on a unit: the resin batch problem scraps and reworks resin, which starves the paint lines,
/// fails inspections downstream and makes orders late.
/// </summary>
internal sealed record BadMonthImpact(decimal OutputFactor, int LatePermille, int FailPerTenThousand);

/// <summary>A unit that handles customer tickets, with its monthly volumes and how fast its complaints are closed.</summary>
internal sealed record TicketDesk(int Inquiries, int Complaints, ResolutionPace Pace, decimal BadMonthComplaintFactor);

internal enum ResolutionPace
{
    /// <summary>Service complaints, mostly settled within a day or two.</summary>
    Fast,
    /// <summary>Quality complaints (质量异议), which wait for lab analysis of retained samples.</summary>
    Slow,
}

/// <summary>
/// A department of the demo company with everything the generators need about it. Budgets are yuan per month;
/// leave rates are per person per month, in thousandths.
/// </summary>
internal sealed record DemoUnit(
    string Code,
    string Name,
    string? Parent,
    DepartmentFunction? Function,
    int Headcount,
    int LeavePermille,
    string Lead,
    IReadOnlyList<string> Roles,
    decimal MonthlyBudget,
    bool BudgetFollowsDemand,
    int CustomerSurveys,
    int CollaborationSurveys,
    Workshop? Workshop = null,
    TicketDesk? Desk = null);

/// <summary>
/// 华彩涂料有限公司, a paint maker organised as the department charters describe: 生产部 with its workshops and groups,
/// 质量部, 客户服务中心 with 业务受理组 and 回访调查组, 业务部, 行政人力资源部 and 综合财务部, under the company
/// itself (总经办). Parents come before their children.
/// </summary>
internal static class DemoOrganisation
{
    public const string Root = "HQ";
    public const string Production = "PROD";
    public const string Resin = "PROD-RESIN";
    public const string Paint = "PROD-PAINT";
    public const string Special = "PROD-SPECIAL";
    public const string Latex = "PROD-LATEX";
    public const string Packing = "PROD-PACK";
    public const string Maintenance = "PROD-MAINT";
    public const string Quality = "QA";
    public const string Service = "CS";
    public const string ServiceDesk = "CS-DESK";
    public const string ServiceVisits = "CS-VISIT";
    public const string Sales = "SALES";
    public const string People = "HR";
    public const string Finance = "FIN";

    public static IReadOnlyList<DemoUnit> Units { get; } =
    [
        new(Root, "华彩涂料有限公司", null, null, 4, 5, "总经理", ["副总经理", "总经理助理", "司机"], 180_000m, false, 0, 0),

        new(Production, "生产部", Root, DepartmentFunction.Production, 5, 8, "生产部经理", ["生产计划员", "生产调度员", "安全员", "统计员"],
            60_000m, false, 0, 3),
        new(Resin, "树脂车间", Production, DepartmentFunction.Production, 16, 26, "车间主任", ["班组长", "反应釜操作工", "投料工", "过滤工"],
            420_000m, true, 4, 4,
            Workshop: new("SZ", 24m, 1, 128m, true, 2, 20, 60, 90, new(0.75m, 320, 1500))),
        new(Paint, "制漆车间", Production, DepartmentFunction.Production, 27, 26, "车间主任", ["班组长", "配料工", "研磨工", "调色工", "分散操作工"],
            560_000m, true, 5, 4,
            Workshop: new("ZQ", 36m, 1, 216m, true, 3, 20, 80, 80, new(0.85m, 200, 600))),
        new(Special, "特种漆车间", Production, DepartmentFunction.Production, 12, 22, "车间主任", ["班组长", "配料工", "调漆工", "工艺员"],
            210_000m, true, 4, 4,
            Workshop: new("TZ", 7.5m, 1, 96m, true, 2, 25, 40, 110, new(0.88m, 180, 500))),
        new(Latex, "乳胶漆车间", Production, DepartmentFunction.Production, 22, 26, "车间主任", ["班组长", "分散操作工", "调色工", "配料工"],
            480_000m, true, 6, 4,
            Workshop: new("RJ", 48m, 1, 176m, true, 3, 15, 80, 60, new(0.97m, 60, 150))),
        new(Packing, "包装组", Production, DepartmentFunction.Production, 18, 32, "包装组长", ["灌装工", "包装工", "叉车工", "贴标工"],
            260_000m, true, 3, 4,
            Workshop: new("BZ", 88m, 1, 144m, true, 3, 15, 100, 50, new(0.92m, 140, 200))),
        new(Maintenance, "设备维修组", Production, DepartmentFunction.Production, 7, 12, "维修组长", ["维修电工", "机修钳工", "仪表工"],
            150_000m, false, 3, 4,
            Workshop: new("WX", 6m, 0, 56m, false, 2, 30, 6, 100, new(0.95m, 80, 200))),

        new(Quality, "质量部", Root, DepartmentFunction.Quality, 14, 10, "质量部经理", ["质检员", "化验员", "体系专员", "质量工程师"],
            130_000m, false, 5, 4,
            Desk: new(4, 10, ResolutionPace.Slow, 3.0m)),

        new(Service, "客户服务中心", Root, DepartmentFunction.CustomerService, 2, 5, "客户服务中心经理", ["客服主管"],
            25_000m, false, 0, 2),
        new(ServiceDesk, "业务受理组", Service, DepartmentFunction.CustomerService, 9, 12, "受理组长", ["客服专员", "投诉受理员"],
            60_000m, false, 12, 4,
            Desk: new(110, 22, ResolutionPace.Fast, 2.2m)),
        new(ServiceVisits, "回访调查组", Service, DepartmentFunction.CustomerService, 6, 12, "回访组长", ["回访专员", "调查专员"],
            45_000m, false, 15, 4,
            Desk: new(30, 10, ResolutionPace.Fast, 2.0m)),

        new(Sales, "业务部", Root, DepartmentFunction.Sales, 18, 14, "业务经理", ["业务员", "区域经理", "业务文员", "运营专员"],
            380_000m, true, 10, 4,
            Desk: new(18, 5, ResolutionPace.Fast, 2.0m)),
        new(People, "行政人力资源部", Root, DepartmentFunction.HumanResources, 7, 10, "行政人力资源部经理", ["人事专员", "招聘专员", "培训专员", "薪酬专员", "行政专员"],
            110_000m, false, 0, 4),
        new(Finance, "综合财务部", Root, DepartmentFunction.Finance, 6, 8, "财务经理", ["会计", "出纳", "成本会计", "税务会计"],
            70_000m, false, 0, 4),
    ];

    public static DemoUnit Get(string code) => Units.First(u => u.Code == code);

    /// <summary>The units in a unit's subtree, itself first.</summary>
    public static IReadOnlyList<DemoUnit> Subtree(string code)
    {
        var result = new List<DemoUnit> { Get(code) };
        for (var i = 0; i < result.Count; i++) result.AddRange(Units.Where(u => u.Parent == result[i].Code));
        return result;
    }
}
