using Kpi.Domain.Appraisal;
using Kpi.Domain.Scoring;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Documents.Components;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Pdf;

namespace Kpi.Reporting.Appraisal;

/// <summary>
/// An employee's appraisal form as PDF: who, the headline result (final score, grade, coefficient), how the score is
/// made — every part's score and weights, the final's arithmetic, the adjustment and the grade's path (computed,
/// veto, override) — each part's inputs (the KPI total and where it came from, every goal scored as a scorecard line,
/// every competency item rated), the comments, the history, and the signature lines 员工 / 直属上级 / 人力资源部.
/// Numbers show at most four decimals (docs/appraisal.md). The same model always gives the same bytes.
/// </summary>
public sealed class AppraisalFormPdf(AppraisalFormModel model) : ReportPdf(model.Language, model.GeneratedAt)
{
    private readonly AppraisalLabels _words = AppraisalLabels.For(model.Language);

    protected override DocumentInfo Info() => new(
        Title: $"{_words.FormTitle} {model.EmployeeName} {Labels.Period(model.Period)}",
        Author: model.CompanyName,
        Subject: $"{_words.FormTitle}: {model.EmployeeName} ({model.EmployeeNo}), {model.CycleName}, {model.Period}",
        Keywords: $"appraisal, {model.EmployeeNo}, {model.Period}",
        Created: model.GeneratedAt);

    protected override Block ComposeHeader(PageInfo page) => PageChrome.Header(
        $"{model.CompanyName} · {_words.FormTitle}",
        $"{model.EmployeeName} · {model.CycleName}{(model.IsDraft ? $" · {_words.StatusName(model.Status)}" : "")}");

    protected override void ComposeContent(Column content)
    {
        ComposeTitle(content);
        ComposeComposition(content);
        foreach (var part in model.Parts) ComposePart(content, part);
        ComposeComments(content);
        ComposeHistory(content);
        ComposeSignatures(content);
    }

    private void ComposeTitle(Column content)
    {
        content.Paragraph(model.CompanyName, Typography.CoverCompany)
            .Paragraph(_words.FormTitle, Typography.CoverTitle)
            .Paragraph($"{model.CycleName} · {Labels.Period(model.Period)}", Typography.CoverSubtitle)
            .Rule(Palette.Brand, 1.5f, 4f)
            .Spacing(6f);
        if (model.IsDraft)
        {
            content.Box(new BoxStyle(Palette.NoticeFill, Accent: Palette.NoticeAccent, Padding: 8f), box => box
                .Paragraph(_words.Draft, Typography.BodyBold.WithColor(Palette.Amber)));
            content.Spacing(6f);
        }

        var appraiser = model.AppraiserEmployeeNo is { } no ? Labels.Paren(model.AppraiserName ?? no, no) : _words.HrActs;
        var name = model.IsHead ? Labels.Paren(model.EmployeeName, _words.Head) : model.EmployeeName;
        content.KeyValues(new KeyValueList(
        [
            (_words.Name, name), (_words.EmployeeNo, model.EmployeeNo),
            (Labels.Department, Labels.Paren(model.DepartmentName, model.DepartmentCode)), (_words.Position, model.Position),
            (_words.Appraiser, appraiser), (_words.Template, model.TemplateName),
            (_words.Cycle, model.CycleName), (_words.Status, _words.StatusName(model.Status)),
        ], Typography.KeyLabel, Typography.KeyValue, columns: 2, keyShare: 0.3f));

        content.Spacing(10f).Add(KeyFigures.Tiles(
        [
            new KeyFigure(_words.FinalScore, Number(model.Final)),
            new KeyFigure(_words.FinalGrade, model.Grade ?? ReportFormat.Dash, Palette.GradeColor(model.Grade),
                model.Veto is { Applies: true } ? Labels.VetoApplied : model.GradeOverride is not null ? _words.GradeOverride : null),
            new KeyFigure(_words.Coefficient, model.Coefficient is { } c ? Scorer.Fmt(c) : ReportFormat.Dash),
            new KeyFigure(Labels.Completeness, ReportFormat.Percent(model.Completeness)),
        ]));
        content.Spacing(12f);
    }

