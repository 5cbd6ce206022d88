namespace Kpi.Domain.Periods;

/// <summary>
/// The company's time zone, which decides on which local day — and so in which period — an instant falls.
/// A ticket opened at <c>2026-10-31T17:30:00Z</c> is opened on 2026-11-01 in Asia/Shanghai and belongs to November.
/// All instants in the domain are UTC <see cref="DateTime"/>s (<see cref="DateTimeKind.Utc"/>).
/// </summary>
public sealed class CompanyTimeZone
{
    public const string DefaultId = "Asia/Shanghai";

    public CompanyTimeZone(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    public string Id => Zone.Id;

    public static CompanyTimeZone Default { get; } = FromId(DefaultId);

    /// <summary>
    /// Resolves an IANA id. China has kept UTC+8 without daylight saving since 1991, so Asia/Shanghai still works
    /// on a machine without time-zone data.
    /// </summary>
    public static CompanyTimeZone FromId(string id)
    {
        try
        {
            return new CompanyTimeZone(TimeZoneInfo.FindSystemTimeZoneById(id));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (id == DefaultId)
                return new CompanyTimeZone(TimeZoneInfo.CreateCustomTimeZone(DefaultId, TimeSpan.FromHours(8), DefaultId, "China Standard Time"));
            throw new DomainException($"Unknown time zone '{id}'.", "time_zone");
        }
    }

    /// <summary>The local calendar day of a UTC instant.</summary>
    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(EnsureUtc(utc), Zone));

    /// <summary>The month period an instant falls in.</summary>
    public Period MonthOf(DateTime utc) => Period.MonthOf(LocalDate(utc));

    /// <summary>The UTC instant at which a local day starts.</summary>
    public DateTime StartOfDay(DateOnly day) => LocalToUtc(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>Interprets a wall-clock time in the company zone as a UTC instant.</summary>
    public DateTime LocalToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A wall-clock time skipped by a DST jump does not exist; take the instant an hour later, as clocks do.
        if (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>The half-open UTC range [start, end) of a period: start is its first instant, end the first instant after it.</summary>
    public (DateTime Start, DateTime End) Bounds(Period period) => (StartOfDay(period.FirstDay), StartOfDay(period.DayAfter));

    public bool Contains(Period period, DateTime utc)
    {
        var (start, end) = Bounds(period);
        var t = EnsureUtc(utc);
        return t >= start && t < end;
    }

    private static DateTime EnsureUtc(DateTime t) =>
        t.Kind == DateTimeKind.Utc ? t : throw new ArgumentException("Instants must be UTC DateTimes.", nameof(t));
}
