using System.Text.Json;
using Kpi.Domain.Metrics;
using Kpi.Domain.Periods;
using Kpi.Domain.Scoring;
using Kpi.Storage.Access;
using Kpi.Storage.Metrics;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Scorecards;

/// <summary>Reading, defining and scoring department scorecards. Every definition change is audited.</summary>
public static class ScorecardStore
{
    public static async Task<ScorecardDefinition?> LoadScorecardAsync(this KpiDbContext db, StoredOrganisation org, string department,
        CancellationToken ct = default)
    {
        var id = org.IdOf[department];
        var json = await db.Scorecards.AsNoTracking().Where(s => s.DepartmentId == id).Select(s => s.Definition).FirstOrDefaultAsync(ct);
        if (json is null) return null;
        var (definition, errors) = ScorecardDocument.Deserialize(json).ToDefinition();
        return definition ?? throw new InvalidOperationException($"Stored scorecard of {department} is invalid: {errors[0].Field} {errors[0].Reason}");
    }

    /// <summary>Stores a valid definition as the department's current card and records who changed it from what.</summary>
    public static async Task SaveScorecardAsync(this KpiDbContext db, StoredOrganisation org, string department, ScorecardDefinition definition,
        string actor, DateTime now, CancellationToken ct = default)
    {
        definition.EnsureValid();
        var id = org.IdOf[department];
        var json = ScorecardDocument.From(definition).Serialize();
        var row = await db.Scorecards.FirstOrDefaultAsync(s => s.DepartmentId == id, ct);
        var before = row?.Definition;
        if (row is null)
        {
            row = new ScorecardEntity { DepartmentId = id };
            db.Scorecards.Add(row);
        }
        if (before == json) return;
        row.Definition = json;
        row.Revision++;
        row.UpdatedAt = now;
        row.UpdatedBy = actor;
        db.Audit.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = before is null ? "scorecard.created" : "scorecard.changed",
            Entity = "scorecard",
            EntityKey = department,
            Details = JsonSerializer.Serialize(new { revision = row.Revision, before = before is null ? (JsonElement?)null : JsonDocument.Parse(before).RootElement, after = JsonDocument.Parse(json).RootElement }),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Scores a department's card for a period from the data as it is now, or null when the department has no card.
    /// Lines with a scope are computed over that department's subtree. Only the record kinds the lines' metrics are
    /// computed from are read: one query for the card and one per kind (three for plan completion, budget and safety).
    /// </summary>
    public static async Task<ScorecardResult?> ScoreAsync(this KpiDbContext db, StoredOrganisation org, string department, Period period,
        CompanyTimeZone zone, CancellationToken ct = default)
    {
        var definition = await db.LoadScorecardAsync(org, department, ct);
        if (definition is null) return null;
        // Each scope's lines ask only for the record kinds their metrics are computed from.
        var values = new Dictionary<string, IReadOnlyList<MetricValue>>(StringComparer.Ordinal);
        foreach (var scope in definition.Lines.GroupBy(l => l.Scope ?? department, StringComparer.Ordinal))
        {
            var metrics = scope.Select(l => l.Metric).Distinct(StringComparer.Ordinal).ToList();
            values[scope.Key] = org.Tree.Contains(scope.Key) ? await db.MetricValuesAsync(org, scope.Key, period, zone, metrics, ct) : [];
        }
        return Scorer.Score(definition, line => values[line.Scope ?? department].FirstOrDefault(v => v.Metric == line.Metric));
    }
}
