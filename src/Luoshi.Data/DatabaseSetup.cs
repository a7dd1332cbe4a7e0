using Microsoft.EntityFrameworkCore;

namespace Luoshi.Data;

/// <summary>Brings a database, new or old, to the current schema before the app uses it.</summary>
public static class DatabaseSetup
{
    public static async Task UpgradeAsync(LuoshiDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await new Search.TextSearch(db).EnsureAsync(cancellationToken);
    }

    public static async Task<bool> IsEmptyAsync(LuoshiDb db, CancellationToken cancellationToken = default) =>
        !await db.Users.AnyAsync(cancellationToken) && !await db.OrgUnits.AnyAsync(cancellationToken);
}
