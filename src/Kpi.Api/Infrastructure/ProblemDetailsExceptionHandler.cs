using Kpi.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// Turns a broken domain invariant into a 400 ProblemDetails that names the field. Expected outcomes never get
/// here: endpoints return them as typed results. Anything else stays a 500 from the default handler.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not DomainException domain) return false;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request breaks a rule",
            Detail = domain.Message,
        };
        if (domain.Field is not null) details.Extensions["field"] = domain.Field;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
