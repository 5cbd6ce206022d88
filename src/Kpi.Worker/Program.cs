using Kpi.Jobs.Close;
using Kpi.Jobs.Hosting;

// A worker: Kpi's background jobs (source pulls, closes, packs) without HTTP, so that more machines can share the work
// of one PostgreSQL-backed Kpi. Configured like the API (Kpi__Database__…, Kpi__DataDirectory, Kpi__Jobs__WorkerCount).
var builder = Host.CreateApplicationBuilder(args);
var options = builder.AddKpiStorage();
builder.AddKpiJobs(options, runServer: true);
builder.AddKpiClose();

var host = builder.Build();
await host.InitialiseKpiWorkerAsync();
await host.RunAsync();
