using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Kpi.Domain.Periods;
using Kpi.Domain.Records;
using Kpi.Ingestion.Files;

namespace Kpi.Benchmarks.Ingestion;

/// <summary>
/// Reads a generated production CSV of a million rows (about 40 MB, the size of a month of production data)
/// from disk. Results are per row: 1 µs per row is a million rows a second. The target is well over 500,000 rows/s.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CsvReadBenchmark
{
    public const int Rows = 1_000_000;
    private string _path = "";

    [GlobalSetup]
    public void WriteFile()
    {
        _path = Path.Combine(Path.GetTempPath(), $"kpi-benchmark-production-{Environment.ProcessId}.csv");
        using var writer = new StreamWriter(_path, false, new UTF8Encoding(true), 1 << 16);
        writer.Write("record_id,department,date,planned_qty,actual_qty\r\n");
        var day = new DateOnly(2026, 10, 1);
        for (var i = 0; i < Rows; i++)
        {
            writer.Write("PRD-");
            writer.Write(i.ToString("D8"));
            writer.Write(i % 5 == 0 ? ",PRD.W1," : ",PRD.W2,");
            writer.Write(day.AddDays(i % 31).ToString("yyyy-MM-dd"));
            writer.Write(',');
            writer.Write(1000 + i % 500);
            writer.Write(',');
            writer.Write(i % 3 == 0 ? "987.5" : "1001");
            writer.Write("\r\n");
        }
    }

    [GlobalCleanup]
    public void DeleteFile() => File.Delete(_path);

    /// <summary>What the readers own: decoding, splitting, header mapping and a row object per record.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int Read()
    {
        using var file = ImportFile.Open(_path, RecordKind.Production);
        var count = 0;
        foreach (var row in file.ReadRows())
        {
            if (!row.HasErrors) count++;
        }
        return Check(count);
    }

    /// <summary>Reading plus the domain's record parser, the whole way from bytes to typed records.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int ReadAndParse()
    {
        using var file = ImportFile.Open(_path, RecordKind.Production);
        var zone = CompanyTimeZone.Default;
        var count = 0;
        foreach (var row in file.ReadRows())
        {
            if (RecordParser.Parse(RecordKind.Production, row.Get, zone).IsValid) count++;
        }
        return Check(count);
    }

    private static int Check(int count) =>
        count == Rows ? count : throw new InvalidOperationException($"Read {count} good rows of {Rows}.");
}
