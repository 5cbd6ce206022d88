using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Kpi.Benchmarks.Reporting;

/// <summary>100,000 rows × 10 columns streamed with OpenXmlWriter. Target: at most 2.5 s and 250 MB peak.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BigSheetBenchmarks
{
    [Benchmark]
    public long Write100kRows()
    {
        using var output = new MemoryStream();
        BigSheet.Write(output);
        return output.Length;
    }
}
