using System.Diagnostics;
using BenchmarkDotNet.Running;
using Kpi.Benchmarks;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Models;
using Kpi.Reporting.Tests.Samples;
using Kpi.Reporting.Xlsx;

// dotnet run -c Release --project tests/Kpi.Benchmarks -- --filter '*'      BenchmarkDotNet (p50 = Median, Allocated)
// dotnet run -c Release --project tests/Kpi.Benchmarks -- big-sheet FILE    one 100k × 10 sheet, with its time and peak memory
//                                                                           (run under /usr/bin/time -v for the OS's view)
// dotnet run -c Release --project tests/Kpi.Benchmarks -- samples DIR       the sample packs as files, to look at
switch (args.FirstOrDefault())
{
    case "big-sheet":
    {
        var path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "kpi-big-sheet.xlsx");
        var watch = Stopwatch.StartNew();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite))
        {
            BigSheet.Write(file);
        }
        watch.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"{BigSheet.Rows:N0} rows × {BigSheet.Columns.Length} columns: {watch.Elapsed.TotalSeconds:F2} s, " +
                          $"{new FileInfo(path).Length / 1e6:F1} MB file, peak working set {self.PeakWorkingSet64 / 1e6:F0} MB");
        return;
    }
    case "samples":
    {
        var dir = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "kpi-samples");
        Directory.CreateDirectory(dir);
        foreach (var language in new[] { ReportLanguage.Zh, ReportLanguage.En })
        {
            var code = language.Code();
            File.WriteAllBytes(Path.Combine(dir, $"department-pack-{code}.pdf"), new DepartmentPackPdf(SamplePacks.Production(language)).Render());
            File.WriteAllBytes(Path.Combine(dir, $"department-pack-{code}.xlsx"), new DepartmentPackXlsx(SamplePacks.Production(language)).Render());
            File.WriteAllBytes(Path.Combine(dir, $"executive-summary-{code}.pdf"), new ExecutiveSummaryPdf(SamplePacks.Executive(language)).Render());
        }
        Console.WriteLine($"Sample packs written to {dir}");
        return;
    }
    default:
        BenchmarkSwitcher.FromAssembly(typeof(PackBenchmarks).Assembly).Run(args);
        return;
}
