using Kpi.Domain;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kpi.Domain.Records;
using Kpi.Ingestion.Sources.Connectors;
using Kpi.Storage.Sources;

namespace Kpi.Ingestion.Sources;

/// <summary>A source as an admin defines it (<c>PUT /api/sources/{name}</c>); connector options are the connector's own document.</summary>
public sealed record SourceRequest(string? Kind, string? Connector, ScheduleRequest? Schedule, RetryRequest? Retry, bool? Enabled, JsonObject? Options);

/// <param name="Cron">Five fields (or six with seconds first), as Hangfire reads them.</param>
/// <param name="TimeZone">IANA id; the company time zone when omitted.</param>
public sealed record ScheduleRequest(string? Cron, string? TimeZone);

/// <param name="Attempts">Further attempts after a failed run (0–10; default 3).</param>
/// <param name="DelaySeconds">The wait before the first retry, doubled for each next one (1–86,400; default 60).</param>
public sealed record RetryRequest(int? Attempts, int? DelaySeconds);

/// <summary>Validates a <see cref="SourceRequest"/> into a <see cref="SourceEntity"/>, naming every field that is wrong.</summary>
public static partial class SourceDefinitions
{
    public const int DefaultRetryAttempts = 3;
    public const int DefaultRetryDelaySeconds = 60;

    /// <summary>Lower-case letters, digits and '-': safe in URLs, folder names and Hangfire recurring-job ids.</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= SourceEntity.MaxNameLength } && NamePattern().IsMatch(name);

    /// <summary>The Hangfire recurring-job id of a source.</summary>
    public static string RecurringJobId(string name) => $"source:{name}";

    /// <summary>
    /// Fills <paramref name="target"/> from the request (a new entity, or the stored one whose secrets masked values
    /// keep); returns the problems, empty when the definition is valid.
    /// </summary>
    public static List<FieldError> Apply(SourceEntity target, SourceRequest request, SourceConnectors connectors, string companyTimeZone)
    {
        var problems = new List<FieldError>();
        if (!IsValidName(target.Name))
            problems.Add(new("name", $"must be 1–{SourceEntity.MaxNameLength} lower-case letters, digits or '-', starting with a letter or digit"));

        if (!RecordKinds.TryParse(request.Kind, out _))
            problems.Add(new("kind", $"must be one of {string.Join(", ", RecordKinds.All.Select(k => k.Name()))}"));

        var connector = connectors.Find(request.Connector);
        if (connector is null) problems.Add(new("connector", $"must be one of {string.Join(", ", connectors.Names)}"));

        if (!SourceSchedule.TryParseCron(request.Schedule?.Cron, out var cronError)) problems.Add(new("schedule.cron", cronError!));
        var zone = request.Schedule?.TimeZone is { Length: > 0 } z ? z : companyTimeZone;
        if (!SourceSchedule.TryFindZone(zone, out _)) problems.Add(new("schedule.time_zone", $"'{zone}' is not a known IANA time zone"));

        var attempts = request.Retry?.Attempts ?? DefaultRetryAttempts;
        if (attempts is < 0 or > 10) problems.Add(new("retry.attempts", "must be 0–10"));
        var delay = request.Retry?.DelaySeconds ?? DefaultRetryDelaySeconds;
        if (delay is < 1 or > 86_400) problems.Add(new("retry.delay_seconds", "must be 1–86400"));

        // Secrets are kept only from the same connector: switching connectors must not carry a password across.
        var stored = connector is not null && target.Connector == connector.Name ? target.Options : null;
        var options = connector?.Prepare(request.Options, stored, problems);
        if (problems.Count > 0) return problems;

        target.Kind = request.Kind!;
        target.Connector = connector!.Name;
        target.Cron = request.Schedule!.Cron!.Trim();
        target.TimeZone = zone;
        target.RetryAttempts = attempts;
        target.RetryDelaySeconds = delay;
        target.Enabled = request.Enabled ?? true;
        target.Options = options!.ToJsonString(SourceJson.Options);
        return problems;
    }

    /// <summary>The stored options as the API shows them: secrets masked.</summary>
    public static JsonObject Describe(SourceEntity source, SourceConnectors connectors) =>
        connectors.Find(source.Connector)?.Describe(source.Options) ?? JsonNode.Parse("{}")!.AsObject();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();
}
