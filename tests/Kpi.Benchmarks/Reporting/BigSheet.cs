using Kpi.Reporting.Xlsx;

namespace Kpi.Benchmarks.Reporting;

/// <summary>A 100,000 × 10 data sheet of the kind an export or a rejected-rows dump produces, generated lazily.</summary>
public static class BigSheet
{
    public const int Rows = 100_000;

    public static readonly SheetColumn[] Columns =
    [
        new("record_id", SheetValueKind.Text, 16),
        new("department", SheetValueKind.Text, 12),
        new("date", SheetValueKind.Date, 12),
        new("planned_qty", SheetValueKind.Decimal),
        new("actual_qty", SheetValueKind.Decimal),
        new("completion", SheetValueKind.Percent),
        new("line", SheetValueKind.Integer, 8),
        new("source", SheetValueKind.Text, 30),
        new("amount", SheetValueKind.Decimal),
        new("note", SheetValueKind.Text, 40),
    ];

    private static readonly string[] Departments = ["PRD", "PRD-W1", "PRD-W2", "QA", "CS", "SALES"];

    public static IEnumerable<IReadOnlyList<object?>> Generate(int rows = Rows)
    {
        var start = new DateOnly(2026, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var planned = 1_000m + i % 500;
            var actual = planned - i % 37;
            yield return
            [
                $"P-{i:D7}",
                Departments[i % Departments.Length],
                start.AddDays(i % 300),
                planned,
                actual,
                Math.Round(actual / planned, 4),
                i + 2,
                $"inbox/production-2026-{1 + i % 10:D2}.csv",
                12_345.67m + i,
                i % 10 == 0 ? "补录:班组长确认后更新" : null,
            ];
        }
    }

    public static void Write(Stream output) => StreamingSheetWriter.Write(output, "production", Columns, Generate());
}
