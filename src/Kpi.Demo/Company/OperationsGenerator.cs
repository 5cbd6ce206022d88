using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using static Kpi.Demo.Company.DemoOrganisation;

namespace Kpi.Demo.Company;

/// <summary>
/// The plant's daily figures: per workshop a production record (plan and actual) and an hours record for every plant
/// day, the day's in-process inspection and its production orders; 质量部's final and incoming inspections; and
/// 业务部's customer orders.
/// </summary>
internal static class OperationsGenerator
{
    /// <summary>Plant days the resin workshop stands still after the major incident (停产整顿) while it is investigated.</summary>
    private const int StoppedDaysAfterIncident = 2;

    public static void Generate(DemoContext ctx)
    {
        foreach (var unit in Units.Where(u => u.Workshop is not null))
        {
            foreach (var month in ctx.Months) Workshop(ctx, unit, unit.Workshop!, month);
        }
        foreach (var month in ctx.Months)
        {
            QualityInspections(ctx, month);
            CustomerOrders(ctx, month);
        }
    }

    private static void Workshop(DemoContext ctx, DemoUnit unit, Workshop w, Period month)
    {
        var rng = DemoRandom.Stream("operations", unit.Code, month);
        var bad = ctx.IsBad(month);
        var days = DemoCalendar.PlantDays(month);
        var stopped = unit.Code == Resin && month == ctx.IncidentMonth
            ? days.Where(d => d > ctx.IncidentDay).Take(StoppedDaysAfterIncident).ToHashSet()
            : [];

        foreach (var day in days)
        {
            var demand = w.Seasonal ? DemoCalendar.Demand(day) : 1m;
            var plan = Math.Round(w.DailyPlan * demand * (1m + rng.Jitter(0.08m)), w.Decimals);

            // Plans are kept, actuals fall short: the restart after the Spring Festival, the bad month, the incident.
            var performance = 1.005m + rng.Jitter(0.06m);
            if (DemoCalendar.IsRestart(day)) performance -= 0.04m;
            if (bad) performance *= w.Bad.OutputFactor + rng.Jitter(0.05m);
            if (stopped.Contains(day)) performance = 0m;
            else if (unit.Code == Resin && day == ctx.IncidentDay) performance *= 0.4m;
            var actual = Math.Max(0m, Math.Round(plan * performance, w.Decimals));

            // Crews are sized for an average day; overtime and temporary hands cover only part of a peak. In the bad
            // month the hit units work overtime on rework that yields no good output.
            var hours = w.DailyHours * (0.6m + 0.4m * demand) * (1m + rng.Jitter(0.05m));
            if (stopped.Contains(day)) hours *= 0.5m;
            if (bad && w.Bad.OutputFactor < 0.95m) hours *= 1.06m;
            hours = Math.Round(hours, 1);

            var stamp = day.ToString("yyyyMMdd");
            ctx.Records.Add(new ProductionRecord($"P-{unit.Code}-{stamp}", unit.Code, day, plan, actual));
            ctx.Records.Add(new HoursRecord($"H-{unit.Code}-{stamp}", unit.Code, day, hours));

            // Maintenance inspects each finished repair; the workshops sample their output.
            var samples = w.Decimals == 0
                ? (int)actual
                : Math.Max(1, rng.Around(w.SamplesPerDay * (0.6m + 0.4m * demand), w.SamplesPerDay * 0.15m));
            if (samples > 0)
            {
                var failed = rng.Binomial(samples, bad ? w.Bad.FailPerTenThousand : w.FailPerTenThousand);
                ctx.Records.Add(new InspectionRecord($"I-{unit.Code}-{stamp}", unit.Code, day, samples, samples - failed));
            }

            var orders = rng.Around(w.OrdersPerDay, 1.4m);
            for (var n = 1; n <= orders; n++)
            {
                var late = rng.Permille(bad ? w.Bad.LatePermille : w.LatePermille) || (stopped.Contains(day) && rng.Permille(600));
                var orderNo = $"{w.OrderPrefix}{day:yyMMdd}{n:00}";
                ctx.Records.Add(new DeliveryRecord($"D-{unit.Code}-{orderNo}", unit.Code, orderNo, day, Delivered(ctx, rng, day, late, 2, 6)));
            }
        }
    }

    /// <summary>
    /// 质量部's own inspections: the final release check (出厂检验) of every plant day, which catches what slipped
    /// through in the bad month, and the incoming check of raw materials (来料检验) on office days, which missed the
    /// contaminated raw material behind the bad month and so shows nothing unusual then.
    /// </summary>
    private static void QualityInspections(DemoContext ctx, Period month)
    {
        var rng = DemoRandom.Stream("inspections", Quality, month);
        var bad = ctx.IsBad(month);
        foreach (var day in DemoCalendar.PlantDays(month))
        {
            var samples = Math.Max(1, rng.Around(36m * (0.6m + 0.4m * DemoCalendar.Demand(day)), 6m));
            var failed = rng.Binomial(samples, bad ? 450 : 70);
            ctx.Records.Add(new InspectionRecord($"I-{Quality}-FQC-{day:yyyyMMdd}", Quality, day, samples, samples - failed));
        }
        foreach (var day in DemoCalendar.OfficeDays(month))
        {
            var samples = Math.Max(1, rng.Around(18m, 5m));
            var failed = rng.Binomial(samples, 110);
            ctx.Records.Add(new InspectionRecord($"I-{Quality}-IQC-{day:yyyyMMdd}", Quality, day, samples, samples - failed));
        }
    }

    /// <summary>
    /// 业务部's customer orders (销售订单), promised on plant days. In the last month two orders of the second half are
    /// held for the customer's overdue payment (信用冻结) and were still undelivered when the data was taken.
    /// </summary>
    private static void CustomerOrders(DemoContext ctx, Period month)
    {
        var rng = DemoRandom.Stream("orders", Sales, month);
        var bad = ctx.IsBad(month);
        var held = month == ctx.LastMonth ? 2 : 0;
        foreach (var day in DemoCalendar.PlantDays(month))
        {
            var orders = Math.Max(1, rng.Around(11m * DemoCalendar.Demand(day), 4m));
            for (var n = 1; n <= orders; n++)
            {
                var orderNo = $"SO{day:yyMMdd}{n:000}";
                var late = rng.Permille(bad ? 200 : 25);
                var delivered = Delivered(ctx, rng, day, late, 3, 7);
                if (held > 0 && day.Day >= 16 && n == 1)
                {
                    delivered = null;
                    held--;
                }
                ctx.Records.Add(new DeliveryRecord($"D-{Sales}-{orderNo}", Sales, orderNo, day, delivered));
            }
        }
    }

    /// <summary>
    /// When an order promised on <paramref name="promised"/> was delivered: a few days early or on the day, or 1 to
    /// <paramref name="maxDaysLate"/> days late — and "not yet" when that is after the data was taken.
    /// </summary>
    private static DateOnly? Delivered(DemoContext ctx, Random rng, DateOnly promised, bool late, int maxDaysEarly, int maxDaysLate)
    {
        var delivered = late ? promised.AddDays(rng.Between(1, maxDaysLate)) : promised.AddDays(-rng.Between(0, maxDaysEarly));
        // Nothing of the demo happened before its first month, not even an early delivery.
        if (delivered < ctx.FirstMonth.FirstDay) delivered = promised;
        return ctx.ByNow(delivered);
    }
}
