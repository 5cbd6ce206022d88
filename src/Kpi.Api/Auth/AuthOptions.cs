namespace Kpi.Api.Auth;

/// <summary>The <c>Kpi:Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Kpi:Auth";

    /// <summary>An API key with the admin role. When empty, one is generated on first start and kept in the data directory.</summary>
    public string? BootstrapAdminKey { get; set; }
}
