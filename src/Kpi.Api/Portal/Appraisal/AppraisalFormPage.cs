using System.Globalization;
using Kpi.Api.Appraisal;
using Kpi.Api.Portal.Shared;
using Kpi.Domain;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Kpi.Storage.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// What the pages of one appraisal share: the appraisal as its viewer may see it (<see cref="AppraisalReads"/>, as
/// <c>GET /api/appraisals/{id}</c>), the template it is scored with (its items' names and scale), and one place where
/// the workflow's refusals become the page's answer exactly as <c>AppraisalProblems</c> makes them the API's: wrong input
/// 400 with every field named beside its input, a step in the wrong state 409 with the workflow's sentence, the wrong
/// person 403, an unknown appraisal 404.
/// </summary>
public abstract class AppraisalFormPage(PortalContext portal, AppraisalReads reads) : PortalPage(portal)
{
    public AppraisalView Appraisal { get; private set; } = null!;
    public AppraisalTemplateDocument Template { get; private set; } = null!;

    /// <summary>The fields the last post was refused for, named as the API names them (<c>ratings.teamwork</c>, <c>goals[1].weight</c>).</summary>
    public IReadOnlyList<FieldError> Errors { get; protected set; } = [];

    /// <summary>Why the last step was refused when no field is to blame (the 409's sentence), or null.</summary>
    public string? StepError { get; protected set; }

    public AppraisalViewer Viewer => AppraisalApi.Viewer(HttpContext);

    public AppraisalTemplateDocument.PartDocument? Competency => AppraisalSteps.Part(Template, PartType.Competency);

    /// <summary>The competency items with a code, in the template's order.</summary>
    public IReadOnlyList<AppraisalTemplateDocument.ItemDocument> Items =>
        Competency?.Items?.Where(i => i?.Code is not null).Select(i => i!).ToList() ?? [];

    public int Scale => Competency?.Scale ?? 0;

    /// <summary>The reason a field was refused for, or null; a field's errors and those of what it contains (<c>goals[0]</c> covers <c>goals[0].rule.type</c>).</summary>
    public string? ErrorFor(string field)
    {
        var reasons = Errors.Where(e => e.Field == field || e.Field.StartsWith(field + ".", StringComparison.Ordinal)).Select(e => e.Reason).ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>The id of the element that says why <paramref name="field"/> was refused, for <c>aria-describedby</c>.</summary>
    public static string ErrorId(string field) => "error-" + new string(field.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>A field as the page's reader knows it: the label beside its input, then the API's name of it.</summary>
    public string FieldLabel(string field)
    {
        var indexed = System.Text.RegularExpressions.Regex.Match(field, @"^(goal_actuals|goals)\[(\d+)\]\.?(.*)$");
        if (indexed.Success)
        {
            var n = int.Parse(indexed.Groups[2].Value, CultureInfo.InvariantCulture) + 1;
            var part = indexed.Groups[3].Value;
            var what = indexed.Groups[1].Value == "goal_actuals" ? T("实际值", "actual") : part switch
            {
                "name" => T("名称", "name"), "target" => T("目标值", "target"), "weight" => T("权重", "weight"),
                "direction" => T("方向", "direction"), "" => "", _ when part.StartsWith("rule", StringComparison.Ordinal) => T("规则", "rule"), _ => part,
            };
            return T($"目标 {n} {what}", $"Goal {n} {what}").TrimEnd();
        }
        if (field.StartsWith("ratings.", StringComparison.Ordinal))
        {
            var code = field["ratings.".Length..];
            return Items.FirstOrDefault(i => i.Code == code)?.Name ?? code;
        }
        return field switch
        {
            "goal_actuals" => T("目标实际值", "Goals' actuals"),
            "ratings" => T("能力评分", "Ratings"),
            "comment" => T("评语", "Comment"),
            "goals" => T("目标", "Goals"),
            "adjustment" => T("调整分", "Adjustment"),
            "grade" => T("等级覆盖", "Grade override"),
            "reason" => T("理由", "Reason"),
            _ => field,
        };
    }

    /// <summary>Loads the appraisal and its template for the viewer; a refusal page when they may not see it or it does not exist.</summary>
    protected async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var viewer = Viewer;
        try
        {
            Appraisal = await reads.AppraisalAsync(id, viewer, ct);
            var cycle = await reads.CycleAsync(Appraisal.CycleId, viewer, ct);
            Template = await reads.TemplateAsync(cycle.Template, ct);
        }
        catch (AppraisalNotFoundException)
        {
            return Refuse(404, $"没有考核 {id}。", $"There is no appraisal {id}.");
        }
        catch (AppraisalActorException e)
        {
            return Refuse(403, $"您无权查看考核 {id}。", $"You have no access to appraisal {id}: {e.Message}");
        }
        Title = $"{T("绩效考核", "Appraisal")} · {Appraisal.Name} · {Appraisal.Period}";
        return null;
    }

    /// <summary>
    /// Takes a workflow step; on success goes back to the appraisal with <paramref name="done"/> said there (a reload
    /// does not post twice), on a refusal shows this page again with what the workflow said and the posted values.
    /// </summary>
    protected async Task<IActionResult> StepAsync(long id, Func<AppraisalViewer, Task> step, string done, Func<Task<IActionResult>> again,
        CancellationToken ct)
    {
        try
        {
            await step(Viewer);
            return Redirect($"/appraisal/{id}?done={done}");
        }
        catch (AppraisalInputException e)
        {
            Errors = e.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (AppraisalStateException e)
        {
            StepError = e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (AppraisalActorException e)
        {
            return Refuse(403, e.Message, e.Message);
        }
        catch (AppraisalNotFoundException)
        {
            return Refuse(404, $"没有考核 {id}。", $"There is no appraisal {id}.");
        }
        var status = Response.StatusCode;
        var page = await again();
        Response.StatusCode = status;
        return page;
    }

    /// <summary>Refuses the form's page to someone who may see the appraisal but for whom it is not their step (as the workflow would on post).</summary>
    protected IActionResult NotYourStep(string zh, string en) => Refuse(403, zh, en);
}
