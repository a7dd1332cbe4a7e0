using System.Data.Common;
using Luoshi.Data.Idempotency;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Caching;

/// <summary>The one row of <c>data_version</c>: a number that every stored change to what pages show moves on.</summary>
public sealed class DataVersionRow
{
    public const int TheRow = 1;

    public int Id { get; set; }

    public long Version { get; set; }
}

internal sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersionRow>
{
    public void Configure(EntityTypeBuilder<DataVersionRow> b)
    {
        b.ToTable("data_version");
        b.Property(v => v.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(v => v.Version).HasColumnName("version");
        b.HasData(new DataVersionRow { Id = DataVersionRow.TheRow, Version = 0 });
    }
}

/// <summary>
/// The version of the data, kept in the database so that every instance behind one database sees it: a copy of a page made
/// at version V is still right while the version is V. Every save that changes something a page shows moves it on, in the
/// same transaction as the change (just before the commit), so a reader who sees the new version also sees the change.
/// Saves of only sessions (last seen) and kept idempotent answers do not: no page shows them.
/// </summary>
public static class DataVersion
{
    /// <summary>Plain SQL that both SQLite and PostgreSQL run: the names are lower case and unquoted.</summary>
    internal const string BumpSql = "UPDATE data_version SET version = version + 1 WHERE id = 1";

    /// <summary>
    /// The version now: one small query by primary key (EF keeps its translation; a compiled query would be tied to the
    /// first provider it met, and one process may serve SQLite and PostgreSQL, as the tests do).
    /// </summary>
    public static Task<long> ReadAsync(LuoshiDb db, CancellationToken ct = default) =>
        db.Set<DataVersionRow>().AsNoTracking().Where(v => v.Id == DataVersionRow.TheRow).Select(v => v.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Moves the version on for a change made without <c>SaveChanges</c> (a bulk <c>ExecuteUpdate</c>): call it right after
    /// such a change; inside a transaction it commits with it.
    /// </summary>
    public static Task BumpAsync(DbContext db, CancellationToken ct = default) => db.Database.ExecuteSqlRawAsync(BumpSql, ct);

    /// <summary>Whether the save about to happen changes anything a page may show.</summary>
    internal static bool Touches(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not (UserSession or IdempotencyRecord or DataVersionRow or SignIn.SignInCounter
                or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey));

    /// <summary>Runs the bump on the connection of <paramref name="transaction"/>, inside it (the commit is next).</summary>
    internal static async Task BumpInAsync(DbTransaction transaction, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = BumpSql;
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// The data version as pages and the analytics engine check it, one per app (a DI singleton): each caller gets a version read
/// after it asked, so a change committed before a request, by any instance, shows in it; but the requests that ask while a
/// read runs share the next read (<see cref="SharedRead{T}"/>), so 64 requests at once cost a few reads, not 64 round trips.
/// </summary>
public sealed class DataVersionReads(DbContextOptions<LuoshiDb> options)
{
    private readonly SharedRead<long> shared = new(async ct =>
    {
        await using var db = new LuoshiDb(options);
        return await DataVersion.ReadAsync(db, ct);
    });

    /// <summary>The version now, as read after this call (see the class).</summary>
    public Task<long> ReadAsync(CancellationToken ct = default) => shared.ReadAsync(ct);

    /// <summary>How many reads were made so far (each shared by the requests that joined it).</summary>
    public long Reads => shared.Reads;
}

/// <summary>
/// Moves the data version on as the last statement of a transaction in which a save changed something (see
/// <see cref="LuoshiDb"/>), whether the save opened the transaction itself or runs inside a use case's own.
/// </summary>
internal sealed class DataVersionBump : DbTransactionInterceptor
{
    public static DataVersionBump Instance { get; } = new();

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is LuoshiDb db && db.TakePendingBump()) await DataVersion.BumpInAsync(transaction, cancellationToken);
        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is LuoshiDb db && db.TakePendingBump())
            DataVersion.BumpInAsync(transaction, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Forget(TransactionEndEventData eventData)
    {
        if (eventData.Context is LuoshiDb db) db.TakePendingBump();
    }
}
