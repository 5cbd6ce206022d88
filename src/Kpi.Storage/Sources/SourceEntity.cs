namespace Kpi.Storage.Sources;

/// <summary>
/// A source system Kpi pulls from on a schedule: which record kind it delivers, through which connector, when, and
/// the connector's options. <see cref="Options"/> is the connector's JSON document as the admin gave it, its secrets
/// encrypted (<c>protected:v1:…</c>, ASP.NET Core Data Protection; rows saved before that hold them in plain text until
/// their next run or save); the API never returns them (the connectors mask them).
/// </summary>
public sealed class SourceEntity
{
    public const int MaxNameLength = 64;

    public int Id { get; set; }
    /// <summary>The source's key in URLs, inbox folders and recurring-job ids: lower-case letters, digits and '-'.</summary>
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary><c>inbox</c>, <c>http</c> or <c>sql</c>.</summary>
    public string Connector { get; set; } = "";
    public string Cron { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public bool Enabled { get; set; } = true;
    /// <summary>Further attempts after a failed run, each <see cref="RetryDelaySeconds"/> × 2^(attempt−1) later.</summary>
    public int RetryAttempts { get; set; }
    public int RetryDelaySeconds { get; set; }
    public string Options { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
