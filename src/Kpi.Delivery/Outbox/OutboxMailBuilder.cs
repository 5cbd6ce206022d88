using Kpi.Delivery.Mail;
using Kpi.Delivery.Subscriptions;
using Kpi.Reporting.Mail;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kpi.Delivery.Outbox;

/// <summary>A row that cannot become a mail, for a reason no retry changes (the subscription is gone, nothing is in scope, a bad address).</summary>
public sealed class OutboxContentException(string message) : Exception(message);

/// <summary>
/// Makes the mail an outbox row stands for, the same every time: the report's mail body (<see cref="ExecutiveSummaryMail"/>,
/// <see cref="DepartmentPackMail"/>) from the frozen versions of the row's revision, the stored packs attached under
/// their Chinese names, a link to the month's page of the portal under <c>Kpi:Mail:PortalUrl</c>, and the row's own Message-ID. A mail that is not
/// a report carries its words in the row.
/// </summary>
public sealed class OutboxMailBuilder(KpiDbContext db, IReportContent reports, MailComposer composer, IOptions<MailOptions> options)
{
    /// <exception cref="OutboxContentException">The row cannot become a mail.</exception>
    public async Task<ComposedMail> BuildAsync(OutboxMessage row, CancellationToken ct)
    {
        if (row.SubscriptionId is { } id && !await db.Subscriptions.AnyAsync(s => s.Id == id, ct))
            throw new OutboxContentException($"Subscription {id} was deleted before this mail was sent.");
        var (body, files) = row.Kind switch
        {
            ReportKinds.ExecutiveSummary => await SummaryAsync(row, ct),
            ReportKinds.DepartmentPacks => await PacksAsync(row, ct),
            _ => (new RenderedMail(row.Subject ?? throw Wordless(row), row.Html ?? throw Wordless(row), row.Text ?? throw Wordless(row)),
                (IReadOnlyList<MailAttachment>)[]),
        };
        try
        {
            return composer.Compose(new OutgoingMail(row.MessageId, new MailRecipient(row.DisplayName, row.Address), body, files));
        }
        catch (ArgumentException e)
        {
            throw new OutboxContentException(e.Message);
        }
    }

    private async Task<(RenderedMail, IReadOnlyList<MailAttachment>)> SummaryAsync(OutboxMessage row, CancellationToken ct)
    {
        var content = await reports.SummaryAsync(row.Period, row.Revision, Language(row), ct)
                      ?? throw new OutboxContentException($"Nothing of {row.Period} was frozen by revision {row.Revision}: there is no summary to send.");
        var body = new ExecutiveSummaryMail(content.Model, options.Value.PortalPage($"company/{Uri.EscapeDataString(row.Period)}")).Render();
        return (body, AttachmentFormats.Split(row.Attachments).Contains(AttachmentFormats.Pdf) ? [content.Pdf] : []);
    }

    private async Task<(RenderedMail, IReadOnlyList<MailAttachment>)> PacksAsync(OutboxMessage row, CancellationToken ct)
    {
        var packs = await reports.DepartmentPacksAsync(row.Period, row.Revision, Language(row), AttachmentFormats.Split(row.Attachments),
            ScopeText.Parse(row.Scope), ct);
        if (packs.Count == 0)
            throw new OutboxContentException($"No department pack of {row.Period} (revision {row.Revision}) is within the recipient's scope.");
        // One department: its scorecard; several: the month's packs, which lists those the recipient may open.
        var page = packs.Count == 1
            ? $"scorecards/{Uri.EscapeDataString(packs[0].Model.DepartmentCode)}/{Uri.EscapeDataString(row.Period)}"
            : $"packs/{Uri.EscapeDataString(row.Period)}";
        var body = new DepartmentPackMail(DepartmentPackMailModel.From(packs.Select(p => p.Model).ToList(), row.Revision), options.Value.PortalPage(page)).Render();
        return (body, packs.SelectMany(p => p.Files).ToList());
    }

    private static ReportLanguage Language(OutboxMessage row) => ReportLanguages.TryParse(row.Language, out var language) ? language : ReportLanguage.Zh;

    private static OutboxContentException Wordless(OutboxMessage row) => new($"Outbox row {row.Id} ({row.Kind}) holds no subject, HTML or text to send.");
}
