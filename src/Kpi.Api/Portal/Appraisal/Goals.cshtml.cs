using Kpi.Api.Portal.Shared;
using Kpi.Domain;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// <c>/appraisal/{id}/goals</c>: the appraiser (or HR) sets the employee's personal goals — name, target, weight,
/// direction, rule — until the review is submitted, through <see cref="AppraisalWorkflow.SetGoalsAsync"/> (the call
/// <c>PUT /api/appraisals/{id}/goals</c> makes): the lines given replace the goals, blank lines are ignored, none at all
/// clears them. The employee and anyone else who may see the appraisal are refused (403).
/// </summary>
public sealed class GoalsModel(PortalContext portal, AppraisalReads reads, AppraisalWorkflow workflow) : AppraisalFormPage(portal, reads)
{
    public GoalsForm Form { get; private set; } = new();

    public bool ShowForm => AppraisalSteps.MaySetGoals(Appraisal, Viewer, Template);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await ShowAsync(id, ct) is { } refused) return refused;
        Form = new GoalsForm { Goals = Appraisal.Goals.Select(GoalRow.From).ToList() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, GoalsForm form, CancellationToken ct)
    {
        if (await ShowAsync(id, ct) is { } refused) return refused;
        Form = form;
        var (documents, errors) = form.ToDocuments();
        if (documents is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await StepAsync(id, viewer => workflow.SetGoalsAsync(id, documents, viewer, ct), "goals", async () => await ShowAsync(id, ct) ?? Page(), ct);
        Errors = Errors.Select(e => new FieldError(form.LineField(e.Field), e.Reason)).ToList();
        return result;
    }

    /// <summary>
    /// The goal lines to show: those posted or stored up to the last one written (blank lines between stay, so an error
    /// names the line it was on), then <see cref="GoalsForm.SpareRows"/> empty ones.
    /// </summary>
    public IReadOnlyList<GoalRow> Rows =>
        Form.Goals.Take(Form.Goals.FindLastIndex(r => !r.IsBlank) + 1).Concat(Enumerable.Range(0, GoalsForm.SpareRows).Select(_ => new GoalRow())).ToList();

    private async Task<IActionResult?> ShowAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (AppraisalSteps.IsOwn(Appraisal, Viewer) || !(Viewer.IsHr || Viewer.Is(Appraisal.AppraiserEmployeeNo)))
            return NotYourStep($"只有评估人({Appraisal.AppraiserName ?? "人力资源"})或人力资源设定目标。",
                $"Only the appraiser ({Appraisal.AppraiserName ?? "HR"}) or HR sets the goals.");
        Title = $"{T("设定目标", "Set goals")} · {Appraisal.Name} · {Appraisal.Period}";
        if (!ShowForm && Response.StatusCode == StatusCodes.Status200OK) Response.StatusCode = StatusCodes.Status409Conflict;
        return null;
    }
}
