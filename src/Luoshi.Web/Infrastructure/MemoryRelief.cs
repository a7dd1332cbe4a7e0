namespace Luoshi.Web.Infrastructure;

/// <summary>
/// After a refused document (a zip bomb, millions of items, a page nested ten thousand deep) the server gives back the
/// memory reading it took: one compacting, aggressive collection a moment later, shared by a burst of refusals, instead
/// of keeping the grown heap until the runtime decides to shrink it.
/// </summary>
public static class MemoryRelief
{
    private static int scheduled;

    public static void AfterRefusedDocument()
    {
        if (Interlocked.Exchange(ref scheduled, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Interlocked.Exchange(ref scheduled, 0);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        });
    }
}
