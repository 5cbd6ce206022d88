using Hangfire;
using Kpi.Domain.Periods;
using Kpi.Jobs.Hosting;
using Kpi.Jobs.Packs;
using Kpi.Storage;
using Kpi.Storage.Close;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Close;

/// <summary>
/// The monthly close of one period: freeze every department's card (a new version only where numbers changed), then
/// fan out one pack job per department whose latest version lacks its packs, and the executive summary after them
/// all (<see cref="CloseProgress"/>). Reentrant: running it again without new data writes nothing and renders nothing.
/// </summary>
public sealed class CloseJob(KpiDbContext db, CloseProgress progress, MonthlyClose close, CompanyTimeZone zone, TimeProvider clock,
    IOptions<CloseOptions> options, ILogger<CloseJob> log)
{
    public const string ManualTrigger = "close";
    public const string ScheduleTrigger = "schedule";
    public const string RestatementTrigger = "restatement";

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string period, string trigger, string actor, CancellationToken ct)
    {
        var month = Period.Parse(period);
        // Whole seconds: the freeze time is printed in packs and must read back from either database exactly as written.
        var now = TruncateToSeconds(clock.GetUtcNow().UtcDateTime);
        FreezeOutcome outcome;
        try
        {
            // A retry after a failure: the month is being closed again, not failed.
            await progress.RetryingAsync(period, ct);
            outcome = await Freezer.FreezeAsync(db, month, trigger, actor, options.Value.CompanyName, zone, now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cause, not its outermost wrapper: EF Core reports a lost database connection as "likely due to a
            // transient failure", and only the inner exceptions say what happened.
            var reason = CloseFailedException.Describe(e);
            db.ChangeTracker.Clear();
            if (!await progress.FailAsync(period, reason, ct))
                log.LogWarning("The close of {Period} failed ({Reason}) and the failure could not be recorded: the database did not answer", period, reason);
            throw new CloseFailedException($"The close of {period} failed: {reason}", e);
        }
        log.LogInformation("Froze {Period} ({Trigger}): revision {Revision}, {Versions} new versions", period, trigger, outcome.Close.Revision,
            outcome.Created.Count);
        db.ChangeTracker.Clear();
        await progress.FanOutAsync(period, ct);
    }

    /// <summary>The recurring close: asks for the close of last month, as of now in the company time zone.</summary>
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3)]
    public async Task CloseLastMonthAsync(CancellationToken ct)
    {
        var month = zone.MonthOf(clock.GetUtcNow().UtcDateTime).Previous;
        var request = await close.RequestAsync(month, ScheduleTrigger, ScheduleTrigger, ct);
        if (!request.Accepted) log.LogWarning("The scheduled close of {Period} was not started: {Reason}", month, request.Refusal);
    }

    private static DateTime TruncateToSeconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
