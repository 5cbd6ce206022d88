using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>An appraisal waiting for its viewer: their own self-assessment, or a review they owe.</summary>
public sealed record ToDoItem(CycleSummary Cycle, AppraisalListItem Appraisal, string Step)
{
    public const string Self = "self";
    public const string Review = "review";

    public string Href => $"/appraisal/{Appraisal.Id}/{Step}";

    public DateOnly? Due => Step == Self ? Cycle.SelfDue : Cycle.ReviewDue;
}

/// <summary>
/// What waits for the viewer across the running cycles, read with <see cref="AppraisalReads"/> as they may see it: their
/// own appraisal in <c>self_assessment</c>, and in <c>manager_review</c> those they appraise (HR also those with no
/// appraiser, where HR acts). Only started cycles hold such steps, so the others are not read.
/// </summary>
public static class AppraisalToDo
{
    public static async Task<IReadOnlyList<ToDoItem>> ForAsync(AppraisalReads reads, AppraisalViewer viewer, CancellationToken ct)
    {
        var items = new List<ToDoItem>();
        if (viewer.EmployeeNo is null && !viewer.IsHr) return items;
        foreach (var cycle in await reads.CyclesAsync(viewer, ct))
        {
            if (cycle.Status != "started") continue;
            foreach (var a in await reads.AppraisalsAsync(cycle.Id, viewer, ct))
            {
                if (viewer.Is(a.EmployeeNo))
                {
                    if (a.Status == "self_assessment") items.Add(new(cycle, a, ToDoItem.Self));
                }
                else if (a.Status == "manager_review" && (a.AppraiserEmployeeNo is null ? viewer.IsHr : viewer.Is(a.AppraiserEmployeeNo)))
                    items.Add(new(cycle, a, ToDoItem.Review));
            }
        }
        return items;
    }
}