    private void ComposeComposition(Column content)
    {
        content.Heading(_words.ScoreComposition, Typography.Heading1, spaceAfter: 4f);
        var table = new Table(
        [
            new TableColumn(_words.Part, 3f),
            new TableColumn(Labels.Weight, 1.3f, TextAlign.Right),
            new TableColumn(Labels.EffectiveWeight, 1.6f, TextAlign.Right),
            new TableColumn(Labels.Points, 1.5f, TextAlign.Right),
            new TableColumn(Labels.Arithmetic, 6f),
        ], Typography.Table);
        foreach (var part in model.Parts)
        {
            table.AddRow(_words.PartName(part.Type), Scorer.Fmt(part.Weight), Number(part.EffectiveWeight), Number(part.Score),
                part.Score is null
                    ? new TableCell($"{ReportFormat.Dash} {NoDataReason(part)}; {_words.NoDataSpread}", Style: Typography.TableCellMuted)
                    : new TableCell(PartArithmetic(part)));
        }
        table.AddRow([new TableCell(_words.FinalScore, Style: Typography.TableCellBold), Scorer.Fmt(model.Parts.Sum(p => p.Weight)), "",
            new TableCell(Number(model.Final), Style: Typography.TableCellBold), new TableCell(FinalArithmetic(), Style: Typography.TableCellBold)],
            rowBackground: Palette.BrandLight);
        content.Table(table).Spacing(4f).Paragraph(_words.FinalFormula, Typography.Small);

        var lines = new List<(string, string)>();
        if (model.Adjustment != 0 || model.CalibrationReason is not null)
            lines.Add((_words.Adjustment, Signed(model.Adjustment)));
        if (model.CalibrationReason is { } reason) lines.Add((_words.CalibrationNote, reason));
        lines.Add((_words.ComputedGrade, model.ComputedGrade ?? ReportFormat.Dash));
        if (model.Veto is { } veto)
            lines.Add((Labels.Veto, $"{_words.VetoEffect(veto)}{(veto.Reason is { } why ? $" — {why}" : "")}"));
        if (model.GradeOverride is { } grade) lines.Add((_words.GradeOverride, grade));
        lines.Add((_words.FinalGrade, model.Grade is null ? ReportFormat.Dash
            : $"{model.Grade} · {_words.Coefficient} {(model.Coefficient is { } c ? Scorer.Fmt(c) : ReportFormat.Dash)}"));
        content.Spacing(6f).KeyValues(new KeyValueList(lines, Typography.KeyLabel, Typography.KeyValue, columns: 1, keyShare: 0.2f));
    }

    private void ComposePart(Column content, FormPartModel part)
    {
        content.Heading($"{_words.PartName(part.Type)} · {Labels.Weight} {Scorer.Fmt(part.Weight)}", Typography.Heading2, spaceBefore: 12f, spaceAfter: 2f);
        switch (part.Type)
        {
            case PartType.Kpi:
                ComposeKpi(content, part);
                break;
            case PartType.Goals:
                ComposeGoals(content, part);
                break;
            default:
                ComposeCompetency(content, part);
                break;
        }
    }

    private void ComposeKpi(Column content, FormPartModel part)
    {
        if (part.Kpi is not { } kpi)
        {
            content.Paragraph(_words.KpiNotTaken, Typography.Body.WithColor(Palette.Muted));
            return;
        }
        var lines = new List<(string, string)> { (_words.KpiTotal, kpi.Total is { } t ? Scorer.Fmt(t) : $"{ReportFormat.Dash} {_words.KpiNoTotal}") };
        if (kpi.Source is { } source) lines.Add((_words.Source, source));
        if (kpi.VetoTriggered) lines.Add((Labels.Veto, kpi.VetoReason ?? Labels.VetoApplied));
        content.KeyValues(new KeyValueList(lines, Typography.KeyLabel, Typography.KeyValue, columns: 1, keyShare: 0.2f));
    }

    private void ComposeGoals(Column content, FormPartModel part)
    {
        if (part.Goals.Count == 0)
        {
            content.Paragraph(_words.NoGoals, Typography.Body.WithColor(Palette.Muted));
            return;
        }
        var table = new Table(
        [
            new TableColumn(_words.Goal, 4f),
            new TableColumn(Labels.DirectionLabel, 1.1f, TextAlign.Center),
            new TableColumn(Labels.Target, 1.5f, TextAlign.Right),
            new TableColumn(Labels.Weight, 1.2f, TextAlign.Right),
            new TableColumn(_words.SelfActual, 1.5f, TextAlign.Right),
            new TableColumn(Labels.Actual, 1.5f, TextAlign.Right),
            new TableColumn(Labels.Achievement, 1.7f, TextAlign.Right),
            new TableColumn(Labels.Points, 1.3f, TextAlign.Right),
        ], Typography.Table);
        foreach (var g in part.Goals)
        {
            table.AddRow(g.Name, Labels.DirectionArrow(g.Direction), Number(g.Target), Scorer.Fmt(g.Weight), Number(g.SelfActual), Number(g.Actual),
                ReportFormat.Percent(g.Achievement), Number(g.Points));
        }
        content.Table(table).Spacing(3f);
        foreach (var (g, i) in part.Goals.Select((g, i) => (g, i)))
        {
            var how = g.Arithmetic ?? _words.ActualsMissing;
            content.Paragraph($"{i + 1}. {g.Name}: {Labels.Direction(g.Direction)}, {Labels.RuleText(g.Rule, g.Tolerance)}. {how}", Typography.Caption);
        }
    }

