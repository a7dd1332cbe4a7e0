using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Data;

/// <summary>Moves the cookie keys that older versions kept in the data folder (keys/*.xml) into the database once, so
/// sessions signed in before the upgrade stay signed in.</summary>
public static class DataProtectionKeyImport
{
    public static async Task ImportAsync(LuoshiDb db, string keyFolder, CancellationToken ct = default)
    {
        if (!Directory.Exists(keyFolder) || await db.DataProtectionKeys.AnyAsync(ct)) return;
        foreach (var file in Directory.EnumerateFiles(keyFolder, "*.xml").Order(StringComparer.Ordinal))
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, ct),
            });
        await db.SaveChangesAsync(ct);
    }
}
