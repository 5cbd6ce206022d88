using Kpi.Demo.Scorecards;
using System.Text.Json;
using Kpi.Domain.Organisation;
using Kpi.Domain.Scoring;
using Kpi.Storage.Organisation;
using Kpi.Storage.Scorecards;
using Kpi.Testing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Tests.Scorecards;

/// <summary>Scorecard definitions are stored as their JSON document, versioned by revision, and every change is audited.</summary>
public sealed class ScorecardStoreTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Monday = new(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);

    [Theory, InlineData(DatabaseProvider.Sqlite), PostgresData]
    public async Task SaveTwiceThenChange_AuditsCreateAndChangeOnly(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider, "scorecards");
        await using var db = database.NewContext();
        await DepartmentMerge.MergeAsync(db, [new(2, new Department("PROD", "生产部"))], Monday);
        var org = await db.LoadOrganisationAsync();
        var card = DefaultScorecards.For(DepartmentFunction.Production);

        await db.SaveScorecardAsync(org, "PROD", card, "admin-key", Monday);
        await db.SaveScorecardAsync(org, "PROD", card, "admin-key", Monday.AddHours(1));
        var changed = card with { Lines = [.. card.Lines.Take(card.Lines.Count - 2), card.Lines[^2] with { Weight = card.Lines[^2].Weight + card.Lines[^1].Weight }] };
        await db.SaveScorecardAsync(org, "PROD", changed, "hr-lead", Monday.AddHours(2));

        var loaded = await db.LoadScorecardAsync(org, "PROD");
        Assert.Equal(ScorecardDocument.From(changed).Serialize(), ScorecardDocument.From(loaded!).Serialize());
        var row = await db.Scorecards.SingleAsync();
        Assert.Equal(2, row.Revision);
        var audit = await db.Audit.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["scorecard.created", "scorecard.changed"], audit.Select(a => a.Action));
        Assert.Equal("hr-lead", audit[1].Actor);
        using var details = JsonDocument.Parse(audit[1].Details!);
        Assert.Equal(card.Lines.Count, details.RootElement.GetProperty("before").GetProperty("lines").GetArrayLength());
        Assert.Equal(changed.Lines.Count, details.RootElement.GetProperty("after").GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public void Document_WithBadFields_NamesEachField()
    {
        var document = ScorecardDocument.Deserialize("""
            {"lines":[
              {"metric":"plan_completion","target":1.0,"weight":40,"rule":{"type":"linear","cap":1.2}},
              {"metric":"budget_attainment","target":1.0,"weight":30,"direction":"sideways","rule":{"type":"linear"}},
              {"metric":"safety_incidents","target":0,"weight":20,"rule":{"type":"deduction"}},
              {"metric":"quality_pass","target":0.99,"weight":10,"rule":{"type":"stars"}}]}
            """);

        var (definition, errors) = document.ToDefinition();

        Assert.Null(definition);
        Assert.Equal(["lines[1].direction", "lines[2].rule.per_unit", "lines[3].rule.type"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Document_WeightsNotSummingTo100_IsRefused()
    {
        var document = ScorecardDocument.Deserialize("""
            {"lines":[{"metric":"plan_completion","target":1.0,"weight":40,"rule":{"type":"linear","cap":1.2}},
                      {"metric":"budget_attainment","target":1.0,"weight":30,"direction":"lower","rule":{"type":"linear","cap":1.2}}]}
            """);

        var (_, errors) = document.ToDefinition();

        var error = Assert.Single(errors);
        Assert.Equal("lines.weight", error.Field);
        Assert.Contains("70", error.Reason);
    }
}
