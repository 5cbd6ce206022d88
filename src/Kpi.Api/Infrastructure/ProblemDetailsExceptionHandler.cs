using System.Text.RegularExpressions;
using Kpi.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// Turns a broken domain invariant, or a request the framework could not read (a parameter that does not bind, a body
/// that is not JSON of the expected shape, the wrong content type, an oversize body), into a ProblemDetails with a
/// detail, and for a 400 the one shape of <see cref="Problems"/> naming the field. Expected outcomes never get here:
/// endpoints return them as typed results. Anything else stays a 500 from the default handler.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, error) = exception switch
        {
            DomainException d => (StatusCodes.Status400BadRequest, new FieldError(d.Field ?? "body", d.Message)),
            BadHttpRequestException b => (b.StatusCode, new FieldError(FieldOf(b), Reason(b))),
            _ => (0, null),
        };
        if (error is null) return false;
        context.Response.StatusCode = status;
        var details = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Payload too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                _ => "The request is not valid",
            },
            Detail = $"{error.Field}: {error.Reason}",
        };
        if (status == StatusCodes.Status400BadRequest)
            foreach (var (key, value) in Problems.Extensions([error])) details.Extensions[key] = value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The parameter a binding failure names (<c>Failed to bind parameter "int? version" from "9999999999".</c>), else the body.</summary>
    private static string FieldOf(BadHttpRequestException e) =>
        BoundParameter().Match(e.Message) is { Success: true } m ? SnakeCase(m.Groups["name"].Value) : "body";

    private static string Reason(BadHttpRequestException e) => e.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => "send the body as application/json",
        _ when BoundParameter().Match(e.Message) is { Success: true } m => $"'{m.Groups["value"].Value}' is not a {m.Groups["type"].Value.TrimEnd('?')}",
        _ => e.InnerException?.Message ?? e.Message,
    };

    private static string SnakeCase(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    [GeneratedRegex("""Failed to bind parameter "(?<type>[^ "]+) (?<name>[^"]+)" from "(?<value>[^"]{0,100})""")]
    private static partial Regex BoundParameter();
}
