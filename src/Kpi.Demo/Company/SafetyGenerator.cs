using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using static Kpi.Demo.Company.DemoOrganisation;

namespace Kpi.Demo.Company;

/// <summary>
/// Safety incidents (安全生产事故). A well-run plant has no accident in most months: in two years there are a few
/// minor ones (a chemical splash, a cut, a forklift knock, a sales car's scrape) and, in the incident month, one major
/// one — a resin reactor incident that seriously injures a worker and triggers the 一票否决 veto of every card above
/// the resin workshop. Months without an accident have no safety records: the metric counts 0 there.
/// </summary>
internal static class SafetyGenerator
{
    /// <summary>Where minor incidents happen, weighted by how hazardous the work is.</summary>
    private static readonly (string Department, int Weight)[] Exposure =
    [
        (Resin, 3), (Paint, 3), (Special, 2), (Latex, 2), (Packing, 3), (Maintenance, 3), (Quality, 1), (Sales, 1), (People, 1),
    ];

    /// <summary>
    /// Months before the last month with a minor incident: spread over the two years and clear of the bad month and
    /// the incident month, so that neither story is blurred by an unrelated accident.
    /// </summary>
    public static readonly IReadOnlyList<int> MinorIncidentMonthsBack = [2, 7, 13, 16, 21];

    /// <summary>
    /// The minor incident of this many months back happens on the resin reactors' night shift at 02:10 on the 1st,
    /// local time: 18:10Z on the previous month's last day. It counts in the month it happened in Asia/Shanghai.
    /// </summary>
    public const int NightShiftIncidentMonthsBack = 13;

    public static void Generate(DemoContext ctx)
    {
        // Oldest month first, like every other kind's records.
        for (var i = 0; i < ctx.Months.Count; i++)
        {
            var month = ctx.Months[i];
            var back = ctx.Months.Count - 1 - i;
            var rng = DemoRandom.Stream("safety", Root, month);
            var incidents = new List<(string Department, DateTime At, Severity Severity)>();
            if (back == NightShiftIncidentMonthsBack)
                incidents.Add((Resin, ctx.Utc(month.FirstDay, 2 * 60 + 10, rng.Between(0, 59)), Severity.Minor));
            else if (MinorIncidentMonthsBack.Contains(back))
                incidents.Add((Exposed(rng), ctx.Utc(rng.Pick(DemoCalendar.PlantDays(month)), rng.Between(8 * 60, 17 * 60 + 30), rng.Between(0, 59)), Severity.Minor));
            if (month == ctx.IncidentMonth) incidents.Add((Resin, ctx.IncidentAt, Severity.Major));

            var n = 0;
            foreach (var (department, at, severity) in incidents.OrderBy(x => x.At))
            {
                ctx.Records.Add(new SafetyRecord($"SF-{department}-{ctx.Local(at):yyyyMMdd}-{++n}", department, at, severity));
            }
        }
    }

    private static string Exposed(Random rng)
    {
        var roll = rng.Next(Exposure.Sum(e => e.Weight));
        foreach (var (department, weight) in Exposure)
        {
            roll -= weight;
            if (roll < 0) return department;
        }
        return Exposure[^1].Department;
    }
}
