using Hangfire;
using Hangfire.Dashboard;
using Kpi.Api.Auth;
using Kpi.Domain.Access;

namespace Kpi.Api.Dashboard;

/// <summary>
/// The Hangfire dashboard at <c>/hangfire</c>, for admins, signed in as everywhere else: a browser with its session
/// cookie (anyone not signed in is sent to <c>/login</c>), a script with a bearer token or an admin API key.
/// </summary>
public static class DashboardAccess
{
    public const string Path = "/hangfire";

    public static void MapKpiDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [], // replaces Hangfire's local-requests-only default: the endpoint's policy and AdminOnly decide
            AsyncAuthorization = [new AdminOnly()],
            DashboardTitle = "Kpi jobs",
            AppPath = "/",
        }).RequireAuthorization(AuthHosting.Admin);
    }

    /// <summary>A second lock on the same door: Hangfire asks for every dashboard request, whatever the endpoint's metadata.</summary>
    private sealed class AdminOnly : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context) =>
            Task.FromResult(context.GetHttpContext().User.IsInRole(Roles.Admin));
    }
}
