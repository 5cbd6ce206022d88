using System.ComponentModel.DataAnnotations;

namespace Kpi.Jobs.Appraisal;

/// <summary>The <c>Kpi:Appraisal</c> configuration section: when the daily reminder run happens.</summary>
public sealed class AppraisalOptions
{
    public const string Section = "Kpi:Appraisal";

    /// <summary>Whether reminders of pending self-assessments and reviews are given.</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>When the reminder run happens (cron, company time zone): daily at 08:00 by default.</summary>
    [Required] public string ReminderCron { get; set; } = "0 8 * * *";

    /// <summary>The language of reminder mails: <c>zh</c> (default) or <c>en</c>.</summary>
    [Required, RegularExpression("^(zh|en)$", ErrorMessage = "must be zh or en")] public string ReminderLanguage { get; set; } = "zh";
}
