using System.ComponentModel;
using System.Reflection;
using Kpi.Ingestion.Sources.Connectors.Http;
using Kpi.Ingestion.Sources.Connectors.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kpi.Ingestion.Tests.Sources;

/// <summary>
/// Which names hold secrets (issue 14, item 6): every password-type keyword of the providers' connection-string
/// builders (their masking and keeping: <see cref="SqlConnectionStringTests"/>), and query parameters or headers named
/// like credentials.
/// </summary>
public sealed class SourceSecretNamesTests
{
    public static TheoryData<Type, SqlProvider> Builders => new()
    {
        { typeof(NpgsqlConnectionStringBuilder), SqlProvider.Postgres },
        { typeof(SqliteConnectionStringBuilder), SqlProvider.Sqlite },
    };

    [Theory, MemberData(nameof(Builders))]
    public void EveryPasswordKeywordOfTheBuilder_IsASecret(Type builder, SqlProvider provider)
    {
        // A property the builder marks as a password, or names one: a new Npgsql version adding "Kerberos Password" must fail here.
        var passwords = builder.GetProperties()
            .Where(p => p.GetCustomAttribute<PasswordPropertyTextAttribute>()?.Password == true || p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName ?? p.Name)
            .ToList();

        Assert.NotEmpty(passwords);
        Assert.Equal(passwords.Order(), SqlConnectionStrings.SecretKeywords(provider).Order());
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("access_token", true)]
    [InlineData("pageToken", true)]
    [InlineData("api_key", true)]
    [InlineData("apikey", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("key", true)]
    [InlineData("sig", true)]
    [InlineData("X-Amz-Signature", true)]
    [InlineData("client_secret", true)]
    [InlineData("Authorization", true)]
    [InlineData("Cookie", true)]
    [InlineData("pwd", true)]
    [InlineData("page", false)]
    [InlineData("page_size", false)]
    [InlineData("updated_since", false)]
    [InlineData("monkey", false)]
    [InlineData("signal", false)]
    [InlineData("Accept-Language", false)]
    [InlineData("X-Client", false)]
    public void NamesLikeCredentials_AreRecognised(string name, bool secret)
    {
        Assert.Equal(secret, CredentialNames.LooksSecret(name));
    }
}
