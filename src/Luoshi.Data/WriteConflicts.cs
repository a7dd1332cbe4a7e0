using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Luoshi.Data;

/// <summary>
/// Recognises a save that lost a race with another request, on SQLite and PostgreSQL alike, so that callers can answer
/// 409 instead of failing with 500. The one place that knows the providers' error codes.
/// </summary>
public static class WriteConflicts
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>A unique index refused the row: another request stored the same thing first.</summary>
    public static bool IsUniqueViolation(this DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>The save lost a race: a unique index refused it, or a row it changed was changed by another request meanwhile.</summary>
    public static bool IsLostRace(this DbUpdateException e) => e is DbUpdateConcurrencyException || e.IsUniqueViolation();
}
