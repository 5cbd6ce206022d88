using System.Text.Json;
using Kpi.Api.Auth;
using Kpi.Api.Infrastructure;
using Kpi.Domain;
using Kpi.Domain.Access;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Access;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Close;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Kpi.Api.Appraisal;

/// <summary>
/// HR's appraisal cycles over HTTP (issue 11's contract, docs/appraisal.md): templates, cycles and their pages,
/// appraisals and every workflow step, the payroll export and the employee's form. Every caller must be signed in;
/// HR's steps are for the <c>hr</c> and <c>admin</c> roles; who may see and do the rest is the domain's to say, through
/// <see cref="AppraisalWorkflow"/>, <see cref="AppraisalReads"/> and <see cref="AppraisalFiles"/> — the same use cases
/// the portal's pages call. Refusals become answers in one place, <see cref="AppraisalProblems"/>.
/// </summary>
public static class AppraisalApi
{
    public const int MaxBodyBytes = 256 * 1024;

    public sealed record CycleBody(string? Name, string? Template, string? Period, List<string>? Departments, DateOnly? SelfDue, DateOnly? ReviewDue);

    public sealed record GoalsBody(List<GoalDocument?>? Goals);

    public sealed record SubmissionBody(List<decimal>? GoalActuals, Dictionary<string, int>? Ratings, string? Comment);

    public sealed record CalibrationBody(decimal? Adjustment, string? Grade, string? Reason);

    public sealed record ApproveBody(string? OverrideReason);

    public sealed record ReasonBody(string? Reason);

    public static IEndpointRouteBuilder MapAppraisalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Appraisal").RequireAuthorization().AddEndpointFilter<AppraisalProblems>();
        var templates = api.MapGroup("/appraisal/templates");
        templates.MapPost("/", PostTemplate).RequireAuthorization(Hr).Accepts<AppraisalTemplateDocument>("application/json");
        templates.MapGet("/", GetTemplates);
        templates.MapGet("/{code}", GetTemplate);

        var cycles = api.MapGroup("/appraisal/cycles");
        cycles.MapPost("/", PostCycle).RequireAuthorization(Hr);
        cycles.MapGet("/", GetCycles);
        cycles.MapGet("/{id:long}", GetCycle);
        cycles.MapGet("/{id:long}/appraisals", GetCycleAppraisals);
        cycles.MapPost("/{id:long}/start", Start).RequireAuthorization(Hr);
        cycles.MapPost("/{id:long}/calibrate", Calibrate).RequireAuthorization(Hr);
        cycles.MapPost("/{id:long}/approve", Approve).RequireAuthorization(Hr);
        cycles.MapPost("/{id:long}/publish", Publish).RequireAuthorization(Hr);
        cycles.MapGet("/{id:long}/export.xlsx", Export).RequireAuthorization(Hr);

