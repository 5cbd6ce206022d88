using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kpi.Api.Portal.Shared;

/// <summary>
/// The base of every portal page: the request's <see cref="PortalContext"/>, and a refusal that answers with its
/// status (403 outside one's scope, 404 for what does not exist, 400 for a malformed URL) and a sentence saying why,
/// in place of the page — never a redirect that hides what happened.
/// </summary>
public abstract class PortalPage(PortalContext portal) : PageModel
{
    public PortalContext Portal { get; } = portal;

    public string T(string zh, string en) => Portal.T(zh, en);

    /// <summary>The page's title, in the page's language.</summary>
    public string Title { get; protected set; } = "Kpi";

    /// <summary>Why the page was refused, in the page's language; null on a page that was not.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// Answers with the refusal page (Shared/_Refusal) in place of this page's own view, which is never executed, so a
    /// view may rely on what its handler loads.
    /// </summary>
    protected IActionResult Refuse(int status, string zh, string en)
    {
        Refusal = T(zh, en);
        Title = status switch { 403 => T("无权访问", "Not allowed"), 404 => T("未找到", "Not found"), _ => T("请求有误", "Bad request") };
        var result = Partial("_Refusal", this);
        result.StatusCode = status;
        return result;
    }

    /// <summary>Refuses a department the caller may not see, or that does not exist, exactly as the API does (403, 404).</summary>
    protected IActionResult RefuseDepartment(int status, string department) => status == 404
        ? Refuse(404, $"没有部门“{department}”。", $"There is no department '{department}'.")
        : Refuse(403, $"您无权查看部门“{department}”的数据。", $"You have no access to department '{department}'.");
}
