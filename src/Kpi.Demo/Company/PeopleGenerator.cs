using Kpi.Demo.Scorecards;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using static Kpi.Demo.Company.DemoOrganisation;

namespace Kpi.Demo.Company;

/// <summary>
/// Staff and training. The staff list is the HR system's as of the end of the last month: everyone employed at some
/// time in the 24 months, with hires replacing most leavers a few weeks later. Training is planned every month for
/// about a third of each department.
/// </summary>
internal static class PeopleGenerator
{
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    private const string GivenNames = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉玲鑫宇浩凯婷雪琳晨鹏飞斌波峰俊海红梅兰云龙志国庆春燕佳欣";

    /// <summary>New staff are not yet certified for their post (任职资格) for about four months.</summary>
    private const int NewcomerDays = 120;

    /// <summary>A person as the generator builds them; becomes a <see cref="StaffRecord"/> at the end.</summary>
    internal sealed class Person(string employeeNo, string department, string name, string position, DateOnly hiredOn)
    {
        public string EmployeeNo { get; } = employeeNo;
        public string Department { get; } = department;
        public string Name { get; } = name;
        public string Position { get; } = position;
        public DateOnly HiredOn { get; set; } = hiredOn;
        public DateOnly? LeftOn { get; set; }
        public bool Qualified { get; set; }
        public bool IsLead { get; init; }
        public bool InHeadcountOn(DateOnly day) => HiredOn <= day && (LeftOn is null || day <= LeftOn);
    }

    public static IReadOnlyList<Person> Staff(DemoContext ctx)
    {
        // One stream for the whole roster: who leaves depends on who is still there, month after month.
        var rng = DemoRandom.Stream($"staff|{ctx.FirstMonth}|{ctx.LastMonth}");
        var people = new List<Person>();
        var next = 1;
        Person Hire(DemoUnit unit, string position, DateOnly on, bool lead = false) =>
            new($"HC{next++:0000}", unit.Code, Name(rng), position, on) { IsLead = lead };

        var start = ctx.FirstMonth.FirstDay;
        foreach (var unit in Units)
        {
            for (var i = 0; i < unit.Headcount; i++)
            {
                people.Add(Hire(unit, i == 0 ? unit.Lead : rng.Pick(unit.Roles), start.AddDays(-rng.Between(60, 12 * 365)), lead: i == 0));
            }
        }

        foreach (var month in ctx.Months)
        {
            var days = month.LastDay.Day;
            foreach (var unit in Units)
            {
                var present = people.Where(p => p.Department == unit.Code && !p.IsLead && p.InHeadcountOn(month.FirstDay)).ToList();
                foreach (var person in present)
                {
                    if (!rng.Permille(unit.LeavePermille)) continue;
                    person.LeftOn = month.FirstDay.AddDays(rng.Between(0, days - 1));
                    // Most posts are filled again within a few weeks; some stay open.
                    if (!rng.Permille(900)) continue;
                    var hired = person.LeftOn.Value.AddDays(rng.Between(3, 35));
                    if (hired <= ctx.LastDay) people.Add(Hire(unit, person.Position, hired));
                }
                // The workshops grow with the business now and then.
                if (unit.Workshop is { Seasonal: true } && rng.Permille(120))
                    people.Add(Hire(unit, rng.Pick(unit.Roles), month.FirstDay.AddDays(rng.Between(0, days - 1))));
            }
        }

        MarkMonthBoundaries(ctx, people);

        foreach (var person in people)
        {
            var newcomer = person.HiredOn > ctx.LastDay.AddDays(-NewcomerDays);
            person.Qualified = newcomer ? !rng.Permille(600) : !rng.Permille(30);
        }

        ctx.Records.AddRange(people.Select(p =>
            new StaffRecord($"ST-{p.EmployeeNo}", p.Department, p.EmployeeNo, p.Name, p.Position, p.HiredOn, p.LeftOn, p.Qualified)));
        return people;
    }

