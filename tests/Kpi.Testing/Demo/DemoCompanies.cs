using System.Collections.Concurrent;
using Kpi.Domain.Periods;
using Kpi.Demo.Company;
using Kpi.Demo.Scorecards;
using Kpi.Demo.Sources;

namespace Kpi.Testing.Demo;

/// <summary>
/// Demo companies generated once per last month and shared by the test classes, which xunit runs in parallel:
/// generating and scoring 24 months takes a moment, and the data is immutable once made.
/// </summary>
public static class DemoCompanies
{
    /// <summary>The last month most tests look at (the design brief's examples are in October 2026).</summary>
    public static readonly Period October2026 = Period.Month(2026, 10);

    /// <summary>
    /// Windows whose invariants are checked too: one whose first month and bad month hold a Spring Festival
    /// (2025-02: window from 2023-03, bad month 2024-09, incident 2024-05) and one in the next year with the bad
    /// month in the Spring Festival month itself (2027-07: bad month 2027-02).
    /// </summary>
    public static TheoryData<string> Windows => new() { "2026-10", "2025-02", "2027-07" };

    private static readonly ConcurrentDictionary<Period, Lazy<(DemoData Data, DemoScores Scores)>> Cache = new();

    public static DemoData For(Period lastMonth) => Entry(lastMonth).Data;

    public static DemoData For(string lastMonth) => For(Period.Parse(lastMonth));

    public static DemoScores ScoresFor(Period lastMonth) => Entry(lastMonth).Scores;

    public static DemoScores ScoresFor(string lastMonth) => ScoresFor(Period.Parse(lastMonth));

    private static (DemoData Data, DemoScores Scores) Entry(Period lastMonth) =>
        Cache.GetOrAdd(lastMonth, m => new Lazy<(DemoData, DemoScores)>(() =>
        {
            var data = DemoCompany.Generate(m);
            return (data, new DemoScores(data));
        })).Value;
}
