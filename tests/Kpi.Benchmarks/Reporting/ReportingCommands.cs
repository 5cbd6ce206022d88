using System.Diagnostics;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Models;
using Kpi.Reporting.Xlsx;
using Kpi.Testing.Reports;

namespace Kpi.Benchmarks.Reporting;

/// <summary>
/// <c>big-sheet [FILE]</c> writes one 100k × 10 sheet and prints its time and the process's peak memory (run it under
/// <c>/usr/bin/time -v</c> for the OS's view); <c>samples [DIR]</c> writes the sample packs (zh and en) to look at;
/// <c>reports DIR</c> closes the demo company's October and writes its packs (<see cref="DemoReports"/>, for <c>reports/</c>).
/// </summary>
public static class ReportingCommands
{
    public static bool TryRun(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "reports":
                DemoReports.RunAsync(args.Length > 1 ? args[1] : "reports").GetAwaiter().GetResult();
                return true;
            case "big-sheet":
                BigSheetOnce(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "kpi-big-sheet.xlsx"));
                return true;
            case "samples":
                Samples(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "kpi-samples"));
                return true;
            default:
                return false;
        }
    }

    private static void BigSheetOnce(string path)
    {
        var watch = Stopwatch.StartNew();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            BigSheet.Write(file);
        }
        watch.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"{BigSheet.Rows:N0} rows × {BigSheet.Columns.Length} columns: {watch.Elapsed.TotalSeconds:F2} s, " +
                          $"{new FileInfo(path).Length / 1e6:F1} MB file, peak working set {self.PeakWorkingSet64 / 1e6:F0} MB");
    }

    private static void Samples(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var language in new[] { ReportLanguage.Zh, ReportLanguage.En })
        {
            var code = language.Code();
            File.WriteAllBytes(Path.Combine(dir, $"department-pack-{code}.pdf"), new DepartmentPackPdf(SamplePacks.Production(language)).Render());
            File.WriteAllBytes(Path.Combine(dir, $"department-pack-{code}.xlsx"), new DepartmentPackXlsx(SamplePacks.Production(language)).Render());
            File.WriteAllBytes(Path.Combine(dir, $"executive-summary-{code}.pdf"), new ExecutiveSummaryPdf(SamplePacks.Executive(language)).Render());
        }
        Console.WriteLine($"Sample packs written to {dir}");
    }
}
