using Kpi.Demo.Scorecards;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;

namespace Kpi.Demo.Company;

/// <summary>
/// The demo company the service seeds on first start: 华彩涂料有限公司, a paint maker organised as the department
/// charters describe, with 24 months of records of every kind. Generation is pure and deterministic: no clock, no
/// I/O, the same last month always gives the same records, record for record, with the same ids.
/// </summary>
public static class DemoCompany
{
    /// <summary>The company root's code.</summary>
    public const string RootCode = DemoOrganisation.Root;

    /// <summary>Months of records generated, ending with the last month.</summary>
    public const int MonthCount = DemoContext.MonthCount;

    /// <summary>
    /// Generates the company up to and including <paramref name="lastMonth"/> (normally the month before today's),
    /// as its source systems would have delivered the data by the end of that month.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="lastMonth"/> is not a month.</exception>
    public static DemoData Generate(Period lastMonth)
    {
        var ctx = new DemoContext(lastMonth);

        var staff = PeopleGenerator.Staff(ctx);
        PeopleGenerator.Training(ctx, staff);
        OperationsGenerator.Generate(ctx);
        ServiceGenerator.Generate(ctx);
        FinanceGenerator.Generate(ctx);
        SafetyGenerator.Generate(ctx);

        // Each unit's lead (its first hire, who never leaves) heads it: the manager of its subtree and its members' appraiser.
        var heads = staff.Where(p => p.IsLead).ToDictionary(p => p.Department, p => p.EmployeeNo);
        var departments = DemoOrganisation.Units
            .Select(u => new DemoDepartment(new Department(u.Code, u.Name, u.Parent, heads.GetValueOrDefault(u.Code)), u.Function, DemoScorecards.For(u, ctx)))
            .ToList();
        var story = new DemoStory(ctx.BadMonth, ctx.IncidentMonth, DemoOrganisation.Resin, ctx.IncidentAt);
        return new DemoData(ctx.Months, ctx.Zone, departments, ctx.Records, story);
    }
}
