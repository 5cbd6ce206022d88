using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using static Kpi.Demo.Company.DemoOrganisation;

namespace Kpi.Demo.Company;

/// <summary>
/// Customer tickets and surveys. Tickets are opened at local times in Asia/Shanghai (mostly office hours, some
/// evenings and nights through the web form) and stored as UTC; the service standard is a callback (回访) within
/// 48 hours. Surveys are the customers' ratings of the units they deal with and every department's rating by the
/// others (部门协作满意度).
/// </summary>
internal static class ServiceGenerator
{
    private const int MinutesPerHour = 60;
    private const int MinutesPerDay = 24 * MinutesPerHour;

    /// <summary>Who the customers blame in the bad month, in survey points.</summary>
    private static readonly Dictionary<string, int> BadMonthCustomerDrop = new()
    {
        [Resin] = 18, [Paint] = 14, [Special] = 12, [Latex] = 4, [Packing] = 5,
        [Quality] = 12, [ServiceDesk] = 6, [ServiceVisits] = 6, [Sales] = 8,
    };

    /// <summary>Who the other departments blame in the bad month.</summary>
    private static readonly Dictionary<string, int> BadMonthCollaborationDrop = new() { [Resin] = 8, [Quality] = 6, [Paint] = 3 };

    public static void Generate(DemoContext ctx)
    {
        foreach (var unit in Units)
        {
            foreach (var month in ctx.Months)
            {
                if (unit.Desk is { } desk) Tickets(ctx, unit, desk, month);
                Surveys(ctx, unit, month);
            }
        }
    }

    private sealed record Opening(TicketKind Kind, DateTime OpenedAt);

    private static void Tickets(DemoContext ctx, DemoUnit unit, TicketDesk desk, Period month)
    {
        var rng = DemoRandom.Stream("tickets", unit.Code, month);
        var bad = ctx.IsBad(month);
        var days = DemoCalendar.Days(month).ToList();
        var weights = days.Select(DayWeight).ToList();

        var inquiries = rng.Around(desk.Inquiries * (0.7m + 0.3m * DemoCalendar.MonthlyDemandOf(month)), desk.Inquiries * 0.2m);
        // At least two complaints a month, so that the resolution rate always has something to measure.
        var complaints = Math.Max(2, rng.Around(desk.Complaints * (bad ? desk.BadMonthComplaintFactor : 1m), desk.Complaints * 0.3m));

        // In the bad month the complaints come once the paint made with the bad resin has reached the customers'
        // sites: from the second week on, and so many of them are still open at the month's end.
        var complaintDays = bad ? days.Where(d => d.Day >= 10).ToList() : days;
        var complaintWeights = complaintDays.Select(DayWeight).ToList();
        var openings = new List<Opening>();
        for (var i = 0; i < inquiries + complaints; i++)
        {
            var complaint = i >= inquiries;
            var day = complaint ? PickWeighted(rng, complaintDays, complaintWeights) : PickWeighted(rng, days, weights);
            openings.Add(new(complaint ? TicketKind.Complaint : TicketKind.Inquiry, ctx.Utc(day, OpeningMinute(rng), rng.Between(0, 59))));
        }
        if (unit.Code == ServiceDesk)
        {
            // Web-form tickets around midnight at the month's turn. Those of 00:05–01:59 on the 1st fall on the
            // previous UTC day (16:05–17:59Z): they belong to this month only when placed in Asia/Shanghai.
            openings.Add(new(TicketKind.Inquiry, ctx.Utc(month.FirstDay, rng.Between(5, 59), rng.Between(0, 59))));
            openings.Add(new(TicketKind.Complaint, ctx.Utc(month.FirstDay, rng.Between(60, 119), rng.Between(0, 59))));
            openings.Add(new(TicketKind.Inquiry, ctx.Utc(month.LastDay, rng.Between(22 * MinutesPerHour + 30, 23 * MinutesPerHour + 55), rng.Between(0, 59))));
        }

        var tickets = openings.OrderBy(o => o.OpenedAt).Select((o, i) =>
        {
            var callback = Callback(ctx, rng, o.OpenedAt, bad);
            var resolved = o.Kind == TicketKind.Inquiry
                ? o.OpenedAt.AddMinutes(rng.Between(3, 90)) // answered on the call
                : o.OpenedAt.AddMinutes(ComplaintMinutes(rng, desk.Pace, bad));
            return new TicketRecord($"T-{unit.Code}-{month.FirstDay:yyyyMM}-{i + 1:0000}", unit.Code, o.Kind, o.OpenedAt,
                callback is { } c ? ctx.ByNow(c) : null, ctx.ByNow(resolved));
        }).ToList();

        // The standard's edge, every month: callbacks at exactly 48:00:00, which still count (inclusive). Chosen among
        // tickets opened in office hours, so that the callback is made in office hours too.
        var edges = unit.Code is ServiceDesk or ServiceVisits ? 2 : 1;
        var start = rng.Next(tickets.Count);
        for (var k = 0; k < tickets.Count && edges > 0; k++)
        {
            var t = tickets[(start + k) % tickets.Count];
            var hour = ctx.Local(t.OpenedAt).Hour;
            var exact = t.OpenedAt.Add(TicketRecord.CallbackWindow);
            if (hour is < 9 or > 16 || exact >= ctx.TakenAt) continue;
            tickets[(start + k) % tickets.Count] = t with { CallbackAt = exact };
            edges--;
        }

        ctx.Records.AddRange(tickets);
    }

