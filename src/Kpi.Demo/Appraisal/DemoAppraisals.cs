using System.Text.Json;
using Kpi.Demo.Company;
using Kpi.Domain.Appraisal;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Domain.Scoring;
using Kpi.Storage;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Demo.Appraisal;

/// <summary>
/// The demo company's appraisal cycles, so that HR has something to look at on first start: the contract's template
/// (<c>demo-staff</c>), a published cycle over the whole company for the last complete quarter — goals, self-assessments,
/// reviews and a few calibrations, approved (over the distribution policy, with a reason, when the generated grades
/// break it) and published — and an open cycle for the current quarter, started, with about half the
/// self-assessments in. Every step goes through the domain's workflow, as the API's would.
/// One liberty, said in the stored KPI source: the demo seeds no monthly closes (they render packs in the background),
/// so the published cycle takes each department's scorecard total for the quarter from the live data, as if its
/// months were closed.
/// </summary>
public static class DemoAppraisals
{
    public const string TemplateCode = "demo-staff";
    private const string Actor = "demo";

    private const string TemplateJson = """
        {"code": "demo-staff", "name": "员工绩效考核", "self_assessment": true,
         "parts": [{"type": "kpi", "weight": 50},
                   {"type": "goals", "weight": 30},
                   {"type": "competency", "weight": 20, "scale": 5,
                    "items": [{"code": "teamwork", "name": "团队协作", "weight": 60},
                              {"code": "discipline", "name": "工作纪律", "weight": 40}]}],
         "adjustment": {"min": -10, "max": 10},
         "grades": [{"grade": "S", "min": 105}, {"grade": "A", "min": 95}, {"grade": "B", "min": 85},
                    {"grade": "C", "min": 70}, {"grade": "D", "min": 0}],
         "veto_applies_to": "heads",
         "distribution": {"group_by": "division", "S": {"max": 0.1}, "A": {"max": 0.2}, "D": {"min": 0.05}},
         "coefficients": {"S": 1.5, "A": 1.2, "B": 1.0, "C": 0.8, "D": 0.5}}
        """;

    /// <summary>The two cycles' periods for a given day: the last complete quarter, and the quarter the day is in.</summary>
    public static (Period Published, Period Open) Periods(DateOnly today)
    {
        var current = Period.Quarter(today.Year, (today.Month - 1) / 3 + 1);
        return (current.Previous, current);
    }

