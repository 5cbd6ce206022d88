using Kpi.Domain;

namespace Kpi.Ingestion.Sources.Connectors.Http;

/// <summary>Options of the <c>http</c> connector: where to GET JSON pages, how to page, and which parameter carries the watermark.</summary>
public sealed class HttpOptions
{
    /// <summary>
    /// The first page's absolute http(s) URL; it may carry fixed query parameters, shown by the API. Credentials go in
    /// <see cref="SecretHeaders"/> or <see cref="SecretQuery"/>, never in the URL: a query parameter named like one
    /// (<c>token</c>, <c>api_key</c>, <c>sig</c>…) is refused. Its origin (scheme, host, port) is the only one the
    /// secrets are sent to.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>Headers sent with every request, to any host, and shown by the API; a name like a credential's (<c>Authorization</c>, <c>X-Api-Key</c>) is refused.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>
    /// Headers sent with every request to the origin of <see cref="Url"/> and never shown (tokens, keys): the API
    /// returns <c>********</c> for their values, and they are stored encrypted.
    /// </summary>
    public Dictionary<string, string> SecretHeaders { get; set; } = [];

    /// <summary>
    /// Query parameters sent with every request to the origin of <see cref="Url"/> and never shown (<c>api_key=…</c>
    /// style APIs): added to any page URL of that origin that lacks them, taken out of any other, written as
    /// <c>********</c> in the API, in run errors and in logs, and stored encrypted.
    /// </summary>
    public Dictionary<string, string> SecretQuery { get; set; } = [];

    /// <summary>
    /// Dot-separated path of the array of records in each page (<c>items</c>, <c>data.rows</c>); empty when the
    /// page itself is the array.
    /// </summary>
    public string? ItemsPath { get; set; } = "items";

    public HttpPaging Paging { get; set; } = new();

    /// <summary>The incremental pull; without it every run reads everything (still safe: records merge by record_id).</summary>
    public HttpWatermark? Watermark { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Further tries of a request that failed transiently (network error, timeout, 408, 429, 5xx), 0.5 s, 1 s, 2 s… apart.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>A guard against a server whose next link never ends.</summary>
    public int MaxPages { get; set; } = 100_000;

    /// <summary>Redirects followed for one page; more fail the run.</summary>
    public const int MaxRedirects = 10;

    public void Validate(List<FieldError> problems)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problems.Add(new("options.url", "must be an absolute http or https URL"));
        else if (uri.UserInfo.Length > 0)
            problems.Add(new("options.url", "must not carry credentials (user:password@): the API shows the URL; put them in secret_headers or secret_query"));
        else
        {
            foreach (var name in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).Keys.Where(CredentialNames.LooksSecret))
                problems.Add(new("options.url", $"must not carry the query parameter '{name}', which looks like a credential: the API shows the URL; put it in secret_query"));
        }
        foreach (var name in SecretQuery.Keys)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c is '&' or '=' or '#' || c > '~'))
                problems.Add(new($"options.secret_query.{name}", "is not a valid query parameter name"));
        }
        foreach (var name in Headers.Keys.Concat(SecretHeaders.Keys))
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c == ':' || c > '~'))
                problems.Add(new($"options.headers.{name}", "is not a valid header name"));
        }
        foreach (var (name, value) in Headers.Concat(SecretHeaders))
        {
            if (value.Any(c => c is '\r' or '\n')) problems.Add(new($"options.headers.{name}", "must be one line"));
        }
        foreach (var name in Headers.Keys.Where(CredentialNames.LooksSecret))
            problems.Add(new($"options.headers.{name}", "looks like a credential: headers are shown by the API; put it in secret_headers"));
        if (Paging.Mode is not (HttpPagingMode.NextLink or HttpPagingMode.PageNumber or HttpPagingMode.None))
            problems.Add(new("options.paging.mode", "must be next_link, page_number or none"));
        if (Paging.Mode == HttpPagingMode.NextLink && string.IsNullOrWhiteSpace(Paging.NextPath))
            problems.Add(new("options.paging.next_path", "is required for next_link paging"));
        if (Paging.Mode == HttpPagingMode.NextLink && string.IsNullOrWhiteSpace(ItemsPath))
            problems.Add(new("options.items_path", "is required for next_link paging: the page is an object holding the items and the next link"));
        if (Paging.Mode == HttpPagingMode.PageNumber && string.IsNullOrWhiteSpace(Paging.PageParameter))
            problems.Add(new("options.paging.page_parameter", "is required for page_number paging"));
        if (Paging.PageSize is < 1 or > 100_000) problems.Add(new("options.paging.page_size", "must be 1–100000"));
        if (Paging.PageSize is not null && string.IsNullOrWhiteSpace(Paging.PageSizeParameter))
            problems.Add(new("options.paging.page_size_parameter", "is required with page_size"));
        if (Watermark is { } w)
        {
            if (string.IsNullOrWhiteSpace(w.Parameter)) problems.Add(new("options.watermark.parameter", "is required"));
            if (string.IsNullOrWhiteSpace(w.Field)) problems.Add(new("options.watermark.field", "is required"));
        }
        if (TimeoutSeconds is < 1 or > 3600) problems.Add(new("options.timeout_seconds", "must be 1–3600"));
        if (Retries is < 0 or > 10) problems.Add(new("options.retries", "must be 0–10"));
        if (MaxPages is < 1 or > 10_000_000) problems.Add(new("options.max_pages", "must be 1–10000000"));
    }
}

public enum HttpPagingMode { NextLink, PageNumber, None }

/// <summary>
/// <c>next_link</c>: each page names the next one's URL at <see cref="NextPath"/> (absolute or relative; null or absent
/// on the last page). <c>page_number</c>: <see cref="PageParameter"/> counts up from <see cref="FirstPage"/> until a page
/// comes back empty (or shorter than <see cref="PageSize"/>). <c>none</c>: one response holds everything.
/// </summary>
public sealed class HttpPaging
{
    public HttpPagingMode Mode { get; set; } = HttpPagingMode.NextLink;
    public string? NextPath { get; set; } = "next";
    public string? PageParameter { get; set; } = "page";
    public int FirstPage { get; set; } = 1;
    public string? PageSizeParameter { get; set; }
    public int? PageSize { get; set; }
}

/// <summary>
/// The first request carries <c>{parameter}={watermark}</c>; the watermark is the largest <see cref="Field"/> among
/// the records committed so far (or <see cref="Initial"/> before the first pull). The server is expected to return
/// records changed at or after it.
/// </summary>
public sealed class HttpWatermark
{
    public string Parameter { get; set; } = "updated_since";
    public string Field { get; set; } = "updated_at";
    public string? Initial { get; set; }
}
