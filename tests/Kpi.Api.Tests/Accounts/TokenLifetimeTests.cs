using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kpi.Api.Auth;
using Kpi.Api.Tests.Support;
using Kpi.Testing.Time;

namespace Kpi.Api.Tests.Accounts;

/// <summary>
/// How long a sign-in lasts, on the host's own clock moved forward: an access token works until
/// <see cref="AuthOptions.AccessTokenMinutes"/> after it was issued and is 401 from then on; its refresh token still gets
/// a new pair until <see cref="AuthOptions.RefreshTokenDays"/> after the sign-in, and nothing after.
/// </summary>
public sealed class TokenLifetimeTests
{
    private static readonly TimeSpan AccessLife = TimeSpan.FromMinutes(new AuthOptions().AccessTokenMinutes);
    private static readonly TimeSpan SessionLife = TimeSpan.FromDays(new AuthOptions().RefreshTokenDays);

    // Before an expiry by more than the real time the test's requests take, however slow the machine.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ExpiredAccessToken_Is401_WhileItsRefreshTokenStillGetsANewPair_UntilTheSessionEnds()
    {
        var clock = new ShiftedClock();
        using var app = await KpiApp.StartAsync(clock: clock);
        await app.NewUserAsync("zhou.min", "hr");

        var pair = await app.LoginAsync("zhou.min", KpiApp.UserPassword);
        var first = Bearer(app, pair);
        clock.Offset = AccessLife - Margin;
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/auth/me")).StatusCode);
        clock.Offset = AccessLife;
        var expired = await first.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("Bearer", expired.Headers.WwwAuthenticate.ToString());

        // The refresh token outlives the access token: a new pair, whose access token works for its own full life.
        pair = await RefreshAsync(app, pair);
        var second = Bearer(app, pair);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/auth/me")).StatusCode);
        clock.Offset = AccessLife + AccessLife - Margin;
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/auth/me")).StatusCode);

        // Refreshing does not stretch the session: it ends the refresh token's life after the sign-in, however often refreshed.
        clock.Offset = SessionLife - Margin;
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/auth/me")).StatusCode);
        pair = await RefreshAsync(app, pair);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(app, pair).GetAsync("/api/auth/me")).StatusCode);
        clock.Offset = SessionLife;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(app, pair)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().PostAsJsonAsync("/api/auth/login",
            new { username = "zhou.min", password = KpiApp.UserPassword }, KpiApp.Json)).StatusCode);
    }

    private static HttpClient Bearer(KpiApp app, JsonElement pair)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pair.GetProperty("access_token").GetString());
        return client;
    }

    private static Task<HttpResponseMessage> Refresh(KpiApp app, JsonElement pair) =>
        app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refresh_token = pair.GetProperty("refresh_token").GetString() }, KpiApp.Json);

    private static async Task<JsonElement> RefreshAsync(KpiApp app, JsonElement pair)
    {
        var response = await Refresh(app, pair);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"refreshing: {(int)response.StatusCode} {body}");
        return body;
    }
}
