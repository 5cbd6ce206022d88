using BenchmarkDotNet.Running;
using Kpi.Benchmarks.Delivery;
using Kpi.Benchmarks.Load;
using Kpi.Benchmarks.Reporting;
using Kpi.Benchmarks.Scale;

// `scale …` runs the end-to-end scale scenarios and prints a results table; `load` holds the real API under 200
// concurrent clients; `delivery` times mail after a close (Delivery/DeliveryScale.cs); `big-sheet` and `samples` are
// reporting commands (see README.md). Anything else goes to BenchmarkDotNet: pick benchmarks with --filter, e.g.
// '*CsvRead*'.
if (args.Length > 0 && args[0] == "delivery") return await DeliveryScale.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "scale") return await ScaleCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "load") return await LoadCommand.RunAsync(args[1..]);
if (ReportingCommands.TryRun(args)) return 0;
BenchmarkSwitcher.FromAssembly(typeof(ScaleCommand).Assembly).Run(args);
return 0;
