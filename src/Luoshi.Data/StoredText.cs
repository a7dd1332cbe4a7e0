using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Luoshi.Data;

/// <summary>
/// PostgreSQL's text cannot hold NUL (saving one fails, a 500) and SQLite's can: so that both store the same, NULs in
/// the text being saved are dropped. No one types a NUL; it arrives only in odd input (a multipart form, JSON's \u0000).
/// </summary>
internal static class StoredText
{
    public static void DropNuls(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
                if (property.CurrentValue is string text && text.Contains('\0', StringComparison.Ordinal))
                    property.CurrentValue = text.Replace("\0", "", StringComparison.Ordinal);
        }
    }
}
