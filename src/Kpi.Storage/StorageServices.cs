using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Storage;

public static class StorageServices
{
    /// <summary>
    /// Registers <see cref="KpiDbContext"/> on the chosen provider. SQLite connection strings get a busy timeout so
    /// that the API and the in-process job server can share the file.
    /// </summary>
    public static IServiceCollection AddKpiDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresKpiDbContext>(o => Configure(o, provider, connectionString));
                services.AddScoped<KpiDbContext>(sp => sp.GetRequiredService<PostgresKpiDbContext>());
                break;
            default:
                services.AddDbContext<SqliteKpiDbContext>(o => Configure(o, provider, connectionString));
                services.AddScoped<KpiDbContext>(sp => sp.GetRequiredService<SqliteKpiDbContext>());
                break;
        }
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.CommandTimeout(300)).UseSnakeCaseNamingConvention(),
            _ => options.UseSqlite(connectionString, o => o.CommandTimeout(60)).UseSnakeCaseNamingConvention().AddInterceptors(new SqlitePragmas()),
        };

    /// <summary>A context outside dependency injection (tools, tests, benchmarks).</summary>
    public static KpiDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresKpiDbContext((DbContextOptions<PostgresKpiDbContext>)Configure(new DbContextOptionsBuilder<PostgresKpiDbContext>(), provider, connectionString).Options),
        _ => new SqliteKpiDbContext((DbContextOptions<SqliteKpiDbContext>)Configure(new DbContextOptionsBuilder<SqliteKpiDbContext>(), provider, connectionString).Options),
    };

    /// <summary>Applies pending migrations of the provider; on SQLite also turns on write-ahead logging for concurrent readers.</summary>
    public static async Task MigrateAsync(this KpiDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
