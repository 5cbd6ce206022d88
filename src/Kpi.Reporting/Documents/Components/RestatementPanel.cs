using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Documents.Components;

/// <summary>The notice a restated pack carries on its cover: which version, when, why, and what changed.</summary>
public static class RestatementPanel
{
    public static Block Create(RestatementNotice notice, Labels labels)
    {
        var content = new Column()
            .Paragraph(labels.Paren(labels.Restated, $"{labels.Version} {notice.Version}"), Typography.Heading3.WithColor(Palette.Amber))
            .Spacing(3f)
            .KeyValues(new KeyValueList(
                [(labels.RestatedAt, labels.Timestamp(notice.RestatedAt)), (labels.Reason, notice.Reason)],
                Typography.KeyLabel, Typography.KeyValue, columns: 1, keyShare: 0.16f));

        if (notice.ChangedLines.Count > 0)
        {
            var table = new Table(
            [
                new TableColumn(labels.Metric, 3f),
                new TableColumn(labels.OldValue, 1.2f, TextAlign.Right),
                new TableColumn(labels.NewValue, 1.2f, TextAlign.Right),
            ], Typography.Table with { HeaderBackground = Palette.Amber, Stripe = null });
            foreach (var line in notice.ChangedLines)
            {
                table.AddRow(line.MetricName, ReportFormat.Value(line.OldValue, line.Unit), ReportFormat.Value(line.NewValue, line.Unit));
            }
            content.Spacing(4f).Table(table);
        }

        return new Box(content, new BoxStyle(Palette.NoticeFill, Accent: Palette.NoticeAccent, Padding: 10f));
    }
}
