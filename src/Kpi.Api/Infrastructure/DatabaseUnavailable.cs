using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kpi.Api.Infrastructure;

/// <summary>
/// While the database cannot be reached (PostgreSQL stopped, restarting or failing over, the network to it down; the
/// SQLite file gone), every request that needs it is answered 503 with a ProblemDetails saying so and a
/// <c>Retry-After</c>, not a 500: nothing is wrong with the request, and the same request succeeds once the database
/// answers again — the connection pool opens new connections by itself, so no restart of the service is needed.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string Detail = "The database is not reachable; the service answers again as soon as it is. Try again shortly.";
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!DatabaseUnavailable.Is(exception) || context.Response.HasStarted) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = Detail },
            Exception = exception,
        });
    }
}

/// <summary>Which failures mean "the database cannot be reached", as opposed to a query or the data being wrong.</summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// True when <paramref name="exception"/> or one of its causes (EF Core wraps them) is a lost or refused connection:
    /// a network-level Npgsql error (refused, reset, timed out), a PostgreSQL connection exception (class 08), the
    /// server shutting down or starting up (57P01–57P03) or out of connection slots (53300); SQLite unable to open or
    /// read its file.
    /// </summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                               || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                    return true;
                case SqliteException { SqliteErrorCode: 10 or 14 }: // SQLITE_IOERR, SQLITE_CANTOPEN
                    return true;
            }
        }
        return false;
    }

    /// <summary>Answers requests that fail because the database cannot be reached with a 503 (<see cref="DatabaseUnavailableHandler"/>).</summary>
    public static IServiceCollection AddDatabaseUnavailableProblems(this IServiceCollection services) =>
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
}
