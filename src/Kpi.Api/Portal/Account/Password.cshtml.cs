using Kpi.Api.Auth;
using Kpi.Api.Portal.Shared;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Account;

/// <summary>
/// <c>/account/password</c>: change one's own password through <see cref="AuthApi.ChangePassword"/> (the rules, the
/// audit and the end of every other session are the API's). A user signed in with an initial password is held here
/// by <c>SessionGates</c> until they have chosen their own.
/// </summary>
public sealed class PasswordModel(PortalContext portal) : PortalPage(portal)
{
    public bool MustChange => User.HasClaim(c => c.Type == KpiClaims.MustChangePassword);

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet() => Title = T("修改密码", "Change your password");

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "current_password")] string? current, [FromForm(Name = "new_password")] string? next,
        [FromServices] UserManager<KpiUser> users, [FromServices] Sessions sessions, [FromServices] AccessCache cache, [FromServices] KpiDbContext db,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        Title = T("修改密码", "Change your password");
        var result = await AuthApi.ChangePassword(new AuthApi.PasswordRequest(current, next), users, sessions, cache, db, clock, HttpContext, ct);
        if (result.Result is ProblemHttpResult problem)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Errors = problem.ProblemDetails.Extensions.TryGetValue("errors", out var errors) && errors is Dictionary<string, string[]> byField
                ? byField.SelectMany(f => f.Value.Select(reason => $"{FieldName(f.Key)}: {reason}")).ToList()
                : [problem.ProblemDetails.Detail ?? T("密码未修改。", "The password was not changed.")];
            return Page();
        }
        return Redirect("/");
    }

    private string FieldName(string field) => field switch
    {
        "current_password" => T("当前密码", "Current password"),
        "new_password" => T("新密码", "New password"),
        _ => field,
    };
}
