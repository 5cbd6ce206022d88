using Kpi.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// Turns a broken domain invariant, or a request body the framework could not read, into the one 400 shape of
/// <see cref="Problems"/>. Expected outcomes never get here: endpoints return them as typed results. Anything else
/// stays a 500 from the default handler.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, error) = exception switch
        {
            DomainException d => (StatusCodes.Status400BadRequest, new FieldError(d.Field ?? "body", d.Message)),
            // A body that is not JSON of the expected shape, a missing body, an oversize body.
            BadHttpRequestException b => (b.StatusCode, new FieldError("body", b.InnerException?.Message ?? b.Message)),
            _ => (0, null),
        };
        if (error is null) return false;
        context.Response.StatusCode = status;
        var details = new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "The request is not valid",
            Detail = $"{error.Field}: {error.Reason}",
        };
        if (status == StatusCodes.Status400BadRequest)
            foreach (var (key, value) in Problems.Extensions([error])) details.Extensions[key] = value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
