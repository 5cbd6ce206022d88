using Kpi.Domain.Access;
using Kpi.Ingestion.Imports;
using Kpi.Storage;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Kpi.Api.Auth;

/// <summary>
/// One access model for three ways in: services send an API key, programs a bearer token from
/// <c>POST /api/auth/login</c>, browsers a session cookie. A policy scheme picks the handler by what the request
/// carries; all three give the same claims (<see cref="KpiClaims"/>), read by <see cref="Caller"/>. A request without
/// credentials is answered 401 on the API and sent to the sign-in page everywhere else.
/// </summary>
public static class AuthHosting
{
    public const string Scheme = "Kpi";

    /// <summary>Readers of figures: everyone but an employee, who reaches their own appraisal only.</summary>
    public const string Figures = "figures";

    public const string Admin = "admin";

    public static void AddKpiAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<AccessCache>();
        builder.Services.AddSingleton<IImportCommitted, HeadsImported>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddScoped<Sessions>();
        builder.Services.AddScoped<IClaimsTransformation, HeadClaims>();

        builder.Services.AddIdentityCore<KpiUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                // Length beats composition rules (NIST SP 800-63B): at least 10 characters, not all the same few.
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<KpiDbContext>()
            .AddPasswordValidator<PasswordRules>();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or session cookie", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthentication.Header) ? ApiKeyAuthentication.SchemeName
                    : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SessionTokenAuthentication.SchemeName
                    : CookieSessions.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, SessionTokenAuthentication>(SessionTokenAuthentication.SchemeName, null)
            .AddCookie(CookieSessions.SchemeName, CookieSessions.Configure);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Figures, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Hr, Roles.Executive, Roles.Manager))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }
}
