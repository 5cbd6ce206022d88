using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Demo.Company;
using Kpi.Demo.Scorecards;
using Kpi.Demo.Sources;
using Kpi.Testing.Demo;

namespace Kpi.Demo.Tests;

/// <summary>The demo company as a whole: generated the same on every run, shaped like the charters' company, of a size that seeds in seconds.</summary>
public class DemoCompanyTests
{
    [Fact]
    public void Generate_TwiceForTheSameMonth_GivesIdenticalRecordsRecordByRecord()
    {
        // Two fresh runs, not the shared cache: the point is that nothing (clock, hash seeds, dictionary order) leaks in.
        var first = DemoCompany.Generate(DemoCompanies.October2026);
        var second = DemoCompany.Generate(DemoCompanies.October2026);

        Assert.Equal(first.Records.Production, second.Records.Production);
        Assert.Equal(first.Records.Hours, second.Records.Hours);
        Assert.Equal(first.Records.Deliveries, second.Records.Deliveries);
        Assert.Equal(first.Records.Inspections, second.Records.Inspections);
        Assert.Equal(first.Records.Tickets, second.Records.Tickets);
        Assert.Equal(first.Records.Surveys, second.Records.Surveys);
        Assert.Equal(first.Records.Training, second.Records.Training);
        Assert.Equal(first.Records.Budget, second.Records.Budget);
        Assert.Equal(first.Records.Safety, second.Records.Safety);
        Assert.Equal(first.Records.Staff, second.Records.Staff);
        Assert.Equal(first.Records.Measurements, second.Records.Measurements);
        Assert.Equal(first.Story, second.Story);
    }

    [Fact]
    public void Generate_TwiceForTheSameMonth_GivesIdenticalDepartmentsAndScorecards()
    {
        var first = DemoCompany.Generate(DemoCompanies.October2026);
        var second = DemoCompany.Generate(DemoCompanies.October2026);

        Assert.Equal(first.Departments.Select(d => (d.Department, d.Function)), second.Departments.Select(d => (d.Department, d.Function)));
        for (var i = 0; i < first.Departments.Count; i++)
        {
            Assert.Equal(first.Departments[i].Scorecard.Lines, second.Departments[i].Scorecard.Lines);
        }
    }

    [Fact]
    public void Generate_WindowMovedOnTwoMonths_KeepsTheFiguresOfAMonthInBoth()
    {
        // 2026-02 lies in both windows and is neither's bad month (2026-05, 2026-07) nor incident month (2026-01, 2026-03).
        var month = Period.Month(2026, 2);
        var earlier = DemoCompanies.For(DemoCompanies.October2026);
        var later = DemoCompanies.For("2026-12");

        Assert.Equal(earlier.Records.Production.Where(r => month.Contains(r.Date)), later.Records.Production.Where(r => month.Contains(r.Date)));
        Assert.Equal(earlier.Records.Hours.Where(r => month.Contains(r.Date)), later.Records.Hours.Where(r => month.Contains(r.Date)));
        Assert.Equal(earlier.Records.Inspections.Where(r => month.Contains(r.Date)), later.Records.Inspections.Where(r => month.Contains(r.Date)));
    }

    [Fact]
    public void Generate_NotAMonth_IsRefused() =>
        Assert.Throws<ArgumentException>(() => DemoCompany.Generate(Period.Quarter(2026, 4)));

    [Fact]
    public void Generate_CoversTwentyFourMonthsEndingWithTheLastMonth()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.Equal(DemoCompany.MonthCount, data.Months.Count);
        Assert.Equal(Period.Month(2024, 11), data.FirstMonth);
        Assert.Equal(DemoCompanies.October2026, data.LastMonth);
        Assert.Equal(new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc), data.TakenAt);
    }

    [Fact]
    public void Story_BadMonthFiveAndIncidentNineMonthsBack_InTheResinWorkshop()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.Equal(Period.Month(2026, 5), data.Story.BadMonth);
        Assert.Equal(Period.Month(2026, 1), data.Story.IncidentMonth);
        Assert.Equal("PROD-RESIN", data.Story.IncidentDepartment);
        Assert.Equal(data.Story.IncidentMonth, data.TimeZone.MonthOf(data.Story.IncidentAt));
    }

    public static TheoryData<string, string, string?, DepartmentFunction?> Tree => new()
    {
        { "HQ", "华彩涂料有限公司", null, null },
        { "PROD", "生产部", "HQ", DepartmentFunction.Production },
        { "PROD-RESIN", "树脂车间", "PROD", DepartmentFunction.Production },
        { "PROD-PAINT", "制漆车间", "PROD", DepartmentFunction.Production },
        { "PROD-SPECIAL", "特种漆车间", "PROD", DepartmentFunction.Production },
        { "PROD-LATEX", "乳胶漆车间", "PROD", DepartmentFunction.Production },
        { "PROD-PACK", "包装组", "PROD", DepartmentFunction.Production },
        { "PROD-MAINT", "设备维修组", "PROD", DepartmentFunction.Production },
        { "QA", "质量部", "HQ", DepartmentFunction.Quality },
        { "CS", "客户服务中心", "HQ", DepartmentFunction.CustomerService },
        { "CS-DESK", "业务受理组", "CS", DepartmentFunction.CustomerService },
        { "CS-VISIT", "回访调查组", "CS", DepartmentFunction.CustomerService },
        { "SALES", "业务部", "HQ", DepartmentFunction.Sales },
        { "HR", "行政人力资源部", "HQ", DepartmentFunction.HumanResources },
        { "FIN", "综合财务部", "HQ", DepartmentFunction.Finance },
    };

    [Theory]
    [MemberData(nameof(Tree))]
    public void Departments_FollowTheCharters(string code, string name, string? parent, DepartmentFunction? function)
    {
        var department = DemoCompanies.For(DemoCompanies.October2026).Department(code);

        Assert.Equal(name, department.Department.Name);
        Assert.Equal(parent, department.Department.ParentCode);
        Assert.Equal(function, department.Function);
    }

    [Fact]
    public void Departments_AreExactlyTheCharters_RootFirst_ParentsBeforeChildren()
    {
        var data = DemoCompanies.For(DemoCompanies.October2026);

        Assert.Equal(Tree.Select(row => (string)row[0]), data.Departments.Select(d => d.Code));
        Assert.Equal(DemoCompany.RootCode, data.RootCode);
        Assert.Equal([DemoCompany.RootCode], data.Tree.Roots.Select(d => d.Code));
        for (var i = 0; i < data.Departments.Count; i++)
        {
            var parent = data.Departments[i].Department.ParentCode;
            Assert.True(parent is null || data.Departments.Take(i).Any(d => d.Code == parent), $"{data.Departments[i].Code} comes before its parent");
        }
    }

    [Fact]
    public void Records_AreAModerateVolumeThatSeedsInSeconds()
    {
        var count = DemoCompanies.For(DemoCompanies.October2026).Records.All.Count();

        Assert.InRange(count, 20_000, 60_000);
    }
}
