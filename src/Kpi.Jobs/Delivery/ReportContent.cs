using Kpi.Delivery.Mail;
using Kpi.Delivery.Outbox;
using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Models;
using Kpi.Storage;
using Kpi.Storage.Close;
using Kpi.Storage.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Jobs.Delivery;

/// <summary>
/// Report content for the outbox, from frozen versions and stored packs only — never from today's data — so a mail
/// composed again has the same figures and the same attached bytes as the downloads of the same version. Packs are
/// attached under the names downloads use (<c>生产部-2026-10-v1-zh.pdf</c>, <c>经营月度摘要-2026-10-v1-zh.pdf</c>).
/// </summary>
public sealed class ReportContent(KpiDbContext db, ReportFiles files, CompanyTimeZone zone) : IReportContent
{
    public async Task<SummaryContent?> SummaryAsync(string period, int revision, ReportLanguage language, CancellationToken ct)
    {
        var versions = await files.AsOfRevisionAsync(period, revision, ct);
        if (versions.Count == 0) return null;
        var stored = await files.SummaryAsync(period, revision, language, ct);
        if (stored is null) return null;
        var name = ReportFileNames.Summary(period, revision, language).Display;
        return new SummaryContent(ReportModels.Summary(period, versions, language, zone),
            new MailAttachment(name, stored.ContentType, await db.ContentAsync(stored.Id, ct)));
    }

    /// <summary>
    /// The packs of the departments <paramref name="scope"/> may see, each the latest version frozen in or before
    /// <paramref name="revision"/>, in the order the org chart reads, each in the variant the recipient's scope gets
    /// (<see cref="PackVariants"/>): a line computed over a department outside their scope is mailed without its figures,
    /// as it is downloaded.
    /// </summary>
    public async Task<IReadOnlyList<DepartmentPackContent>> DepartmentPacksAsync(string period, int revision, ReportLanguage language,
        IReadOnlyList<string> formats, AccessScope scope, CancellationToken ct)
    {
        var org = await db.LoadOrganisationAsync(ct);
        var visible = TreeOrder(org.Tree).Where(code => scope.CanSee(org.Tree, code)).ToList();
        if (visible.Count == 0) return [];
        var versions = (await db.ScorecardVersions.AsNoTracking().Latest(period, revision).Where(v => visible.Contains(v.DepartmentCode)).ToListAsync(ct))
            .OrderBy(v => visible.IndexOf(v.DepartmentCode)).ToList();
        var wanted = FileFormats.All.Where(f => formats.Contains(f.Name())).ToList();

        var packs = new List<(ScorecardVersion Version, DepartmentPackModel Model, List<(string Name, StoredFileInfo File)> Files)>();
        foreach (var version in versions)
        {
            var stored = new List<(string, StoredFileInfo)>();
            foreach (var format in wanted)
            {
                var file = await files.DepartmentForAsync(version, scope, org.Tree, language, format, ct);
                stored.Add((ReportFileNames.Department(version.DepartmentCode, org.Tree.Get(version.DepartmentCode).Name, period, version.Version,
                    language, format).Display, file));
            }
            packs.Add((version, ReportModels.DepartmentFor(version, scope, org.Tree, language, zone), stored));
        }

        // Two departments may share a name (一车间 under two plants): their codes tell the files apart, as in the zip.
        var clashing = packs.SelectMany(p => p.Files).GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var content = new List<DepartmentPackContent>();
        foreach (var (version, model, stored) in packs)
        {
            var attachments = new List<MailAttachment>();
            foreach (var (name, file) in stored)
                attachments.Add(new MailAttachment(clashing.Contains(name) ? $"{version.DepartmentCode}-{name}" : name, file.ContentType,
                    await db.ContentAsync(file.Id, ct)));
            content.Add(new DepartmentPackContent(model, attachments));
        }
        return content;
    }

    /// <summary>Parents before children, siblings by code.</summary>
    private static List<string> TreeOrder(OrgTree tree)
    {
        var order = new List<string>();
        var stack = new Stack<string>(tree.Roots.Select(r => r.Code).Reverse());
        while (stack.Count > 0)
        {
            var code = stack.Pop();
            order.Add(code);
            foreach (var child in tree.Children(code).OrderByDescending(c => c.Code, StringComparer.Ordinal)) stack.Push(child.Code);
        }
        return order;
    }
}
