using Kpi.Domain.Appraisal;
using Kpi.Domain.Periods;
using Kpi.Jobs.Close;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Appraisal;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Appraisal;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kpi.Jobs.Appraisal;

/// <summary>A file to serve: stored (a published form or export, with its hash) or rendered just now (a draft).</summary>
public sealed record AppraisalFile(ReportFileNames.FileName Name, string ContentType, StoredFileInfo? Stored, byte[]? Bytes);

/// <summary>
/// The appraisal files: an employee's form (PDF) and a cycle's payroll export (XLSX). Once the cycle is published they
/// are rendered once, with the publication time as their time, and stored (<see cref="StoredFileStore"/>, as packs are):
/// every download returns the same bytes. Before publication they are drafts, rendered on each request and not stored;
/// an employee gets their own form only once it is published. Publication renders every Chinese form in the background
/// (<see cref="AppraisalFormJobs"/>); other languages render on first request.
/// </summary>
public sealed class AppraisalFiles(KpiDbContext db, CompanyTimeZone zone, TimeProvider clock, IOptions<CloseOptions> options)
{
    /// <summary>The <see cref="StoredFile.Report"/> of forms (subject: the appraisal id) and of exports (subject: the cycle id).</summary>
    public const string FormReport = "appraisal";
    public const string ExportReport = "appraisal-export";
    public const int StoredVersion = 1;

    public async Task<AppraisalFile> FormAsync(long appraisalId, ReportLanguage language, AppraisalViewer viewer, CancellationToken ct = default)
    {
        var row = await db.Appraisals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appraisalId, ct) ?? throw AppraisalNotFoundException.Appraisal(appraisalId);
        await AppraisalReads.EnsureVisibleAsync(db, row, viewer, ct);
        if (!viewer.SeesResult(row.EmployeeNo, row.Status))
            throw new AppraisalStateException($"Your appraisal is {row.Status.Name()}: its form is yours to download once the cycle is published.");
        var cycle = await db.AppraisalCycles.AsNoTracking().SingleAsync(c => c.Id == row.CycleId, ct);
        var name = FormName(row, cycle, language);
        if (row.Status == AppraisalStatus.Published)
            return new AppraisalFile(name, FileFormat.Pdf.ContentType(), await StoredFormAsync(cycle, row, language, ct), null);

