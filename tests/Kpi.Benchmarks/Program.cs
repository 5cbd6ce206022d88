using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. --filter '*CsvRead*'; with no arguments BenchmarkDotNet asks which to run.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
