using System.Net.Mail;
using System.Security.Cryptography;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain;
using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Accounts;
using Kpi.Storage.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Api.Users;

/// <summary>
/// User accounts (admin): create, list, read, update and deactivate. A user created without a password gets a
/// one-time initial password, shown in the answer once and never again, which must be changed at the first sign-in.
/// Deactivating ends the user's sessions and tokens at once. Every change is audited with before and after.
/// </summary>
public static class UsersApi
{
    public sealed record UserRequest(
        string? Username, string? DisplayName, string? Email, string? Role, IReadOnlyList<string>? Departments, string? EmployeeNo, string? Password,
        bool? Active);

    public sealed record UserResponse(
        int Id, string Username, string DisplayName, string? Email, string Role, IReadOnlyList<string> Departments, string? EmployeeNo, bool Active,
        bool MustChangePassword, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, DateTime? DeactivatedAt);

    public sealed record CreatedUserResponse(UserResponse User, string? InitialPassword);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AuthHosting.Admin);
        group.MapPost("/", Create).WithSummary("Create a user; without a password, a one-time initial password is returned once (admin)");
        group.MapGet("/", List).WithSummary("Every user, deactivated ones included (admin)");
        group.MapGet("/{id:int}", Get).WithSummary("One user (admin)");
        group.MapPut("/{id:int}", Update).WithSummary("Change a user's name, email, role, departments, employee or password; \"active\": true reactivates (admin)");
        group.MapDelete("/{id:int}", Deactivate).WithSummary("Deactivate a user: their sessions and tokens end at once (admin)");
        return app;
    }

    public static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> Create(
        UserRequest request, UserManager<KpiUser> users, KpiDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var username = request.Username?.Trim();
        if (string.IsNullOrEmpty(username) || username.Length is < 3 or > 64 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@'))
            errors.Add(new("username", "must be 3–64 letters, digits, '-', '.', '_' or '@'"));
        else if (await users.FindByNameAsync(username) is not null)
            errors.Add(new("username", $"'{username}' is taken"));
        var fields = await ValidateAsync(request, db, ct, errors);
        if (errors.Count > 0) return Problems.Invalid(errors, "The user is not valid");

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = Caller.From(http.User).Name;
        var user = new KpiUser
        {
            UserName = username, DisplayName = fields.DisplayName ?? username!, Email = fields.Email, Role = fields.Role!,
            Departments = string.Join(',', fields.Departments), EmployeeNo = fields.EmployeeNo, CreatedAt = now, CreatedBy = actor, UpdatedAt = now,
        };
        var initial = request.Password is null ? InitialPassword() : null;
        user.MustChangePassword = initial is not null;
        var result = await users.CreateAsync(user, request.Password ?? initial!);
        if (!result.Succeeded) return Invalid(result, "password");

        db.Record(now, actor, "user.created", "user", user.Id.ToString(), new { after = Describe(user) });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{user.Id}", new CreatedUserResponse(ToResponse(user), initial));
    }

    public static async Task<Ok<List<UserResponse>>> List(KpiDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct)).Select(ToResponse).ToList());

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(int id, KpiDbContext db, CancellationToken ct) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is { } user ? TypedResults.Ok(ToResponse(user)) : NoSuchUser(id);

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Update(
        int id, UserRequest request, UserManager<KpiUser> users, Sessions sessions, AccessCache cache, KpiDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NoSuchUser(id);
        if (request.Username is not null && request.Username.Trim() != user.UserName)
            return Problems.Invalid("username", "cannot be changed: create a new user");
        var errors = new List<FieldError>();
        var fields = await ValidateAsync(request with { Role = request.Role ?? user.Role, Departments = request.Departments ?? (request.Role is null ? user.DepartmentList : null) },
            db, ct, errors);
        if (errors.Count > 0) return Problems.Invalid(errors, "The user is not valid");

        var before = Describe(user);
        var actor = Caller.From(http.User);
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.DisplayName is not null) user.DisplayName = fields.DisplayName!;
        if (request.Email is not null) user.Email = fields.Email;
        user.Role = fields.Role!;
        user.Departments = string.Join(',', fields.Departments);
        if (request.EmployeeNo is not null) user.EmployeeNo = fields.EmployeeNo;
        if (request.Active is true && user.DeactivatedAt is not null) user.DeactivatedAt = null;
        if (request.Active is false && user.DeactivatedAt is null)
        {
            if (actor.UserId == user.Id) return Problems.Invalid("active", "you cannot deactivate yourself");
            user.DeactivatedAt = now;
        }
        user.UpdatedAt = now;
        if (request.Password is not null)
        {
            // An admin's reset: a password the user must replace at their next sign-in.
            var reset = await users.RemovePasswordAsync(user);
            if (reset.Succeeded) reset = await users.AddPasswordAsync(user, request.Password);
            if (!reset.Succeeded) return Invalid(reset, "password");
            user.MustChangePassword = true;
        }
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return Invalid(result, "username");
        cache.ForgetUser(user.Id);
        if (user.DeactivatedAt is not null || request.Password is not null)
            await sessions.RevokeAllAsync(user.Id, user.DeactivatedAt is not null ? "user deactivated" : "password reset by an admin", null, ct);

        db.Record(now, actor.Name, "user.updated", "user", user.Id.ToString(), new { before, after = Describe(user), password_reset = request.Password is not null });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(
        int id, UserManager<KpiUser> users, Sessions sessions, AccessCache cache, KpiDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return NoSuchUser(id);
        var actor = Caller.From(http.User);
        if (actor.UserId == user.Id) return Problems.Conflict("You cannot deactivate yourself.");
        if (user.DeactivatedAt is not null) return TypedResults.NoContent();
        var before = Describe(user);
        var now = clock.GetUtcNow().UtcDateTime;
        user.DeactivatedAt = now;
        user.UpdatedAt = now;
        await users.UpdateAsync(user);
        // The security stamp changes too, so nothing issued before this moment is honoured again.
        await users.UpdateSecurityStampAsync(user);
        cache.ForgetUser(user.Id);
        await sessions.RevokeAllAsync(user.Id, "user deactivated", null, ct);
        db.Record(now, actor.Name, "user.deactivated", "user", user.Id.ToString(), new { before, after = Describe(user) });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private sealed record Fields(string? DisplayName, string? Email, string? Role, IReadOnlyList<string> Departments, string? EmployeeNo);

    /// <summary>Checks the fields a request sets, adding a problem per wrong field; returns them cleaned.</summary>
    private static async Task<Fields> ValidateAsync(UserRequest request, KpiDbContext db, CancellationToken ct, List<FieldError> errors)
    {
        var display = request.DisplayName?.Trim();
        if (display is not null && (display.Length is 0 or > KpiUser.MaxDisplayNameLength || display.Any(char.IsControl)))
            errors.Add(new("display_name", $"must be 1–{KpiUser.MaxDisplayNameLength} printable characters"));

        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            errors.Add(new("email", $"'{email}' is not an email address"));

        if (request.Role is null || !Roles.All.Contains(request.Role)) errors.Add(new("role", $"must be one of {string.Join(", ", Roles.All)}"));

        var departments = (request.Departments ?? []).Select(d => d.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (departments.Count > 0)
        {
            if (request.Role != Roles.Manager)
                errors.Add(new("departments", $"only managers are named on departments; a {request.Role} sees {(Roles.SeesWholeCompany(request.Role ?? "") ? "the whole company" : "their own appraisal")}"));
            else
            {
                var known = await db.Departments.Where(d => departments.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct);
                foreach (var unknown in departments.Except(known)) errors.Add(new("departments", $"there is no department '{unknown}'"));
            }
        }

        var employee = string.IsNullOrWhiteSpace(request.EmployeeNo) ? null : request.EmployeeNo.Trim();
        if (employee is not null && (!Department.IsValidEmployeeNo(employee) || !await db.Staff.AnyAsync(s => s.EmployeeNo == employee, ct)))
            errors.Add(new("employee_no", $"'{employee}' is not the employee_no of a staff record"));
        else if (employee is not null && await db.Users.AnyAsync(u => u.EmployeeNo == employee && u.UserName != (request.Username ?? "").Trim(), ct))
            errors.Add(new("employee_no", $"'{employee}' belongs to another user already"));
        return new Fields(display, email, request.Role, departments, employee);
    }

    private static object Describe(KpiUser u) => new
    {
        username = u.UserName, display_name = u.DisplayName, email = u.Email, role = u.Role, departments = u.DepartmentList, employee_no = u.EmployeeNo,
        active = u.DeactivatedAt is null,
    };

    private static UserResponse ToResponse(KpiUser u) => new(u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.Role, u.DepartmentList, u.EmployeeNo,
        u.DeactivatedAt is null, u.MustChangePassword, u.CreatedAt, u.CreatedBy, u.UpdatedAt, u.DeactivatedAt);

    private static ProblemHttpResult NoSuchUser(int id) => Problems.NotFound($"There is no user {id}.");

    private static ProblemHttpResult Invalid(IdentityResult result, string field) =>
        Problems.Invalid(result.Errors.Select(e => new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
            : e.Code.Contains("UserName", StringComparison.Ordinal) ? "username" : field, AuthApi.Describe(e))).ToList(), "The user is not valid");

    /// <summary>Four groups of four from an alphabet without look-alikes (no 0/O, 1/l/I): 80 bits, read out or typed without mistakes.</summary>
    internal static string InitialPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }
}
