using Kpi.Api.Auth;
using Kpi.Api.Departments;
using Kpi.Api.Portal.Shared;
using Kpi.Api.Users;
using Kpi.Domain.Organisation;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Kpi.Api.Portal.Operations;

/// <summary>
/// <c>/operations/users</c>: every user (deactivated ones too) with role and departments, and each department's head;
/// an admin creates a user (the one-time initial password is shown on this answer only), deactivates or reactivates
/// one, and sets a department's head. Each form calls the API's own handler, so its rules, audit and 400s are the API's.
/// </summary>
public sealed class UsersModel(PortalContext portal, KpiDbContext db, UserManager<KpiUser> users, Sessions sessions, AccessCache cache, TimeProvider clock)
    : PortalPage(portal)
{
    public IReadOnlyList<UsersApi.UserResponse> Users { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public string? Done { get; private set; }
    public string? StepError { get; private set; }

    /// <summary>The new user's one-time password, on the answer to its creation only.</summary>
    public string? InitialPassword { get; private set; }

    /// <summary>The create form's values, kept when it was refused.</summary>
    public UsersApi.UserRequest Form { get; private set; } = NoInput;

    private static readonly UsersApi.UserRequest NoInput = new(null, null, null, null, null, null, null, null);

    public Task OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public async Task OnPostCreateAsync(string? username, string? displayName, string? email, string? role, string? departments, string? employeeNo,
        CancellationToken ct)
    {
        Form = new UsersApi.UserRequest(username, Blank(displayName), Blank(email), role,
            (departments ?? "").Split([',', ' ', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Blank(employeeNo), null, null);
        var result = await UsersApi.Create(Form, users, db, clock, HttpContext, ct);
        if (result.Result is Created<UsersApi.CreatedUserResponse> created)
        {
            Done = T($"已创建用户 {created.Value!.User.Username}。", $"User {created.Value!.User.Username} was created.");
            InitialPassword = created.Value.InitialPassword;
            // Shown on this answer only; the page carries forms, so antiforgery already marks it no-store.
            Form = NoInput;
        }
        else Fail(result.Result);
        await ShowAsync(ct);
    }

    public async Task OnPostDeactivateAsync(int id, CancellationToken ct)
    {
        var result = await UsersApi.Deactivate(id, users, sessions, cache, db, clock, HttpContext, ct);
        if (result.Result is NoContent) Done = T($"用户 #{id} 已停用,其会话和令牌已立即失效。", $"User #{id} was deactivated; their sessions and tokens ended at once.");
        else Fail(result.Result);
        await ShowAsync(ct);
    }

    public async Task OnPostReactivateAsync(int id, CancellationToken ct)
    {
        var result = await UsersApi.Update(id, new UsersApi.UserRequest(null, null, null, null, null, null, null, Active: true),
            users, sessions, cache, db, clock, HttpContext, ct);
        if (result.Result is Ok<UsersApi.UserResponse>) Done = T($"用户 #{id} 已恢复。", $"User #{id} was reactivated.");
        else Fail(result.Result);
        await ShowAsync(ct);
    }

    public async Task OnPostHeadAsync(string code, string? employeeNo, CancellationToken ct)
    {
        var result = await DepartmentsApi.PutHead(code, new DepartmentsApi.HeadRequest(Blank(employeeNo)), db, cache, clock, HttpContext, ct);
        if (result.Result is Ok<DepartmentsApi.HeadResponse> { Value: var head })
            Done = head!.EmployeeNo is null
                ? T($"已取消 {code} 的负责人。", $"{code} has no head now.")
                : T($"{code} 的负责人已设为 {head.Name}({head.EmployeeNo})。", $"The head of {code} is now {head.Name} ({head.EmployeeNo}).");
        else Fail(result.Result);
        await ShowAsync(ct);
    }

    /// <summary>Whether the signed-in admin is this user: nobody deactivates themselves.</summary>
    public bool IsSelf(UsersApi.UserResponse user) => Caller.From(User).UserId == user.Id;

    private void Fail(IResult result)
    {
        if (result is not ProblemHttpResult problem) return;
        StepError = ProblemText.Of(problem);
        Response.StatusCode = problem.StatusCode;
    }

    private async Task ShowAsync(CancellationToken ct)
    {
        Title = T("用户与部门负责人", "Users and heads");
        Users = (await UsersApi.List(db, ct)).Value!;
        db.ChangeTracker.Clear();
        var org = await db.LoadOrganisationAsync(ct);
        Departments = org.Tree.All.OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
