using Kpi.Delivery.Mail;
using Kpi.Domain.Access;
using Kpi.Reporting.Models;

namespace Kpi.Delivery.Outbox;

/// <summary>The executive summary of one revision of a period, and its PDF as stored, under its Chinese file name.</summary>
public sealed record SummaryContent(ExecutiveSummaryModel Model, MailAttachment Pdf);

/// <summary>One department's pack as a recipient gets it: the model the mail lists, and the stored files to attach.</summary>
public sealed record DepartmentPackContent(DepartmentPackModel Model, IReadOnlyList<MailAttachment> Files);

/// <summary>
/// What report mails are made of: frozen versions and the packs stored for them (rendered and stored on first request
/// when a language has not been rendered yet). Implemented where the packs are (<c>Kpi.Jobs.Delivery.ReportContent</c>),
/// so the outbox needs no job library.
/// </summary>
public interface IReportContent
{
    /// <summary>The summary of <paramref name="revision"/> of the period; null when nothing of the period was frozen by then.</summary>
    Task<SummaryContent?> SummaryAsync(string period, int revision, ReportLanguage language, CancellationToken ct);

    /// <summary>
    /// Every department pack a reader with <paramref name="scope"/> gets for <paramref name="revision"/> of the period, in
    /// tree order, with the files of <paramref name="formats"/> (<c>pdf</c>, <c>xlsx</c>). This is the one way the
    /// outbox fetches packs for a recipient, and so the one place where the pack a reader gets can depend on what they
    /// may see (a variant without lines scoped to departments outside <paramref name="scope"/>).
    /// </summary>
    Task<IReadOnlyList<DepartmentPackContent>> DepartmentPacksAsync(string period, int revision, ReportLanguage language,
        IReadOnlyList<string> formats, AccessScope scope, CancellationToken ct);
}
