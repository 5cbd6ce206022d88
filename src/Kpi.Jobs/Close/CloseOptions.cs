using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Kpi.Jobs.Close;

/// <summary>
/// The <c>Kpi:Close</c> configuration section: when the monthly close runs by itself, how often closed periods are
/// checked for late data, and the company name for a tree with several roots.
/// </summary>
public sealed class CloseOptions : IValidatableObject
{
    public const string Section = "Kpi:Close";

    /// <summary>Close last month on <see cref="Day"/> at <see cref="Time"/> (company time zone) every month.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>The day of the next month the close runs on: late enough for the month's data to be in (1–28).</summary>
    [Range(1, 28)] public int Day { get; set; } = 3;

    /// <summary>The time of day (HH:mm, company time zone).</summary>
    [Required] public string Time { get; set; } = "06:00";

    /// <summary>How often closed periods are checked for records that arrived after their close (cron, company time zone).</summary>
    [Required] public string RestatementCheckCron { get; set; } = "*/15 * * * *";

    /// <summary>The company's name on reports when the org tree has several roots; with one root, the root's name is used.</summary>
    [Required] public string CompanyName { get; set; } = "Kpi";

    /// <summary>The recurring close as cron: minute, hour, day of month.</summary>
    public string CloseCron
    {
        get
        {
            var time = TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);
            return $"{time.Minute} {time.Hour} {Day} * *";
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!TimeOnly.TryParseExact(Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return new ValidationResult($"'{Time}' is not a time of day as HH:mm.", [nameof(Time)]);
    }
}
