using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application;

/// <summary>How a use case saves: once, its changes and their audit rows together.</summary>
public static class Saving
{
    /// <summary>
    /// Saves everything the use case changed in one transaction. When someone changed the same rows since they were read
    /// (a version that moved), nothing is kept and <paramref name="stale"/> is the problem; otherwise null.
    /// </summary>
    public static async Task<Problem?> SaveOrStaleAsync(this LuoshiDb db, ProblemType stale, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return stale;
        }
    }
}
