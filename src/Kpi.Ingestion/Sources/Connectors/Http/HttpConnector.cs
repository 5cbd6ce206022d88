using Kpi.Domain.Records;
using Kpi.Domain;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>
/// GETs JSON pages from a source system's API and imports every record of a pull in one transaction, streaming:
/// pages are fetched as the importer asks for rows, so memory holds about one page whatever the pull's size. The
/// watermark (the largest <c>watermark.field</c> seen) is committed with the records. Secrets are stored encrypted,
/// go only to the origin of <c>options.url</c>, and connections go only where <see cref="SourceAddressPolicy"/> allows.
/// </summary>
public sealed class HttpConnector : ISourceConnector, IDisposable
{
    private readonly SourceSecrets _secrets;
    private readonly SourceOptions _settings;
    private readonly SourceAddressPolicy _policy;
    private readonly SocketsHttpHandler _handler;

    public HttpConnector(SourceSecrets secrets, IOptions<SourceOptions> settings)
    {
        _secrets = secrets;
        _settings = settings.Value;
        _policy = new SourceAddressPolicy(_settings);
        // One handler for every pull: connections are reused and DNS changes are picked up every few minutes.
        _handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = _policy.ConnectAsync,
            // The connection goes to the address the policy checked, never to a proxy that would resolve the name again.
            UseProxy = false,
            // Followed by the pull, which decides per hop whether the secrets go along.
            AllowAutoRedirect = false,
            // Decompressed by PageBody, which counts both sides to cap a page.
            AutomaticDecompression = DecompressionMethods.None,
            // A cookie one source's server set must not ride along with another source's requests.
            UseCookies = false,
        };
    }

    public string Name => "http";

    public JsonObject? Prepare(JsonObject? options, string? stored, List<FieldError> problems)
    {
        var o = SourceJson.Read<HttpOptions>(options, problems);
        if (o is null) return null;
        o.Validate(problems);
        var url = Uri.TryCreate(o.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;
        if (url is not null) _policy.Check(url, "options.url", problems);
        var kept = stored is null ? null : SourceJson.Parse<HttpOptions>(stored);
        var keptOrigin = Uri.TryCreate(kept?.Url, UriKind.Absolute, out var k) ? Origin.Of(k) : (Origin?)null;
        var sameOrigin = url is not null && keptOrigin == Origin.Of(url);
        Keep(o.SecretHeaders, kept?.SecretHeaders, SourceSecrets.HttpHeaderPurpose, "options.secret_headers");
        Keep(o.SecretQuery, kept?.SecretQuery, SourceSecrets.HttpQueryPurpose, "options.secret_query");
        return problems.Count > 0 ? null : SourceJson.Write(o);

        // A secret sent back as the mask keeps the one stored under the same name, for the same origin only; any other is encrypted.
        void Keep(Dictionary<string, string> given, Dictionary<string, string>? stored, string purpose, string field)
        {
            foreach (var (name, value) in given.ToList())
            {
                if (value != SourceJson.Mask) given[name] = _secrets.Protect(purpose, value);
                else if (stored?.TryGetValue(name, out var secret) != true)
                    problems.Add(new($"{field}.{name}", $"give the value: '{SourceJson.Mask}' only keeps a value stored before"));
                else if (!sameOrigin)
                    problems.Add(new($"{field}.{name}", $"send the secret again for the new host: '{SourceJson.Mask}' keeps a secret only for {keptOrigin}, "
                                                        + "where it was sent before"));
                else given[name] = _secrets.ProtectStored(purpose, secret!);
            }
        }
    }

    public JsonObject Describe(string stored)
    {
        var o = SourceJson.Parse<HttpOptions>(stored);
        o.SecretHeaders = o.SecretHeaders.ToDictionary(h => h.Key, _ => SourceJson.Mask);
        o.SecretQuery = o.SecretQuery.ToDictionary(q => q.Key, _ => SourceJson.Mask);
        // Definitions saved before credential-like names were refused in the URL and headers: never show those values.
        o.Headers = o.Headers.ToDictionary(h => h.Key, h => CredentialNames.LooksSecret(h.Key) ? SourceJson.Mask : h.Value);
        if (Uri.TryCreate(o.Url, UriKind.Absolute, out var url)) o.Url = MaskQuery(o.Url!, url, (name, _) => CredentialNames.LooksSecret(name));
        return SourceJson.Write(o);
    }

    public string ProtectSecrets(string stored)
    {
        var o = SourceJson.Parse<HttpOptions>(stored);
        if (o.SecretHeaders.Values.Concat(o.SecretQuery.Values).All(SourceSecrets.IsProtected)) return stored;
        o.SecretHeaders = o.SecretHeaders.ToDictionary(h => h.Key, h => _secrets.ProtectStored(SourceSecrets.HttpHeaderPurpose, h.Value));
        o.SecretQuery = o.SecretQuery.ToDictionary(q => q.Key, q => _secrets.ProtectStored(SourceSecrets.HttpQueryPurpose, q.Value));
        return SourceJson.Write(o).ToJsonString(SourceJson.Options);
    }

    public IReadOnlyCollection<string> Secrets(string stored)
    {
        try
        {
            var o = Revealed(stored);
            // "Bearer eyJ…": a server echoing the token alone must not show it either.
            return [.. o.SecretHeaders.Values.Concat(o.SecretQuery.Values)
                .SelectMany(v => v.IndexOf(' ') > 0 ? new[] { v, v[(v.IndexOf(' ') + 1)..].Trim() } : [v])];
        }
        catch (SourceException)
        {
            return [];
        }
    }

    public async Task RunAsync(SourceRunContext context, CancellationToken ct)
    {
        var options = Revealed(context.Source.Options);
        using var client = new HttpClient(_handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
        var pull = new HttpPull(client, options, _settings, context.Kind.Columns(), context.Watermark?.Value ?? options.Watermark?.Initial, ct);
        // The first page is fetched before the import starts: an unreachable server or refused credentials fail the
        // run without leaving an empty import behind.
        var first = await pull.FetchFirstAsync();
        await context.ImportAsync(pull.Rows(first), null, () => pull.Reached, ct);
        context.Run.Batches = pull.Pages;
    }

    /// <summary>The stored options with their secrets decrypted, for one run, in memory only.</summary>
    private HttpOptions Revealed(string stored)
    {
        var o = SourceJson.Parse<HttpOptions>(stored);
        o.SecretHeaders = o.SecretHeaders.ToDictionary(h => h.Key, h => _secrets.Reveal(SourceSecrets.HttpHeaderPurpose, h.Value, $"options.secret_headers.{h.Key}"));
        o.SecretQuery = o.SecretQuery.ToDictionary(q => q.Key, q => _secrets.Reveal(SourceSecrets.HttpQueryPurpose, q.Value, $"options.secret_query.{q.Key}"));
        return o;
    }

    /// <summary>
    /// The URL with the values of the query parameters <paramref name="secret"/> picks written as the mask; <paramref name="text"/>
    /// as it is when there are none.
    /// </summary>
    internal static string MaskQuery(string text, Uri url, Func<string, string?, bool> secret)
    {
        if (url.Query.Length == 0) return text;
        var query = QueryHelpers.ParseQuery(url.Query);
        if (!query.Any(p => p.Value.Any(v => secret(p.Key, v)))) return text;
        var shown = query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, secret(p.Key, v) ? SourceJson.Mask : v)));
        return QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), shown) + url.Fragment;
    }

    public void Dispose() => _handler.Dispose();
}
