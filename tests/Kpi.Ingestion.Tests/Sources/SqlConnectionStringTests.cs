using Kpi.Domain;
using Kpi.Ingestion.Sources;
using Kpi.Ingestion.Sources.Connectors.Sql;
using Microsoft.AspNetCore.DataProtection;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// Connection-string passwords as the provider's builder finds them (issue 14, items 6 and 8): masked in every
/// spelling, encrypted when stored, kept by the mask only for the server they were given for.
/// </summary>
public sealed class SqlConnectionStringTests
{
    private readonly SourceSecrets _secrets = new(new EphemeralDataProtectionProvider());

    [Theory]
    [InlineData("Host=erp;Username=kpi;Password=pa55", "Host=erp;Username=kpi;Password=********")]
    [InlineData("Host=erp;Username=kpi;PSW=pa55", "Host=erp;Username=kpi;Password=********")]
    [InlineData("Host=erp;Username=kpi;pwd=pa55", "Host=erp;Username=kpi;Password=********")]
    [InlineData("Host=erp;Username=kpi;SSL Password=k3y;SSL Key=/keys/kpi.key", "Host=erp;Username=kpi;SSL Password=********;SSL Key=/keys/kpi.key")]
    [InlineData("Host=erp;Password=\"pa;55\"", "Host=erp;Password=********")]
    [InlineData("Host=erp;Nonsense=pa55", "********")]
    public void PostgresConnectionString_IsShownWithEveryPasswordMasked(string connectionString, string shown)
    {
        Assert.Equal(shown, SqlConnectionStrings.Masked(SqlProvider.Postgres, connectionString));
    }

    [Fact]
    public void Mask_KeepsTheStoredPassword_ForTheSameServerOnly()
    {
        var problems = new List<FieldError>();
        var stored = SqlConnectionStrings.Prepare(SqlProvider.Postgres, "Host=erp;Username=kpi;Password=\"a;b\"", null, _secrets, problems);

        var kept = SqlConnectionStrings.Prepare(SqlProvider.Postgres, "Host=erp;Username=kpi2;PSW=********", stored, _secrets, problems);
        var moved = new List<FieldError>();
        SqlConnectionStrings.Prepare(SqlProvider.Postgres, "Host=erp2;Username=kpi;Password=********", stored, _secrets, moved);
        var lacking = new List<FieldError>();
        SqlConnectionStrings.Prepare(SqlProvider.Postgres, "Host=erp;Password=********", null, _secrets, lacking);

        Assert.Empty(problems);
        Assert.DoesNotContain("a;b", stored);
        Assert.Equal("Host=erp;Username=kpi2;Password=a;b", Revealed(kept).Replace("\"", ""));
        Assert.Equal("options.connection_string", Assert.Single(moved).Field);
        Assert.StartsWith("send the Password again for the new server", moved[0].Reason);
        Assert.StartsWith("give the Password", Assert.Single(lacking).Reason);
    }

    [Fact]
    public void PasswordStoredInPlainText_IsEncryptedOnce()
    {
        var plain = "Host=erp;Username=kpi;Password=pa55;SSL Password=k3y";

        var once = SqlConnectionStrings.ProtectStored(SqlProvider.Postgres, plain, _secrets);
        var twice = SqlConnectionStrings.ProtectStored(SqlProvider.Postgres, once, _secrets);

        Assert.DoesNotContain("pa55", once);
        Assert.DoesNotContain("k3y", once);
        Assert.Same(once, twice);
        Assert.Equal("Host=erp;Username=kpi;Password=pa55;SSL Password=k3y", Revealed(once));
    }

    private string Revealed(string stored) => SqlConnectionStrings.Revealed(SqlProvider.Postgres, stored, _secrets).ConnectionString;
}