    /// <summary>Seeds the template and both cycles into a database the demo company was just seeded into; does nothing when a cycle exists.</summary>
    public static async Task SeedAsync(KpiDbContext db, DemoData demo, TimeProvider clock, CompanyTimeZone zone, CancellationToken ct = default)
    {
        if (await db.AppraisalCycles.AnyAsync(ct) || await db.AppraisalTemplates.AnyAsync(t => t.Code == TemplateCode, ct)) return;
        var utc = clock.GetUtcNow().UtcDateTime;
        var now = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var today = zone.LocalDate(now);
        var document = JsonSerializer.Deserialize<AppraisalTemplateDocument>(TemplateJson, AppraisalTemplateDocument.Json)!;
        var (template, errors) = document.ToTemplate();
        if (template is null) throw new InvalidOperationException($"The demo template is not valid: {string.Join("; ", errors)}");
        db.AppraisalTemplates.Add(new AppraisalTemplateRow
        {
            Code = template.Code, Name = template.Name, Document = AppraisalTemplateDocument.From(template).Serialize(), CreatedAt = now, CreatedBy = Actor,
        });
        await db.SaveChangesAsync(ct);

        var org = await db.LoadOrganisationAsync(ct);
        var staff = demo.Records.All.OfType<StaffRecord>().ToList();
        var (publishedPeriod, openPeriod) = Periods(today);
        var random = new Random(2026);

        var published = await CreateAsync(db, org, staff, template, $"{publishedPeriod} 绩效考核", publishedPeriod,
            publishedPeriod.LastDay.AddDays(10), publishedPeriod.LastDay.AddDays(20), now, ct);
        await RunToPublicationAsync(db, org, published, random, zone, now, ct);

        var open = await CreateAsync(db, org, staff, template, $"{openPeriod} 绩效考核", openPeriod,
            openPeriod.LastDay.AddDays(10), openPeriod.LastDay.AddDays(20), now, ct);
        var loaded = (await db.LoadCycleAsync(open, null, ct))!;
        loaded.Cycle.Start(loaded.Aggregates, AppraisalActor.Hr(), now);
        foreach (var (a, i) in loaded.Aggregates.Select((a, i) => (a, i)))
        {
            SetGoals(a, random);
            if (i % 2 == 0) SelfAssess(a, random, now);
        }
        db.Apply(loaded, Actor, now);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static async Task<long> CreateAsync(KpiDbContext db, StoredOrganisation org, IReadOnlyList<StaffRecord> staff, AppraisalTemplate template,
        string name, Period period, DateOnly selfDue, DateOnly reviewDue, DateTime now, CancellationToken ct)
    {
        var request = new CycleRequest(name, template, period, [org.Tree.Roots.First().Code], selfDue, reviewDue);
        var created = AppraisalCycle.Create(request, org.Tree, staff, code => org.Tree.Find(code)?.HeadEmployeeNo, AppraisalActor.Hr(), now);
        var names = staff.GroupBy(s => s.EmployeeNo, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        var row = db.AddCycle(created, template,
            a => new AppraisalStore.MemberNames(org.Tree.Get(a.Subject.Department).Name, a.AppraiserEmployeeNo is { } no ? names.GetValueOrDefault(no) : null),
            Actor, now);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return row.Id;
    }

    private static async Task RunToPublicationAsync(KpiDbContext db, StoredOrganisation org, long cycleId, Random random, CompanyTimeZone zone, DateTime now,
        CancellationToken ct)
    {
        var loaded = (await db.LoadCycleAsync(cycleId, null, ct))!;
        var cycle = loaded.Cycle;
        var hr = AppraisalActor.Hr();
        cycle.Start(loaded.Aggregates, hr, now);
        foreach (var a in loaded.Aggregates)
        {
            SetGoals(a, random);
            SelfAssess(a, random, now);
            var rating = () => random.Next(3, 6);
            a.SubmitReview(Appraiser(a), a.Goals.Select(g => Actual(g, random)).ToList(),
                new Dictionary<string, int> { ["teamwork"] = rating(), ["discipline"] = rating() }, "本季度工作完成情况良好。", now);
        }

        var kpis = new Dictionary<string, KpiInput>(StringComparer.Ordinal);
        foreach (var department in loaded.Aggregates.Select(a => a.Subject.Department).Distinct(StringComparer.Ordinal))
            kpis[department] = KpiInput.From(await db.ScoreAsync(org, department, cycle.Period, zone, ct));
        cycle.EnterCalibration(loaded.Aggregates, d => kpis[d], cycle.Period.Months, hr, now);
        foreach (var a in loaded.Appraisals) a.Row.KpiSource = $"{cycle.Period} from the demo's live data (demo: its months were not closed)";

        // A few calibrations, as HR would make after the calibration meeting.
        foreach (var a in loaded.Aggregates.Where((_, i) => i % 17 == 5))
            cycle.Calibrate(a, hr, random.Next(-3, 4), null, "校准会议：结合跨部门协作表现调整", now);
        try
        {
            cycle.Approve(loaded.Aggregates, org.Tree, null, hr, now);
        }
        catch (DistributionViolationException)
        {
            cycle.Approve(loaded.Aggregates, org.Tree, "演示数据：经总经理办公会批准", hr, now);
        }
        cycle.Publish(loaded.Aggregates, hr, now);
        db.Apply(loaded, Actor, now);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static AppraisalActor Appraiser(EmployeeAppraisal a) => a.AppraiserEmployeeNo is { } no ? new AppraisalActor(no, false) : AppraisalActor.Hr();

    private static void SetGoals(EmployeeAppraisal a, Random random) => a.SetGoals(Appraiser(a),
    [
        NewGoal("重点工作按期完成率", 100, 60),
        NewGoal("改善提案", random.Next(2, 5), 40),
    ]);

    private static Goal NewGoal(string name, decimal target, decimal weight) =>
        new(name, target, weight, Direction.Higher, new LinearRule(1.2m));

    private static decimal Actual(Goal goal, Random random) => Math.Round(goal.Target!.Value * random.Next(80, 125) / 100m, 1);

    private static void SelfAssess(EmployeeAppraisal a, Random random, DateTime now) =>
        a.SubmitSelfAssessment(new AppraisalActor(a.EmployeeNo, false), a.Goals.Select(g => Actual(g, random)).ToList(),
            new Dictionary<string, int> { ["teamwork"] = random.Next(3, 6), ["discipline"] = random.Next(3, 6) }, "按计划完成本期工作。", now);
}
