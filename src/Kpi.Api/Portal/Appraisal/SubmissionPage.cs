using Kpi.Api.Portal.Shared;
using Kpi.Jobs.Appraisal;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>
/// The self-assessment and review pages: the same form (each goal's actual beside its target, weight, direction and
/// rule; each competency item rated on the template's scale; a comment), posted to the workflow step the page names.
/// The review shows the employee's self-assessment beside each answer.
/// </summary>
public abstract class SubmissionPage(PortalContext portal, AppraisalReads reads) : AppraisalFormPage(portal, reads)
{
    /// <summary>What the form shows: blank at first, what was posted after a refusal.</summary>
    public SubmissionForm Form { get; protected set; } = new();

    /// <summary>The employee's own answers, shown beside the review's inputs; null on the self-assessment.</summary>
    public abstract SubmissionView? Beside { get; }

    /// <summary>The form's heading and button.</summary>
    public abstract string Heading { get; }

    public abstract string Submit { get; }

    /// <summary>Whether the viewer's step is open (it decides whether the form is shown at all).</summary>
    protected abstract bool IsOpen { get; }

    protected abstract bool IsTheirs { get; }

    protected abstract IActionResult NotTheirs();

    /// <summary>The sentence shown in place of the form when the step is not open in the appraisal's state.</summary>
    public abstract string Closed { get; }

    public bool ShowForm => IsOpen;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await ShowAsync(id, ct);

    protected abstract Task TakeAsync(long id, SubmissionInput input, Kpi.Domain.Appraisal.AppraisalViewer viewer, CancellationToken ct);

    protected abstract string DoneKey { get; }

    public async Task<IActionResult> OnPostAsync(long id, SubmissionForm form, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!IsTheirs) return NotTheirs();
        Title = $"{Heading} · {Appraisal.Name} · {Appraisal.Period}";
        Form = form;
        var (input, errors) = form.ToInput(Appraisal.Goals.Count);
        if (input is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await StepAsync(id, viewer => TakeAsync(id, input, viewer, ct), DoneKey, () => ShowAsync(id, ct), ct);
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!IsTheirs) return NotTheirs();
        Title = $"{Heading} · {Appraisal.Name} · {Appraisal.Period}";
        if (!IsOpen && Response.StatusCode == StatusCodes.Status200OK) Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
