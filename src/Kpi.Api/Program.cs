using Kpi.Api.Appraisal;
using Kpi.Api.Audit;
using Kpi.Api.Auth;
using Kpi.Api.Dashboard;
using Kpi.Api.Delivery;
using Kpi.Api.Departments;
using Kpi.Api.Health;
using Kpi.Api.Imports;
using Kpi.Api.Infrastructure;
using Kpi.Api.Keys;
using Kpi.Api.Metrics;
using Kpi.Api.Packs;
using Kpi.Api.Periods;
using Kpi.Api.Portal;
using Kpi.Api.Scorecards;
using Kpi.Api.Sources;
using Kpi.Api.Users;
using Kpi.Demo;
using Kpi.Jobs.Close;
using Kpi.Jobs.Hosting;

var builder = WebApplication.CreateBuilder(args);
var options = builder.AddKpiStorage();
builder.AddKpiJobs(options);
builder.AddKpiClose();
builder.AddKpiDemo();
builder.AddKpiApi();

var app = builder.Build();
app.UseKpiApi();
app.MapHealthApi();
app.MapDepartmentsApi();
app.MapMetricsApi();
app.MapScorecardsApi();
app.MapAuthApi();
app.MapKpiPortal();
app.MapUsersApi();
app.MapKeysApi();
app.MapAuditApi();
app.MapImportsApi();
app.MapPeriodsApi();
app.MapPacksApi();
app.MapAppraisalApi();
app.MapSourcesApi();
app.MapSubscriptionsApi();
app.MapDeliveriesApi();
app.MapMailSettingsApi();
app.MapKpiDashboard();
app.MapKpiDemo();

await app.InitialiseKpiAsync();
await app.RunAsync();

/// <summary>The entry point, public for end-to-end tests through <c>WebApplicationFactory</c>.</summary>
public partial class Program;
