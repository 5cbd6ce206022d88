using BenchmarkDotNet.Attributes;
using Kpi.Reporting.Documents;
using Kpi.Reporting.Models;
using Kpi.Reporting.Xlsx;
using Kpi.Testing.Reports;

namespace Kpi.Benchmarks.Reporting;

/// <summary>One department's monthly pack (11 lines, 10 KPI sections with charts, 6 pages) as PDF and XLSX.</summary>
[MemoryDiagnoser]
public class PackBenchmarks
{
    private DepartmentPackModel _pack = null!;
    private ExecutiveSummaryModel _summary = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pack = SamplePacks.Production();
        _summary = SamplePacks.Executive();
    }

    [Benchmark]
    public byte[] DepartmentPackPdf() => new DepartmentPackPdf(_pack).Render();

    [Benchmark]
    public byte[] DepartmentPackXlsx() => new DepartmentPackXlsx(_pack).Render();

    [Benchmark]
    public byte[] ExecutiveSummaryPdf() => new ExecutiveSummaryPdf(_summary).Render();
}
