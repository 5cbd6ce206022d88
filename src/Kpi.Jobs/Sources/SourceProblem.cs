namespace Kpi.Jobs.Sources;

/// <summary>What is wrong with a source definition, and where: <c>options.url</c>, <c>schedule.cron</c>…</summary>
public sealed record SourceProblem(string Field, string Message);

/// <summary>
/// A source cannot be pulled at all (unreachable, refused credentials, a payload that is not what the options say).
/// Its message is the reason the run history shows, so it names what was asked and what came back.
/// </summary>
public sealed class SourceException(string message, Exception? inner = null) : Exception(message, inner);
