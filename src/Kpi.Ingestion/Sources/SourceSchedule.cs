using Cronos;

namespace Kpi.Ingestion.Sources;

/// <summary>
/// When a source is pulled: a cron expression read the way Hangfire reads it (five fields, or six with seconds first;
/// macros such as <c>@hourly</c>) in an IANA time zone, by default the company's.
/// </summary>
public static class SourceSchedule
{
    public static bool TryParseCron(string? cron, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(cron))
        {
            error = "is required, e.g. \"*/15 * * * *\" (every 15 minutes) or \"0 2 * * *\" (02:00 daily)";
            return false;
        }
        var fields = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            CronExpression.Parse(cron.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException e)
        {
            error = $"'{cron}' is not a cron expression: {e.Message}";
            return false;
        }
    }

    public static bool TryFindZone(string id, out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // The company zone resolves even without time-zone data (Asia/Shanghai has no daylight saving since 1991).
            zone = id == Domain.Periods.CompanyTimeZone.DefaultId ? Domain.Periods.CompanyTimeZone.Default.Zone : null;
            return zone is not null;
        }
    }
}
