using Kpi.Delivery.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Delivery.Tests.Mail;

public class MailOptionsTests
{
    [Fact]
    public void The_section_binds_from_configuration_with_security_in_lower_case()
    {
        var options = Bind(new()
        {
            ["Kpi:Mail:From"] = "华彩 KPI <kpi@huacai.example>",
            ["Kpi:Mail:MaxMessageBytes"] = "26214400",
            ["Kpi:Mail:Smtp:Host"] = "smtp.huacai.example",
            ["Kpi:Mail:Smtp:Security"] = "starttls",
            ["Kpi:Mail:Smtp:User"] = "kpi",
            ["Kpi:Mail:Smtp:Password"] = "secret",
        });

        Assert.True(options.UsesSmtp);
        Assert.Equal(26_214_400, options.MaxMessageBytes);
        Assert.Equal(SmtpSecurity.StartTls, options.Smtp!.Security);
        Assert.Equal(587, options.Smtp.EffectivePort);
        Assert.Equal(60, options.Smtp.TimeoutSeconds);
        Assert.Empty(options.Problems());
        Assert.DoesNotContain("secret", options.Smtp.ToString());
        Assert.Equal(465, new SmtpOptions { Security = SmtpSecurity.Tls }.EffectivePort);
        Assert.Equal(25, new SmtpOptions { Security = SmtpSecurity.None }.EffectivePort);
    }

    [Theory]
    [InlineData("http://localhost:5080/", "http://localhost:5080/company/2026-10")]
    [InlineData("https://intra.huacai.example/kpi", "https://intra.huacai.example/kpi/company/2026-10")]
    [InlineData("https://intra.huacai.example/kpi/", "https://intra.huacai.example/kpi/company/2026-10")]
    public void A_portal_page_is_resolved_below_the_portal_address_even_without_its_trailing_slash(string portal, string expected) =>
        Assert.Equal(expected, new MailOptions { PortalUrl = portal }.PortalPage("company/2026-10").ToString());

    [Fact]
    public void Each_problem_names_its_key()
    {
        var options = new MailOptions
        {
            From = "not an address",
            MaxMessageBytes = 0,
            Smtp = new SmtpOptions { Host = "smtp.huacai.example", Port = 70000, TimeoutSeconds = 0, Password = "secret" },
        };

        Assert.Equal(
            ["Kpi:Mail:From", "Kpi:Mail:MaxMessageBytes", "Kpi:Mail:Smtp:Port", "Kpi:Mail:Smtp:TimeoutSeconds", "Kpi:Mail:Smtp:User"],
            options.Problems().Select(p => p.Field));
    }

    [Fact]
    public void Without_an_smtp_host_mail_goes_to_the_outbox_folder_of_the_data_directory()
    {
        using var provider = Services(new()).BuildServiceProvider();

        var transport = Assert.IsType<PickupFolderTransport>(Configured(provider));
        Assert.Equal(Path.GetFullPath(Path.Combine("data-dir", "outbox")), transport.Folder);
        Assert.NotNull(provider.GetRequiredService<MailComposer>());
    }

    [Fact]
    public void With_an_smtp_host_mail_goes_over_smtp()
    {
        using var provider = Services(new() { ["Kpi:Mail:Smtp:Host"] = "smtp.huacai.example" }).BuildServiceProvider();
        Assert.IsType<SmtpTransport>(Configured(provider));
    }

    private static IMailTransport Configured(IServiceProvider provider) =>
        MailHosting.CreateTransport(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value,
            provider.GetRequiredService<MailFolder>().DataDirectory);

    private static MailOptions Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(MailOptions.Section).Get<MailOptions>()!;

    private static ServiceCollection Services(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddKpiMail("data-dir");
        return services;
    }
}
