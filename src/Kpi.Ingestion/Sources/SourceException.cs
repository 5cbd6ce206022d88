namespace Kpi.Ingestion.Sources;

/// <summary>
/// A source cannot be pulled at all (unreachable, refused credentials, a payload that is not what the options say).
/// Its message is the reason the run history shows, so it names what was asked and what came back.
/// </summary>
public sealed class SourceException(string message, Exception? inner = null) : Exception(message, inner);
