using System.Diagnostics;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Storage;
using Kpi.Storage.Bulk;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Benchmarks.Scale;

/// <summary>
/// Fills a store with <c>--rows</c> records (default 10M: production 30 %, hours 30 %, tickets 20 %, deliveries 10 %,
/// inspections 10 %) over 200 departments (a root, 10 divisions of 19 workshops) and 36 months, then times all metric
/// values of one department-month — a workshop, a division and the whole company. Target: ≤ 0.5 s on PostgreSQL.
/// </summary>
internal static class MetricScale
{
    private const int Months = 36;
    private const int BatchSize = 100_000;
    private const int Repeats = 15;

    public static async Task RunAsync(ScaleCommand.Options options)
    {
        foreach (var provider in options.Providers.Where(p => p == DatabaseProvider.Postgres || options.Providers.Count == 1))
        {
            var connection = await options.NewDatabaseAsync(provider, "metrics");
            var workshops = await CreateOrganisation(provider, connection);
            await ScaleCommand.Time(() => Fill(provider, connection, workshops, options.Rows),
                (rows, elapsed) => ScaleCommand.Row("fill the store", provider, rows, elapsed));

            var period = Period.Month(2026, 6);
            await Measure(provider, connection, "metrics of a workshop-month", workshops[0], period);
            await Measure(provider, connection, "metrics of a division-month (20 departments)", "DIV00", period);
            await Measure(provider, connection, "metrics of the company-month (200 departments)", "ROOT", period);
            await Measure(provider, connection, "metrics of the company-year (200 departments)", "ROOT", Period.OfYear(2025));
        }
    }

    internal static async Task<List<string>> CreateOrganisation(DatabaseProvider provider, string connection)
    {
        await using var db = StorageServices.Create(provider, connection);
        return (await ScaleCompany.CreateAsync(db, DateTime.UtcNow)).Workshops;
    }

    /// <summary>The store every 10M-record scenario reads (also `scale portal`): <paramref name="rows"/> records over the workshops and the 36 months from January 2024, in random physical order.</summary>
    internal static async Task<long> Fill(DatabaseProvider provider, string connection, List<string> workshops, long rows)
    {
        await using var db = StorageServices.Create(provider, connection);
        var org = await db.LoadOrganisationAsync();
        var first = new DateOnly(2024, 1, 1);
        var zone = CompanyTimeZone.Default;
        var rng = new Random(42);
        long written = 0;
        (RecordKind Kind, double Share)[] mix = [(RecordKind.Production, 0.3), (RecordKind.Hours, 0.3), (RecordKind.Tickets, 0.2), (RecordKind.Deliveries, 0.1), (RecordKind.Inspections, 0.1)];
        foreach (var (kind, share) in mix)
        {
            var count = (long)(rows * share);
            for (long start = 0; start < count; start += BatchSize)
            {
                var batch = new List<SourceRecord>(BatchSize);
                for (var i = start; i < Math.Min(count, start + BatchSize); i++)
                {
                    var dept = workshops[(int)(i % workshops.Count)];
                    var day = first.AddDays(rng.Next(Months * 365 / 12));
                    var id = $"{kind}-{i}";
                    batch.Add(kind switch
                    {
                        RecordKind.Production => new ProductionRecord(id, dept, day, 100 + rng.Next(50), 95 + rng.Next(60)),
                        RecordKind.Hours => new HoursRecord(id, dept, day, 8 * (1 + rng.Next(20))),
                        RecordKind.Tickets => Ticket(id, dept, zone.StartOfDay(day).AddMinutes(rng.Next(1440)), rng),
                        RecordKind.Deliveries => new DeliveryRecord(id, dept, $"SO{i}", day, rng.Next(10) == 0 ? null : day.AddDays(rng.Next(-3, 3))),
                        _ => new InspectionRecord(id, dept, day, 1000, 950 + rng.Next(51)),
                    });
                }
                await using var tx = await db.Database.BeginTransactionAsync();
                written += (await db.MergeRecordsAsync(kind, batch, org.IdOf, DateTime.UtcNow, null)).Inserted;
                await tx.CommitAsync();
                db.ChangeTracker.Clear();
            }
        }
        if (provider == DatabaseProvider.Postgres) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        else await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return written;
    }

    private static TicketRecord Ticket(string id, string dept, DateTime opened, Random rng) =>
        new(id, dept, rng.Next(4) == 0 ? TicketKind.Complaint : TicketKind.Inquiry, opened,
            rng.Next(8) == 0 ? null : opened.AddHours(rng.Next(72)), rng.Next(3) == 0 ? null : opened.AddDays(rng.Next(20)));

    /// <summary>The records the values were computed from, each counted once: production, hours, deliveries, inspections and tickets (the kinds filled).</summary>
    internal static long RecordsRead(IReadOnlyList<Kpi.Domain.Metrics.MetricValue> values) =>
        values.Where(v => v.Metric is "plan_completion" or "on_time_delivery" or "quality_pass" or "callback_48h").Sum(v => v.Records)
        + values.Single(v => v.Metric == "labour_productivity").Records - values.Single(v => v.Metric == "plan_completion").Records;

    /// <summary>The median of repeated runs on a warm connection pool, each on a fresh context as a request would have.</summary>
    private static async Task Measure(DatabaseProvider provider, string connection, string scenario, string department, Period period)
    {
        var times = new List<TimeSpan>();
        long records = 0;
        for (var i = 0; i < Repeats; i++)
        {
            await using var db = StorageServices.Create(provider, connection);
            var clock = Stopwatch.StartNew();
            var org = await db.LoadOrganisationAsync();
            var values = await db.MetricValuesAsync(org, department, period, CompanyTimeZone.Default);
            times.Add(clock.Elapsed);
            records = RecordsRead(values);
        }
        times.Sort();
        var p50 = times[times.Count / 2];
        Console.WriteLine($"| {scenario} {period} | {provider} | {records:N0} | {p50.TotalSeconds:F3} | — | p50 of {Repeats}, max {times[^1].TotalSeconds:F3} s |");
    }
}
