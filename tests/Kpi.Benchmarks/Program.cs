using BenchmarkDotNet.Running;
using Kpi.Benchmarks.Reporting;

// Pick benchmarks with --filter, e.g. --filter '*CsvRead*'; with no arguments BenchmarkDotNet asks which to run.
// `big-sheet` and `samples` are reporting commands (see README.md).
if (ReportingCommands.TryRun(args)) return;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
