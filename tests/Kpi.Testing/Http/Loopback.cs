using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Kpi.Testing.Http;

/// <summary>A real HTTP server on 127.0.0.1 with whatever endpoints a test maps: a source system that misbehaves on purpose.</summary>
public sealed class Loopback : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Loopback(WebApplication app) => _app = app;

    public static async Task<Loopback> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new Loopback(app);
    }

    public string Url(string path) => _app.Urls.First() + path;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
