using Kpi.Demo.Scorecards;
using Kpi.Domain.Metrics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;

namespace Kpi.Demo.Company;

/// <summary>
/// A department of the demo company: its place in the tree, the function its default scorecard comes from (null
/// for the company root, which has a card of its own) and the scorecard it is scored on.
/// </summary>
public sealed record DemoDepartment(Department Department, DepartmentFunction? Function, ScorecardDefinition Scorecard)
{
    public string Code => Department.Code;
}

/// <summary>
/// The events the demo data tells, so that tests, reports and the README can point at them.
/// </summary>
/// <param name="BadMonth">The resin batch problem: resin fails inspection, the paint lines run short and late, complaints pile up.</param>
/// <param name="IncidentMonth">The month of the one major safety incident, which triggers the 一票否决 veto.</param>
/// <param name="IncidentDepartment">Where the major incident happened (and so every card above it is vetoed).</param>
/// <param name="IncidentAt">When it happened (UTC).</param>
public sealed record DemoStory(Period BadMonth, Period IncidentMonth, string IncidentDepartment, DateTime IncidentAt);

/// <summary>
/// The demo company for one run of <see cref="DemoCompany.Generate"/>: 24 months of records of every kind ending with
/// <see cref="LastMonth"/>, as its source systems would have delivered them by the end of that month.
/// </summary>
public sealed class DemoData
{
    internal DemoData(IReadOnlyList<Period> months, CompanyTimeZone timeZone, IReadOnlyList<DemoDepartment> departments,
        RecordSet records, DemoStory story)
    {
        Months = months;
        TimeZone = timeZone;
        Departments = departments;
        Tree = new OrgTree(departments.Select(d => d.Department));
        Records = records;
        Story = story;
    }

    /// <summary>The 24 months covered, oldest first.</summary>
    public IReadOnlyList<Period> Months { get; }

    public Period FirstMonth => Months[0];

    public Period LastMonth => Months[^1];

    /// <summary>
    /// The instant the data was taken (UTC): the end of <see cref="LastMonth"/> in the company time zone. Nothing is
    /// dated after it; whatever had not happened by then (a callback, a delivery, a resolution) is empty.
    /// </summary>
    public DateTime TakenAt => TimeZone.Bounds(LastMonth).End;

    /// <summary>Asia/Shanghai: the zone whose local times the timestamps were written in before conversion to UTC.</summary>
    public CompanyTimeZone TimeZone { get; }

    /// <summary>The departments, parents before children, the company root first.</summary>
    public IReadOnlyList<DemoDepartment> Departments { get; }

    public OrgTree Tree { get; }

    public RecordSet Records { get; }

    public DemoStory Story { get; }

    public string RootCode => Departments[0].Code;

    public DemoDepartment Department(string code) =>
        Departments.FirstOrDefault(d => d.Code == code) ?? throw new KeyNotFoundException($"The demo company has no department '{code}'.");
}
