namespace Kpi.Reporting.Models;

/// <summary>The language of a report's labels and metric names, chosen per request or subscription.</summary>
public enum ReportLanguage
{
    Zh,
    En,
}

public static class ReportLanguages
{
    /// <summary>The code the domain uses (<see cref="Kpi.Domain.Metrics.MetricDefinition.Name"/>): "zh" or "en".</summary>
    public static string Code(this ReportLanguage language) => language == ReportLanguage.En ? "en" : "zh";

    public static bool TryParse(string? code, out ReportLanguage language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "zh" or "zh-cn" or "zh-hans":
                language = ReportLanguage.Zh;
                return true;
            case "en" or "en-us" or "en-gb":
                language = ReportLanguage.En;
                return true;
            default:
                language = ReportLanguage.Zh;
                return false;
        }
    }
}
