using System.Text.Json;

namespace Kpi.Storage.Access;

/// <summary>Adds an entry to the audit trail (saved with the change it describes, by the caller's SaveChanges).</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="details">Serialised as JSON in snake_case: typically <c>new { before, after }</c>, or what was done to what.</param>
    public static AuditEntry Record(this KpiDbContext db, DateTime at, string actor, string action, string entity, string entityKey, object? details = null)
    {
        var entry = new AuditEntry
        {
            At = at, Actor = actor, Action = action, Entity = entity, EntityKey = entityKey,
            Details = details is null ? null : JsonSerializer.Serialize(details, Json),
        };
        db.Audit.Add(entry);
        return entry;
    }
}
