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

    private const string CycleStepDescription = "409 says the state the cycle is in and what the step needs; 404 for an unknown cycle.";

    private const string AppraisalDescription = "404 for an unknown appraisal; 403 for one you may not see.";

    private const string StepDescription =
        "404 for an unknown appraisal; 403 for one you may not see, or a step that is not yours: nobody acts on their own appraisal but to "
        + "assess themselves. Audited.";

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
        templates.MapPost("/", PostTemplate).RequireAuthorization(Hr).Accepts<AppraisalTemplateDocument>("application/json")
            .WithSummary("Create an appraisal template; a template never changes once created (HR or admin)")
            .WithDescription($"400 names every wrong field (parts, grades[1].min, distribution.S.max …); 409 when the code is taken; a body is at "
                             + $"most {MaxBodyBytes / 1024} KB. The rules are in docs/appraisal.md.");
        templates.MapGet("/", GetTemplates).WithSummary("Every appraisal template");
        templates.MapGet("/{code}", GetTemplate).WithSummary("One appraisal template").WithDescription("404 for an unknown code.");

        var cycles = api.MapGroup("/appraisal/cycles");
        cycles.MapPost("/", PostCycle).RequireAuthorization(Hr)
            .WithSummary("Create an appraisal cycle: a draft appraisal for everyone on the chosen departments' staff (HR or admin)")
            .WithDescription("400 names every wrong field (name, template, period, departments, self_due, review_due).");
        cycles.MapGet("/", GetCycles).WithSummary("The appraisal cycles holding an appraisal you may see, newest first");
        cycles.MapGet("/{id:long}", GetCycle).WithSummary("A cycle and its counts by state; to HR also its grade distribution and history")
            .WithDescription("404 for an unknown cycle; 403 when you may see none of its appraisals.");
        cycles.MapGet("/{id:long}/appraisals", GetCycleAppraisals)
            .WithSummary("The cycle's appraisals you may see; your own result stays hidden until the cycle is published")
            .WithDescription("404 for an unknown cycle; 403 when you may see none of its appraisals.");
        cycles.MapPost("/{id:long}/start", Start).RequireAuthorization(Hr)
            .WithSummary("Start a draft cycle: its appraisals go to self-assessment, or to manager review (HR or admin)")
            .WithDescription(CycleStepDescription);
        cycles.MapPost("/{id:long}/calibrate", Calibrate).RequireAuthorization(Hr)
            .WithSummary("Move a started cycle to calibration, taking each department's KPI total from the closed months (HR or admin)")
            .WithDescription("409 names the months not closed (open_months) and the appraisals not reviewed (not_reviewed), or the state the "
                             + "cycle is in; 404 for an unknown cycle.");
        cycles.MapPost("/{id:long}/approve", Approve).RequireAuthorization(Hr)
            .WithSummary("Approve a cycle in calibration, checking its grades against the distribution policy (HR or admin)")
            .WithDescription("An optional override_reason approves despite the violations, and is recorded. 409 lists the violations when "
                             + "the grades break the policy without one, or says why the cycle cannot be approved; 404 for an unknown cycle.");
        cycles.MapPost("/{id:long}/publish", Publish).RequireAuthorization(Hr)
            .WithSummary("Publish an approved cycle: employees see their results, and nothing changes any more (HR or admin)")
            .WithDescription("Every form is rendered and stored in the background. " + CycleStepDescription);
        cycles.MapGet("/{id:long}/export.xlsx", Export).RequireAuthorization(Hr)
            .WithSummary("The cycle's payroll export as XLSX: one row per appraisal (HR or admin)")
            .WithDescription("lang: zh or en, for the headers (default zh). A draft rendered on each request before publication; after it, "
                             + "stored and the same bytes every time (ETag, 304). Every download is audited. 404 for an unknown cycle.");

        var appraisals = api.MapGroup("/appraisals");
        appraisals.MapGet("/{id:long}", GetAppraisal)
            .WithSummary("One appraisal you may see; the employee sees their result once the cycle is published")
            .WithDescription(AppraisalDescription);
        appraisals.MapGet("/{id:long}.pdf", GetForm).WithSummary("The appraisal form as PDF")
            .WithDescription("lang: zh or en (default zh). The employee gets it once the cycle is published (409 before); the appraiser, a "
                             + "manager in scope and HR get a draft before. Every download is audited. " + AppraisalDescription);
        appraisals.MapPut("/{id:long}/goals", PutGoals).WithSummary("Replace an appraisal's goals (its appraiser or HR, until the review)")
            .WithDescription("An empty list clears them. 400 names every wrong field (goals[0].target …); 409 once the review is submitted. "
                             + StepDescription);
        appraisals.MapPost("/{id:long}/self", PostSelfAssessment).WithSummary("Submit your own self-assessment (the employee only)")
            .WithDescription("Ratings may be partial; goal_actuals are all or none. 400 names every wrong field; 409 unless the appraisal "
                             + "awaits a self-assessment. " + StepDescription);
        appraisals.MapPost("/{id:long}/review", PostReview)
            .WithSummary("Submit the review: goal actuals, ratings and a comment (the appraiser; HR where there is none)")
            .WithDescription("Every item is rated and every goal has one actual, in order. 400 names every wrong field (ratings.teamwork, "
                             + "goal_actuals …); 409 unless the appraisal awaits its review. " + StepDescription);
        appraisals.MapPut("/{id:long}/calibration", PutCalibration).RequireAuthorization(Hr)
            .WithSummary("Adjust an appraisal's score or override its grade, with a reason (HR or admin)")
            .WithDescription("400 names every wrong field (adjustment, grade, reason); 409 unless the cycle is in "
                             + "calibration and the appraisal reviewed. " + StepDescription);
        appraisals.MapPost("/{id:long}/reopen", Reopen).RequireAuthorization(Hr)
            .WithSummary("Send a reviewed appraisal back to its appraiser, with a reason (HR or admin)")
            .WithDescription("Until publication; an approved cycle goes back to calibration. 400 without a reason; 409 when the appraisal is not "
                             + "reviewed or the cycle is published. " + StepDescription);
        appraisals.MapPost("/{id:long}/kpi/refresh", RefreshKpi).RequireAuthorization(Hr)
            .WithSummary("Retake an appraisal's KPI total after a restatement, with a reason (HR or admin)")
            .WithDescription("400 without a reason; 409 unless the cycle is in calibration and every month of its "
                             + "period is closed. " + StepDescription);
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
