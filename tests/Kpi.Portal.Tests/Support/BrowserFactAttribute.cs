namespace Kpi.Portal.Tests.Support;

/// <summary>
/// Where the browser tests find chromium, and why they are skipped without one: a newcomer's <c>dotnet test</c> runs
/// everything else, as it does without PostgreSQL. <c>KPI_REQUIRE_BROWSER=1</c> (CI sets it) turns the skip into a
/// failure, so a CI machine that lost its chromium cannot pass by skipping.
/// </summary>
public static class BrowserEnvironment
{
    public const string PathVariable = "KPI_TEST_CHROMIUM";
    public const string RequireVariable = "KPI_REQUIRE_BROWSER";

    /// <summary><c>KPI_TEST_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(RequireVariable) == "1" || File.Exists(ChromiumPath)
            ? null
            : $"no chromium at {ChromiumPath}: install Debian's chromium package or set {PathVariable}";
}

/// <summary>A test in a real browser; skipped without chromium (see <see cref="BrowserEnvironment"/>).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserEnvironment.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory in a real browser; skipped without chromium like <see cref="BrowserFactAttribute"/>.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (BrowserEnvironment.SkipReason is { } reason) Skip = reason;
    }
}
