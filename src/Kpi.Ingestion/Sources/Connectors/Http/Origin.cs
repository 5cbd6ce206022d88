namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// Scheme, host and port of a URL, as browsers decide what a site may send where: <c>https://mes.example.com:443</c>.
/// A source's secrets go only to the origin of its <c>options.url</c>; <c>http</c> and <c>https</c> of one host are
/// two origins, so a redirect that drops TLS carries no secret either.
/// </summary>
internal readonly record struct Origin(string Scheme, string Host, int Port)
{
    public static Origin Of(Uri url) => new(url.Scheme.ToLowerInvariant(), url.IdnHost.TrimEnd('.').ToLowerInvariant(), url.Port);

    public override string ToString() => $"{Scheme}://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";
}