        var template = AppraisalTemplateDocument.Restore(cycle.Template);
        var history = (await db.TransitionsAsync([row.Id], ct))[row.Id];
        var model = AppraisalReportModels.Form(await CompanyAsync(ct), cycle, template, row, AppraisalStore.Restore(row, template), history, language,
            ReportModels.Local(clock.GetUtcNow().UtcDateTime, zone), draft: true, zone);
        return new AppraisalFile(name, FileFormat.Pdf.ContentType(), null, new AppraisalFormPdf(model).Render());
    }

    /// <summary>The cycle's export (HR and admins): stored once the cycle is published, a draft before.</summary>
    public async Task<AppraisalFile> ExportAsync(long cycleId, ReportLanguage language, AppraisalViewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsHr) throw new AppraisalActorException("Only HR exports a cycle's results.");
        var cycle = await db.AppraisalCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw AppraisalNotFoundException.Cycle(cycleId);
        var name = new ReportFileNames.FileName(
            $"{(language == ReportLanguage.En ? "appraisal-results" : "绩效考核结果")}-{ReportFileNames.Clean(cycle.Name)}-{cycle.Period}-{language.Code()}.xlsx",
            $"appraisal-results-{cycle.Id}-{cycle.Period}-{language.Code()}.xlsx");
        if (cycle.Status != CycleStatus.Published)
            return new AppraisalFile(name, FileFormat.Xlsx.ContentType(), null, await RenderExportAsync(cycle, language, ReportModels.Local(clock.GetUtcNow().UtcDateTime, zone), ct));

        var key = new StoredFileKey(ExportReport, cycle.Period, cycle.Id.ToString(), StoredVersion, language.Code(), FileFormat.Xlsx.Name());
        if (await db.FindAsync(key, ct) is { } stored) return new AppraisalFile(name, FileFormat.Xlsx.ContentType(), stored, null);
        var bytes = await RenderExportAsync(cycle, language, await PublishedAtAsync(cycle, ct), ct);
        return new AppraisalFile(name, FileFormat.Xlsx.ContentType(), await db.SaveAsync(key, bytes, FileFormat.Xlsx.ContentType(), Now(), ct), null);
    }

    /// <summary>The appraisals of a published cycle whose Chinese form is not stored yet, in id order.</summary>
    public async Task<IReadOnlyList<long>> MissingFormsAsync(long cycleId, CancellationToken ct = default)
    {
        var cycle = await db.AppraisalCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is not { Status: CycleStatus.Published }) return [];
        var stored = await StoredSubjects(cycle).ToListAsync(ct);
        var ids = await db.Appraisals.AsNoTracking().Where(a => a.CycleId == cycleId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var done = stored.ToHashSet(StringComparer.Ordinal);
        return ids.Where(id => !done.Contains(id.ToString())).ToList();
    }

    /// <summary>Renders and stores the missing forms of the appraisals with ids in [first, last]; forms already stored are left alone.</summary>
    /// <returns>How many forms were rendered.</returns>
    public async Task<int> RenderFormsAsync(long cycleId, long first, long last, ReportLanguage language, CancellationToken ct = default)
    {
        var cycle = await db.AppraisalCycles.AsNoTracking().SingleAsync(c => c.Id == cycleId, ct);
        if (cycle.Status != CycleStatus.Published) return 0;
        var rows = await db.Appraisals.AsNoTracking().Where(a => a.CycleId == cycleId && a.Id >= first && a.Id <= last).OrderBy(a => a.Id).ToListAsync(ct);
        var code = language.Code();
        var subjects = rows.Select(r => r.Id.ToString()).ToList();
        var stored = (await db.StoredFiles.AsNoTracking()
                .Where(f => f.Report == FormReport && f.Period == cycle.Period && f.Language == code && f.Format == "pdf" && subjects.Contains(f.Subject))
                .Select(f => f.Subject).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var missing = rows.Where(r => !stored.Contains(r.Id.ToString())).ToList();
        if (missing.Count == 0) return 0;

        var template = AppraisalTemplateDocument.Restore(cycle.Template);
        var history = await db.TransitionsAsync(missing.Select(r => r.Id).ToList(), ct);
        var company = await CompanyAsync(ct);
        var publishedAt = await PublishedAtAsync(cycle, ct);
        foreach (var row in missing)
        {
            var bytes = Render(company, cycle, template, row, history[row.Id], language, publishedAt);
            await db.SaveAsync(FormKey(cycle, row, language), bytes, FileFormat.Pdf.ContentType(), Now(), ct);
        }
        return missing.Count;
    }

    /// <summary>How many of a cycle's Chinese forms are stored (the cycle page's progress).</summary>
    public static Task<int> StoredFormsAsync(KpiDbContext db, AppraisalCycleRow cycle, CancellationToken ct = default) =>
        StoredSubjects(db, cycle).CountAsync(ct);

    private IQueryable<string> StoredSubjects(AppraisalCycleRow cycle) => StoredSubjects(db, cycle);

    private static IQueryable<string> StoredSubjects(KpiDbContext db, AppraisalCycleRow cycle)
    {
        var zh = ReportLanguage.Zh.Code();
        var ids = db.Appraisals.Where(a => a.CycleId == cycle.Id).Select(a => a.Id.ToString());
        return db.StoredFiles.AsNoTracking()
            .Where(f => f.Report == FormReport && f.Period == cycle.Period && f.Language == zh && f.Format == "pdf" && ids.Contains(f.Subject))
            .Select(f => f.Subject);
    }

    private async Task<StoredFileInfo> StoredFormAsync(AppraisalCycleRow cycle, AppraisalRow row, ReportLanguage language, CancellationToken ct)
    {
        var key = FormKey(cycle, row, language);
        if (await db.FindAsync(key, ct) is { } stored) return stored;
        var template = AppraisalTemplateDocument.Restore(cycle.Template);
        var history = (await db.TransitionsAsync([row.Id], ct))[row.Id];
        var bytes = Render(await CompanyAsync(ct), cycle, template, row, history, language, await PublishedAtAsync(cycle, ct));
        return await db.SaveAsync(key, bytes, FileFormat.Pdf.ContentType(), Now(), ct);
    }

    private byte[] Render(string company, AppraisalCycleRow cycle, AppraisalTemplate template, AppraisalRow row, IEnumerable<AppraisalTransitionRow> history,
        ReportLanguage language, DateTimeOffset generatedAt) =>
        new AppraisalFormPdf(AppraisalReportModels.Form(company, cycle, template, row, AppraisalStore.Restore(row, template), history, language, generatedAt,
            draft: false, zone)).Render();

    private async Task<byte[]> RenderExportAsync(AppraisalCycleRow cycle, ReportLanguage language, DateTimeOffset generatedAt, CancellationToken ct)
    {
        var template = AppraisalTemplateDocument.Restore(cycle.Template);
        var rows = await db.Appraisals.AsNoTracking().Where(a => a.CycleId == cycle.Id).OrderBy(a => a.EmployeeNo).ToListAsync(ct);
        var model = AppraisalReportModels.Export(await CompanyAsync(ct), cycle, template, rows.Select(r => (r, AppraisalStore.Restore(r, template))), language,
            generatedAt);
        return new AppraisalExportXlsx(model).Render();
    }

    private static StoredFileKey FormKey(AppraisalCycleRow cycle, AppraisalRow row, ReportLanguage language) =>
        new(FormReport, cycle.Period, row.Id.ToString(), StoredVersion, language.Code(), FileFormat.Pdf.Name());

    private static ReportFileNames.FileName FormName(AppraisalRow row, AppraisalCycleRow cycle, ReportLanguage language) =>
        new($"{(language == ReportLanguage.En ? "appraisal" : "绩效考核表")}-{ReportFileNames.Clean(row.Name)}-{cycle.Period}-{language.Code()}.pdf",
            $"appraisal-{row.Id}-{cycle.Period}-{language.Code()}.pdf");

    /// <summary>A published file's time: the publication, so a form rendered later (English on first request) is dated as the rest.</summary>
    private async Task<DateTimeOffset> PublishedAtAsync(AppraisalCycleRow cycle, CancellationToken ct) =>
        ReportModels.Local(await db.PublishedAtAsync(cycle.Id, ct) ?? cycle.UpdatedAt, zone);

    private async Task<string> CompanyAsync(CancellationToken ct) => Freezer.CompanyName((await db.LoadOrganisationAsync(ct)).Tree, options.Value.CompanyName);

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
