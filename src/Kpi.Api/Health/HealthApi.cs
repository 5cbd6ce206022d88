using Kpi.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kpi.Api.Health;

/// <summary><c>GET /health</c>: 200 when the database answers; open to anyone, reveals nothing else.</summary>
public static class HealthApi
{
    public sealed record HealthResponse(string Status, string Database);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth).AllowAnonymous().WithTags("Health")
            .WithSummary("Whether the service and its database answer (no sign-in needed)")
            .WithDescription("200 with the database provider when the database answers, 503 when it does not.");
        return app;
    }

    public static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetHealth(KpiDbContext db, CancellationToken ct)
    {
        var provider = db.Provider.ToString().ToLowerInvariant();
        return await db.Database.CanConnectAsync(ct)
            ? TypedResults.Ok(new HealthResponse("healthy", provider))
            : TypedResults.Problem($"The {provider} database does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
