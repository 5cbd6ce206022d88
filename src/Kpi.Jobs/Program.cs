using Microsoft.Extensions.Hosting;

// The worker host: runs Kpi's background jobs without the HTTP API (wired up with the scheduled ingestion).
var builder = Host.CreateApplicationBuilder(args);
builder.Build().Run();
