using Kpi.Domain.Access;
using System.Text.Json;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Keys;

/// <summary>
/// API keys (admin only). The secret is returned once, when the key is created, and never again; only its hash is
/// stored. Creating and revoking keys is audited.
/// </summary>
public static class KeysApi
{
    public const int MaxNameLength = 100;

    public sealed record CreateKeyRequest(string? Name, string? Role, IReadOnlyList<string>? Departments);

    public sealed record KeyResponse(int Id, string Name, string Role, IReadOnlyList<string> Departments, string Prefix, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt);

    public sealed record CreatedKeyResponse(int Id, string Name, string Role, IReadOnlyList<string> Departments, string Prefix, DateTime CreatedAt, string Key);

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization(AuthHosting.Admin);
        group.MapPost("/", CreateKey).WithSummary("Create an API key for a service; its secret is returned this once (admin)")
            .WithDescription("role is admin, hr, executive or manager (a manager key names its departments); employees sign in as users instead. "
                             + "400 names the wrong field (name, role, departments). Audited.");
        group.MapGet("/", ListKeys).WithSummary("Every API key, revoked ones included, without their secrets (admin)");
        group.MapDelete("/{id:int}", RevokeKey).WithSummary("Revoke an API key: it stops working at once (admin)")
            .WithDescription("204 also when the key was already revoked; 404 for an unknown key. Audited.");
        return app;
    }

    public static async Task<Results<Created<CreatedKeyResponse>, ProblemHttpResult>> CreateKey(
        CreateKeyRequest request, KpiDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
            return Problems.Invalid("name", $"must be 1–{MaxNameLength} printable characters");
        // Keys are for services: an employee signs in as a user, for their own appraisal.
        string[] keyRoles = [Roles.Admin, Roles.Hr, Roles.Executive, Roles.Manager];
        if (request.Role is null || !keyRoles.Contains(request.Role))
            return Problems.Invalid("role", $"must be one of {string.Join(", ", keyRoles)}");

        var departments = (request.Departments ?? []).Distinct().ToList();
        if (request.Role == Roles.Manager)
        {
            if (departments.Count == 0) return Problems.Invalid("departments", "a manager key needs the departments it manages");
            var org = await db.LoadOrganisationAsync(ct);
            var unknown = departments.FirstOrDefault(d => !org.Tree.Contains(d));
            if (unknown is not null) return Problems.Invalid("departments", $"there is no department '{unknown}'");
        }
        else if (departments.Count > 0)
        {
            return Problems.Invalid("departments", $"only manager keys are scoped to departments; a {request.Role} key sees the whole company");
        }

        var key = ApiKeySecrets.NewKey();
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = Caller.From(http.User).Name;
        var entity = new ApiKeyEntity
        {
            Name = name, Role = request.Role, Departments = string.Join(',', departments), KeyHash = ApiKeySecrets.Hash(key),
            Prefix = ApiKeySecrets.Prefix(key), CreatedAt = now, CreatedBy = actor,
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        db.Audit.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "key.created", Entity = "api_key", EntityKey = entity.Id.ToString(),
            Details = JsonSerializer.Serialize(new { name, role = request.Role, departments, prefix = entity.Prefix }),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/keys/{entity.Id}",
            new CreatedKeyResponse(entity.Id, name, entity.Role, departments, entity.Prefix, entity.CreatedAt, key));
    }

    public static async Task<Ok<List<KeyResponse>>> ListKeys(KpiDbContext db, CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        return TypedResults.Ok(keys.Select(k => new KeyResponse(k.Id, k.Name, k.Role,
            k.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries), k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(int id, KpiDbContext db, AccessCache cache, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Problems.NotFound($"There is no key {id}.");
        if (key.RevokedAt is not null) return TypedResults.NoContent();
        var now = clock.GetUtcNow().UtcDateTime;
        key.RevokedAt = now;
        db.Audit.Add(new AuditEntry { At = now, Actor = Caller.From(http.User).Name, Action = "key.revoked", Entity = "api_key", EntityKey = id.ToString() });
        await db.SaveChangesAsync(ct);
        cache.ForgetKey(key.KeyHash);
        return TypedResults.NoContent();
    }
}
