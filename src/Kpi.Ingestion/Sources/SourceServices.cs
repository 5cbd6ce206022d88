using Kpi.Ingestion.Sources.Connectors;
using Kpi.Ingestion.Sources.Connectors.Http;
using Kpi.Ingestion.Sources.Connectors.Inbox;
using Kpi.Ingestion.Sources.Connectors.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kpi.Ingestion.Sources;

public static class SourceServices
{
    /// <summary>
    /// The connectors, the run and their settings (<see cref="SourceOptions"/>, <c>Kpi:Sources</c>). Secrets are
    /// encrypted with the host's <see cref="Microsoft.AspNetCore.DataProtection.IDataProtectionProvider"/>: this adds
    /// Data Protection's services if the host has not, and the host decides where the keys live and the application
    /// name (the same on every host of an installation, or workers cannot read what the API stored).
    /// </summary>
    public static IServiceCollection AddKpiSourceConnectors(this IServiceCollection services)
    {
        services.AddOptions<SourceOptions>().BindConfiguration(SourceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<SourceOptions>, DemoMesAllowance>();
        services.AddDataProtection();
        services.AddSingleton<SourceSecrets>();
        services.AddSingleton<ISourceConnector, InboxConnector>();
        services.AddSingleton<ISourceConnector, HttpConnector>();
        services.AddSingleton<ISourceConnector, SqlConnector>();
        services.AddSingleton<SourceConnectors>();
        services.AddSingleton<SourceLocks>();
        services.AddScoped<SourceRunner>();
        return services;
    }

    /// <summary>
    /// The demo's http source pulls the MES simulator the API itself serves, on its own (usually loopback) address. While
    /// the demo is on (<c>Kpi:Demo:Seed</c>, default true) that one <c>host:port</c> may be loopback: <c>Kpi:Demo:MesUrl</c>,
    /// else the API's first URL as the API works it out for the demo (wildcard hosts as <c>localhost</c>, default
    /// <c>http://localhost:5080</c>). It does not restrict other hosts; with <see cref="SourceOptions.AllowedHosts"/>
    /// set it is allowed beside them.
    /// </summary>
    private sealed class DemoMesAllowance(IConfiguration configuration) : IConfigureOptions<SourceOptions>
    {
        public const string DefaultApiUrl = "http://localhost:5080";

        public void Configure(SourceOptions options)
        {
            if (!configuration.GetValue("Kpi:Demo:Seed", true)) return;
            var url = configuration["Kpi:Demo:MesUrl"] ?? OwnUrl();
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") options.LocalHosts.Add($"{uri.Host}:{uri.Port}");
        }

        // As the API's start-up works out its own address for the demo (Kpi.Api Startup.OwnUrl): keep the two alike.
        private string OwnUrl()
        {
            var configured = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? DefaultApiUrl;
            var first = configured.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? DefaultApiUrl;
            return first.Replace("://*", "://localhost").Replace("://+", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        }
    }
}