        var appraisals = api.MapGroup("/appraisals");
        appraisals.MapGet("/{id:long}", GetAppraisal);
        appraisals.MapGet("/{id:long}.pdf", GetForm);
        appraisals.MapPut("/{id:long}/goals", PutGoals);
        appraisals.MapPost("/{id:long}/self", PostSelfAssessment);
        appraisals.MapPost("/{id:long}/review", PostReview);
        appraisals.MapPut("/{id:long}/calibration", PutCalibration).RequireAuthorization(Hr);
        appraisals.MapPost("/{id:long}/reopen", Reopen).RequireAuthorization(Hr);
        appraisals.MapPost("/{id:long}/kpi/refresh", RefreshKpi).RequireAuthorization(Hr);
        return app;
    }

    private static void Hr(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder p) => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Hr);

    /// <summary>The caller as the appraisal rules see them.</summary>
    public static AppraisalViewer Viewer(HttpContext http)
    {
        var caller = Caller.From(http.User);
        return new AppraisalViewer(caller.Name, caller.EmployeeNo, caller.IsHr, caller.Scope);
    }

    public static async Task<Created<AppraisalTemplateDocument>> PostTemplate(HttpRequest request, AppraisalWorkflow workflow, HttpContext http,
        CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) throw new AppraisalInputException([new FieldError("body", $"a template is at most {MaxBodyBytes} bytes")]);
        AppraisalTemplateDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<AppraisalTemplateDocument>(request.Body, AppraisalTemplateDocument.Json, ct);
        }
        catch (JsonException e)
        {
            throw new AppraisalInputException([new FieldError(Problems.JsonField(e.Path), $"is not a valid template document: {e.Message}")]);
        }
        if (document is null) throw new AppraisalInputException([new FieldError("body", "is empty")]);
        var created = await workflow.CreateTemplateAsync(document, Viewer(http), ct);
        return TypedResults.Created($"/api/appraisal/templates/{Uri.EscapeDataString(created.Code!)}", created);
    }

    public static async Task<Ok<IReadOnlyList<AppraisalTemplateDocument>>> GetTemplates(AppraisalReads reads, CancellationToken ct) =>
        TypedResults.Ok(await reads.TemplatesAsync(ct));

    public static async Task<Ok<AppraisalTemplateDocument>> GetTemplate(string code, AppraisalReads reads, CancellationToken ct) =>
        TypedResults.Ok(await reads.TemplateAsync(code, ct));

    public static async Task<Created<CycleCreated>> PostCycle(CycleBody body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        var created = await workflow.CreateCycleAsync(new CycleInput(body.Name, body.Template, body.Period, body.Departments, body.SelfDue, body.ReviewDue),
            Viewer(http), ct);
        return TypedResults.Created($"/api/appraisal/cycles/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<CycleSummary>>> GetCycles(AppraisalReads reads, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await reads.CyclesAsync(Viewer(http), ct));

    public static async Task<Ok<CycleView>> GetCycle(long id, AppraisalReads reads, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await reads.CycleAsync(id, Viewer(http), ct));

    public static async Task<Ok<IReadOnlyList<AppraisalListItem>>> GetCycleAppraisals(long id, AppraisalReads reads, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await reads.AppraisalsAsync(id, Viewer(http), ct));

    public static async Task<Ok<CycleView>> Start(long id, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.StartAsync(id, Viewer(http), ct));

    public static async Task<Ok<CycleView>> Calibrate(long id, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.EnterCalibrationAsync(id, Viewer(http), ct));

    public static async Task<Ok<ApprovalView>> Approve(long id, [FromBody] ApproveBody? body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.ApproveAsync(id, body?.OverrideReason, Viewer(http), ct));

    public static async Task<Ok<CycleView>> Publish(long id, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.PublishAsync(id, Viewer(http), ct));

    public static async Task<Ok<AppraisalView>> GetAppraisal(long id, AppraisalReads reads, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await reads.AppraisalAsync(id, Viewer(http), ct));

    public static async Task<Ok<AppraisalView>> PutGoals(long id, GoalsBody body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.SetGoalsAsync(id, body.Goals, Viewer(http), ct));

    public static async Task<Ok<AppraisalView>> PostSelfAssessment(long id, SubmissionBody body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.SubmitSelfAssessmentAsync(id, new SubmissionInput(body.GoalActuals, body.Ratings, body.Comment), Viewer(http), ct));

    public static async Task<Ok<AppraisalView>> PostReview(long id, SubmissionBody body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.SubmitReviewAsync(id, new SubmissionInput(body.GoalActuals, body.Ratings, body.Comment), Viewer(http), ct));

    public static async Task<Ok<AppraisalView>> PutCalibration(long id, CalibrationBody body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.CalibrateAsync(id, new CalibrationInput(body.Adjustment, body.Grade, body.Reason), Viewer(http), ct));

    public static async Task<Ok<AppraisalView>> Reopen(long id, ReasonBody body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.ReopenAsync(id, body.Reason, Viewer(http), ct));

    public static async Task<Ok<AppraisalView>> RefreshKpi(long id, ReasonBody body, AppraisalWorkflow workflow, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await workflow.RefreshKpiAsync(id, body.Reason, Viewer(http), ct));

    /// <summary>The employee's form (<c>?lang=zh|en</c>): stored and the same bytes every time once published, a draft before.</summary>
    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetForm(long id, string? lang, AppraisalFiles files,
        KpiDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!TryLanguage(lang, out var language, out var problem)) return problem!;
        return await ServeAsync(http, db, await files.FormAsync(id, language, Viewer(http), ct), "appraisal_form.downloaded", ct);
    }

    /// <summary>The cycle's payroll export (<c>?lang=zh|en</c> for the headers): stored once published, a draft before.</summary>
    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Export(long id, string? lang, AppraisalFiles files,
        KpiDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!TryLanguage(lang, out var language, out var problem)) return problem!;
        return await ServeAsync(http, db, await files.ExportAsync(id, language, Viewer(http), ct), "appraisal_export.downloaded", ct);
    }

    private static bool TryLanguage(string? lang, out ReportLanguage language, out ProblemHttpResult? problem)
    {
        problem = null;
        language = ReportLanguage.Zh;
        if (lang is null || ReportLanguages.TryParse(lang, out language)) return true;
        problem = Problems.Invalid("lang", $"'{lang}' is not a report language: use zh or en.");
        return false;
    }

    /// <summary>
    /// A stored file with its SHA-256 as ETag (304 to a client that has it), a draft with no caching at all; both named
    /// by RFC 6266 (the Chinese name in <c>filename*</c>, an ASCII twin in <c>filename</c>). Every download that sends
    /// bytes is audited: these are people's appraisals.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ServeAsync(HttpContext http, KpiDbContext db,
        AppraisalFile file, string action, CancellationToken ct)
    {
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = file.Name.Ascii, FileNameStar = file.Name.Display };
        http.Response.Headers.ContentDisposition = disposition.ToString();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var who = Caller.From(http.User).Name;
        if (file.Stored is not { } stored)
        {
            http.Response.Headers.CacheControl = "no-store";
            db.Record(clock.GetUtcNow().UtcDateTime, who, action, "file", file.Name.Display, new { draft = true });
            await db.SaveChangesAsync(ct);
            return TypedResults.File(file.Bytes!, file.ContentType);
        }

        http.Response.Headers.CacheControl = "private, no-cache";
        var etag = new EntityTagHeaderValue($"\"{stored.Sha256}\"");
        var match = http.Request.GetTypedHeaders().IfNoneMatch;
        if (match.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            http.Response.Headers.ETag = etag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        db.Record(clock.GetUtcNow().UtcDateTime, who, action, "file", file.Name.Display, new { sha256 = stored.Sha256 });
        await db.SaveChangesAsync(ct);
        return TypedResults.File(await db.ContentAsync(stored.Id, ct), stored.ContentType, entityTag: etag,
            lastModified: new DateTimeOffset(DateTime.SpecifyKind(stored.CreatedAt, DateTimeKind.Utc)));
    }
}
