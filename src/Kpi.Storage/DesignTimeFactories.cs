using Microsoft.EntityFrameworkCore.Design;

namespace Kpi.Storage;

// Used only by `dotnet ef migrations add`: each provider keeps its own migrations (Migrations/Sqlite, Migrations/Postgres).

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKpiDbContext>
{
    public SqliteKpiDbContext CreateDbContext(string[] args) =>
        (SqliteKpiDbContext)StorageServices.Create(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKpiDbContext>
{
    public PostgresKpiDbContext CreateDbContext(string[] args) =>
        (PostgresKpiDbContext)StorageServices.Create(DatabaseProvider.Postgres, "Host=localhost;Database=kpi_design_time");
}