    /// <summary>Weekdays bring most calls, weekends fewer, the Spring Festival almost none.</summary>
    private static int DayWeight(DateOnly day) =>
        DemoCalendar.IsSpringFestivalShutdown(day) ? 1
        : DemoCalendar.IsOfficeDay(day) ? 10
        : day.DayOfWeek == DayOfWeek.Saturday ? 5
        : 3;

    private static DateOnly PickWeighted(Random rng, IReadOnlyList<DateOnly> days, IReadOnlyList<int> weights)
    {
        var roll = rng.Next(weights.Sum());
        for (var i = 0; i < days.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0) return days[i];
        }
        return days[^1];
    }

    /// <summary>Local minute of the day a ticket is opened: office hours mostly, evenings and nights through the web form.</summary>
    private static int OpeningMinute(Random rng)
    {
        var roll = rng.Next(100);
        if (roll < 82) return rng.Between(8 * MinutesPerHour + 30, 17 * MinutesPerHour + 59);
        if (roll < 96) return rng.Between(18 * MinutesPerHour, 22 * MinutesPerHour + 59);
        var night = rng.Between(0, 9 * MinutesPerHour - 1); // 23:00 to 07:59
        return (23 * MinutesPerHour + night) % MinutesPerDay;
    }

    /// <summary>
    /// The callback (回访): usually within hours, made between 08:00 and 21:00; a few late (after 48 h), and a few
    /// customers never reached. Null means no callback.
    /// </summary>
    private static DateTime? Callback(DemoContext ctx, Random rng, DateTime opened, bool bad)
    {
        var roll = rng.Next(1000);
        const int unreachable = 10;
        var late = bad ? 80 : 30;
        if (roll < unreachable) return null;
        if (roll < unreachable + late) return opened.AddMinutes(rng.Between(48 * MinutesPerHour + 1, 100 * MinutesPerHour)).AddSeconds(rng.Between(0, 59));

        var delay = rng.Permille(650) ? rng.Between(15, 6 * MinutesPerHour) : rng.Between(6 * MinutesPerHour, 30 * MinutesPerHour);
        var local = ctx.Local(opened.AddMinutes(delay).AddSeconds(rng.Between(0, 59)));
        // Nobody is called at night: such callbacks move to the next morning, still well within 48 hours.
        if (local.Hour < 8) local = local.Date.AddHours(8).AddMinutes(rng.Between(0, 50));
        else if (local.Hour >= 21) local = local.Date.AddDays(1).AddHours(8).AddMinutes(rng.Between(0, 50));
        return ctx.Zone.LocalToUtc(local);
    }

    /// <summary>
    /// Minutes from a complaint to its resolution. Service complaints are mostly settled within two days; quality
    /// complaints wait for lab analysis. In the bad month every quality complaint needs the batch traced back to the
    /// resin and the retained samples analysed, three days to two weeks; service complaints pile up and take longer.
    /// </summary>
    private static int ComplaintMinutes(Random rng, ResolutionPace pace, bool bad)
    {
        if (bad && pace == ResolutionPace.Slow) return rng.Between(72 * MinutesPerHour, 360 * MinutesPerHour);
        var roll = rng.Next(100);
        int hours = pace switch
        {
            ResolutionPace.Fast when roll < 50 => rng.Between(1, 12),
            ResolutionPace.Fast when roll < 80 => rng.Between(12, 48),
            ResolutionPace.Fast when roll < 95 => rng.Between(48, 120),
            ResolutionPace.Fast => rng.Between(120, 288),
            _ when roll < 30 => rng.Between(4, 24),
            _ when roll < 70 => rng.Between(24, 72),
            _ when roll < 92 => rng.Between(72, 192),
            _ => rng.Between(192, 480),
        };
        return (int)(hours * MinutesPerHour * (bad ? 1.5m : 1m)) + rng.Between(0, 59);
    }

    private static void Surveys(DemoContext ctx, DemoUnit unit, Period month)
    {
        var rng = DemoRandom.Stream("surveys", unit.Code, month);
        var bad = ctx.IsBad(month);
        var days = DemoCalendar.OfficeDays(month);
        var stamp = month.FirstDay.ToString("yyyyMM");

        if (unit.CustomerSurveys > 0)
        {
            var drop = bad ? BadMonthCustomerDrop.GetValueOrDefault(unit.Code) : 0;
            var count = Math.Max(1, rng.Around(unit.CustomerSurveys, unit.CustomerSurveys * 0.3m));
            for (var i = 1; i <= count; i++)
            {
                ctx.Records.Add(new SurveyRecord($"S-{unit.Code}-{stamp}-C{i:00}", unit.Code, rng.Pick(days), SurveyType.Customer,
                    Score(rng, 91m - drop, 10m)));
            }
        }
        if (unit.CollaborationSurveys > 0)
        {
            var drop = bad ? BadMonthCollaborationDrop.GetValueOrDefault(unit.Code) : 0;
            var count = Math.Max(1, rng.Around(unit.CollaborationSurveys, 1.4m));
            for (var i = 1; i <= count; i++)
            {
                ctx.Records.Add(new SurveyRecord($"S-{unit.Code}-{stamp}-X{i:00}", unit.Code, rng.Pick(days), SurveyType.Collaboration,
                    Score(rng, 90m - drop, 8m)));
            }
        }
    }

    /// <summary>A whole-number score out of 100, as survey forms record them.</summary>
    private static decimal Score(Random rng, decimal mean, decimal spread) =>
        Math.Clamp(Math.Round(mean + rng.Jitter(spread), MidpointRounding.AwayFromZero), 55m, 100m);
}