    private void ComposeCompetency(Column content, FormPartModel part)
    {
        content.Paragraph(_words.Scale(part.Scale ?? 0), Typography.Small);
        var table = new Table(
        [
            new TableColumn(_words.Item, 4f),
            new TableColumn(Labels.Weight, 1.2f, TextAlign.Right),
            new TableColumn(_words.SelfRating, 1.2f, TextAlign.Right),
            new TableColumn(_words.Rating, 1.2f, TextAlign.Right),
            new TableColumn(Labels.Points, 1.4f, TextAlign.Right),
            new TableColumn(Labels.Arithmetic, 3f),
        ], Typography.Table);
        foreach (var item in part.Items)
        {
            table.AddRow(item.Name, Scorer.Fmt(item.Weight), item.SelfRating?.ToString() ?? ReportFormat.Dash, item.Rating?.ToString() ?? ReportFormat.Dash,
                Number(item.Score),
                item.Rating is { } r && item.Score is { } s ? $"{r} / {part.Scale} × 100 = {Scorer.Fmt(s)}" : _words.NotRated);
        }
        content.Table(table);
    }

    private void ComposeComments(Column content)
    {
        content.Heading(_words.Comments, Typography.Heading1, spaceBefore: 14f, spaceAfter: 4f)
            .KeyValues(new KeyValueList(
            [
                (_words.SelfComment, model.SelfComment ?? _words.None),
                (_words.ReviewComment, model.ReviewComment ?? _words.None),
            ], Typography.KeyLabel, Typography.KeyValue, columns: 1, keyShare: 0.2f));
    }

    private void ComposeHistory(Column content)
    {
        if (model.History.Count == 0) return;
        content.Heading(_words.History, Typography.Heading2, spaceBefore: 12f, spaceAfter: 2f);
        var table = new Table(
        [
            new TableColumn(_words.Step, 3f),
            new TableColumn(_words.By, 2f),
            new TableColumn(_words.When, 2.4f),
            new TableColumn(Labels.Reason, 4f),
        ], Typography.Table);
        foreach (var h in model.History)
            table.AddRow($"{_words.StatusName(h.From)} → {_words.StatusName(h.To)}", h.By, Labels.Timestamp(h.At), h.Reason ?? "");
        content.Table(table);
    }

    /// <summary>Three signature blocks side by side, kept together at the end: 员工 / 直属上级 / 人力资源部.</summary>
    private void ComposeSignatures(Column content)
    {
        content.Spacing(18f).KeepTogether(block =>
        {
            block.Heading(_words.Signatures, Typography.Heading2, spaceAfter: 10f);
            block.Row(18f, _words.Signers.Select(signer => new RowItem(new Column()
                .Paragraph(signer, Typography.BodyBold)
                .Spacing(22f)
                .Rule(Palette.Ink, 0.6f, 0f)
                .Paragraph(_words.Signature, Typography.Caption)
                .Spacing(14f)
                .Rule(Palette.Ink, 0.6f, 0f)
                .Paragraph(_words.Date, Typography.Caption))).ToArray());
        });
    }

    private string NoDataReason(FormPartModel part) => part.Type switch
    {
        PartType.Kpi => part.Kpi is null ? _words.KpiNotTaken : _words.KpiNoTotal,
        PartType.Goals => part.Goals.Count == 0 ? _words.NoGoals : _words.ActualsMissing,
        _ => _words.NotRated,
    };

    private string PartArithmetic(FormPartModel part) => part.Type switch
    {
        PartType.Kpi => $"{_words.KpiTotal} = {Number(part.Score)}",
        PartType.Goals => $"({string.Join(" + ", part.Goals.Select(g => $"{Number(g.Points)} × {Scorer.Fmt(g.Weight)}"))}) / {Scorer.Fmt(part.Goals.Sum(g => g.Weight))} = {Number(part.Score)}",
        _ => $"({string.Join(" + ", part.Items.Select(i => $"{Number(i.Score)} × {Scorer.Fmt(i.Weight)}"))}) / {Scorer.Fmt(part.Items.Sum(i => i.Weight))} = {Number(part.Score)}",
    };

    /// <summary>"(92.5 × 50 + 104 × 30 + 88 × 20) / 100 + 2 = 97.05": the parts with data over their weights, then the adjustment.</summary>
    private string FinalArithmetic()
    {
        var withData = model.Parts.Where(p => p.Score is not null).ToList();
        if (withData.Count == 0 || model.Final is not { } final) return _words.NoFinal;
        var terms = string.Join(" + ", withData.Select(p => $"{Scorer.Fmt(p.Score!.Value)} × {Scorer.Fmt(p.Weight)}"));
        var adjust = model.Adjustment switch { > 0 => $" + {Scorer.Fmt(model.Adjustment)}", < 0 => $" − {Scorer.Fmt(-model.Adjustment)}", _ => "" };
        return $"({terms}) / {Scorer.Fmt(withData.Sum(p => p.Weight))}{adjust} = {Scorer.Fmt(final)}";
    }

    private static string Number(decimal? value) => value is { } v ? Scorer.Fmt(v) : ReportFormat.Dash;

    private static string Signed(decimal value) => value > 0 ? $"+{Scorer.Fmt(value)}" : value < 0 ? $"−{Scorer.Fmt(-value)}" : "0";
}
