using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Delivery.Mail;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Delivery;

/// <summary>
/// How mail leaves (admin only): <c>GET /api/mail/smtp</c> says whether stored settings, <c>Kpi:Mail:Smtp</c> or the
/// pickup folder is used (the password never shown); <c>PUT</c> stores SMTP settings with the password encrypted at rest
/// (Data Protection, as source secrets), <c>DELETE</c> returns to the configuration. Both audited.
/// </summary>
public static class MailSettingsApi
{
    public static IEndpointRouteBuilder MapMailSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mail/smtp").WithTags("Delivery").RequireAuthorization(AuthHosting.Admin);
        group.MapGet("/", Get).WithSummary("How mail leaves: stored SMTP settings, Kpi:Mail:Smtp or the pickup folder; never the password (admin)");
        group.MapPut("/", Put).WithSummary("Store the SMTP settings, the password encrypted at rest (admin)")
            .WithDescription("400 names every wrong field (host, port, security, user, password). Audited, without the password.");
        group.MapDelete("/", Delete).WithSummary("Forget the stored SMTP settings and go back to the configuration (admin)")
            .WithDescription("404 when no settings are stored. Audited.");
        return app;
    }

    public static async Task<Ok<SmtpSettingsView>> Get(SmtpSettingsStore store, CancellationToken ct) => TypedResults.Ok(await store.DescribeAsync(ct));

    public static async Task<Results<Ok<SmtpSettingsView>, ProblemHttpResult>> Put(
        SmtpSettingsRequest? request, SmtpSettingsStore store, HttpContext http, CancellationToken ct)
    {
        if (request is null) return Problems.Invalid("body", "SMTP settings are required: {\"host\",\"port\",\"security\",\"user\",\"password\"}");
        var (problems, stored) = await store.SaveAsync(request, Caller.From(http.User).Name, ct);
        if (problems.Count > 0) return Problems.Invalid(problems, "The SMTP settings are not valid");
        return TypedResults.Ok(stored!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(SmtpSettingsStore store, HttpContext http, CancellationToken ct) =>
        await store.DeleteAsync(Caller.From(http.User).Name, ct) ? TypedResults.NoContent() : Problems.NotFound("No SMTP settings are stored.");
}
