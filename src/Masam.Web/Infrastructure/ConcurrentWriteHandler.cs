using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Masam.Web.Infrastructure;

/// <summary>
/// Two writers that both checked a value was free (a code, a name) and both wrote it: the database's
/// unique key refuses the second. That is a conflict the client can resolve by trying again (or
/// choosing another value), so it gets a 409 problem, not a 500. Nothing of the refused request is
/// stored: its transaction is rolled back. On one SQLite node writers take turns, so this is seen
/// with several nodes on PostgreSQL.
/// </summary>
public sealed class ConcurrentWriteHandler(IProblemDetailsService problems, IStringLocalizer text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!IsUniqueViolation(exception))
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = text["problem.conflict.title"],
                Detail = text["error.concurrentWrite"],
            },
        });
    }

    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
