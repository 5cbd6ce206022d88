namespace Kpi.Ingestion.Sources.Connectors;

/// <summary>The connectors this build knows, by name.</summary>
public sealed class SourceConnectors(IEnumerable<ISourceConnector> connectors)
{
    private readonly Dictionary<string, ISourceConnector> _byName = connectors.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public ISourceConnector? Find(string? name) => name is not null && _byName.TryGetValue(name, out var c) ? c : null;

    public ISourceConnector Get(string name) =>
        Find(name) ?? throw new SourceException($"'{name}' is not a connector this worker knows ({string.Join(", ", Names)}).");
}