    /// <summary>
    /// The boundaries that headcount rules hinge on, made certain: a leaver whose last day is a month's last day
    /// (a leaver of that month, yet still in its closing headcount) and a hire who starts on a month's first day
    /// (already in its opening headcount).
    /// </summary>
    private static void MarkMonthBoundaries(DemoContext ctx, List<Person> people)
    {
        var month = ctx.Months[^3];
        var leaver = people.FirstOrDefault(p => p.LeftOn is { } l && month.Contains(l))
            ?? people.First(p => p.Department == Sales && !p.IsLead && p.InHeadcountOn(month.LastDay));
        leaver.LeftOn = month.LastDay;

        var hireMonth = ctx.Months[^4];
        var hire = people.FirstOrDefault(p => hireMonth.Contains(p.HiredOn) && p.HiredOn.Day != 1 && (p.LeftOn is null || p.LeftOn >= hireMonth.LastDay));
        if (hire is not null) hire.HiredOn = hireMonth.FirstDay;
    }

    private static string Name(Random rng)
    {
        var given = rng.Permille(700)
            ? $"{GivenNames[rng.Next(GivenNames.Length)]}{GivenNames[rng.Next(GivenNames.Length)]}"
            : $"{GivenNames[rng.Next(GivenNames.Length)]}";
        return $"{Surnames[rng.Next(Surnames.Length)]}{given}";
    }

    private static readonly string[] Safety = ["安全生产操作规程", "危险化学品安全管理", "消防应急演练", "职业健康防护"];

    private static IReadOnlyList<string> Courses(DemoUnit unit) => unit.Function switch
    {
        DepartmentFunction.Production => [.. Safety, "涂料配方与工艺", "设备点检与保养", "6S现场管理", "质量意识与自检"],
        DepartmentFunction.Quality => ["ISO 9001质量管理体系", "涂料检测方法", "实验室安全", "统计过程控制(SPC)"],
        DepartmentFunction.CustomerService => ["客户服务礼仪", "投诉处理技巧", "48小时回访规范", "产品知识"],
        DepartmentFunction.Sales => ["产品知识", "销售技巧", "合同管理", "客户关系管理"],
        DepartmentFunction.HumanResources => ["劳动法规实务", "绩效管理实务", "招聘面试技巧", "消防安全知识"],
        DepartmentFunction.Finance => ["企业会计准则", "税务申报实务", "财务软件操作", "内部控制"],
        _ => ["安全生产责任制", "经营分析与决策", "领导力发展"],
    };

    /// <summary>
    /// About a third of each department is planned for a course every month (at least two people). Nearly all attend
    /// on the day or within a few days; some make it up weeks later and a few never do. In the bad month production
    /// and quality are fire-fighting and postpone much of their training.
    /// </summary>
    public static void Training(DemoContext ctx, IReadOnlyList<Person> staff)
    {
        var fireFighting = Subtree(Production).Select(u => u.Code).Append(Quality).ToHashSet();
        foreach (var unit in Units)
        {
            var courses = Courses(unit);
            var members = staff.Where(p => p.Department == unit.Code).ToList();
            foreach (var month in ctx.Months)
            {
                var rng = DemoRandom.Stream("training", unit.Code, month);
                var days = DemoCalendar.OfficeDays(month);
                var headcount = members.Count(p => p.InHeadcountOn(month.FirstDay));
                var planned = Math.Max(2, (int)Math.Round(headcount * 0.3m, MidpointRounding.AwayFromZero));
                for (var i = 1; i <= planned; i++)
                {
                    var day = rng.Pick(days);
                    var candidates = members.Where(p => p.InHeadcountOn(day)).ToList();
                    if (candidates.Count == 0) continue;
                    var person = rng.Pick(candidates);
                    var course = person.HiredOn > day.AddDays(-30) ? "新员工入职培训" : rng.Pick(courses);
                    // The fire-fighting managers put every other course off to the next month.
                    var postponed = ctx.IsBad(month) && fireFighting.Contains(unit.Code) && i % 2 == 0;
                    var roll = rng.Next(1000);
                    DateOnly? completed = postponed ? month.DayAfter.AddDays(rng.Between(2, 20))
                        : roll < 850 ? day
                        : roll < 940 ? day.AddDays(rng.Between(1, 3))
                        : roll < 975 ? day.AddDays(rng.Between(8, 30))
                        : null;
                    ctx.Records.Add(new TrainingRecord($"TR-{unit.Code}-{month.FirstDay:yyyyMM}-{i:00}", unit.Code, person.EmployeeNo, course, day,
                        completed is { } c ? ctx.ByNow(c) : null));
                }
            }
        }
    }
}
