using BenchmarkDotNet.Attributes;
using Kpi.Domain.Periods;
using Kpi.Jobs.Packs;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Models;
using Kpi.Reporting.Xlsx;
using Kpi.Storage;
using Kpi.Storage.Close;
using Microsoft.Data.Sqlite;

namespace Kpi.Benchmarks.Reporting;

/// <summary>
/// What one render job of the close does per pack, on the demo company's real October: the report model built from the
/// frozen version (JSON read back, names and wording in Chinese) and rendered — 生产部's pack (6 pages, 10 KPI sections
/// with charts) as PDF and as XLSX, and the executive summary of all 15 departments.
/// </summary>
[MemoryDiagnoser]
public class ClosedPackBenchmarks
{
    private readonly CompanyTimeZone _zone = CompanyTimeZone.Default;
    private ScorecardVersion _production = null!;
    private List<ScorecardVersion> _all = null!;
    private DirectoryInfo _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("kpi-pack-bench-");
        using var db = StorageServices.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder.FullName, "kpi.db")}");
        var (first, _) = DemoReports.CloseOctoberAsync(db).GetAwaiter().GetResult();
        _production = first.Created.Single(v => v.DepartmentCode == "PROD");
        _all = first.Created.ToList();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Benchmark]
    public byte[] DepartmentPackPdf() => new DepartmentPackPdf(ReportModels.Department(_production, ReportLanguage.Zh, _zone, PackVariant.Full)).Render();

    [Benchmark]
    public byte[] DepartmentPackXlsx() => new DepartmentPackXlsx(ReportModels.Department(_production, ReportLanguage.Zh, _zone, PackVariant.Full)).Render();

    [Benchmark]
    public byte[] ExecutiveSummaryPdf() => new ExecutiveSummaryPdf(ReportModels.Summary("2026-10", _all, ReportLanguage.Zh, _zone)).Render();
}
