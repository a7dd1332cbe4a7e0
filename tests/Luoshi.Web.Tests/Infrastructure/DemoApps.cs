namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>
/// The demo city, seeded once per database kind into a template, and apps on private copies of it: what one test
/// changes, no other test sees.
/// </summary>
public static class DemoApps
{
    private static readonly Dictionary<TestDatabase, Lazy<Task<TestStore>>> Templates = new()
    {
        [TestDatabase.Sqlite] = new(() => SeedTemplateAsync(TestDatabase.Sqlite)),
        [TestDatabase.Postgres] = new(() => SeedTemplateAsync(TestDatabase.Postgres)),
    };

    /// <summary>
    /// A started app on a fresh copy of the demo city; the caller disposes it (which deletes the copy). The copy already
    /// holds the city and the test password, so the app starts without the demo (<c>Luoshi:Demo=false</c>) and seeds nothing.
    /// </summary>
    public static async Task<LuoshiFactory> OwnAsync(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var template = await Templates[database].Value;
        var app = new LuoshiFactory(TestStore.CopyOf(template), demo: false, ownsStore: true, settings);
        try
        {
            _ = app.Server;
        }
        catch
        {
            app.Dispose();
            throw;
        }
        return app;
    }

    /// <summary>
    /// Seeds the demo city through the app's own start (as <c>serve --demo</c> does) with the test password, then
    /// disposes that app and settles its store so it can be copied. The template is deleted when the test run ends.
    /// </summary>
    private static async Task<TestStore> SeedTemplateAsync(TestDatabase database)
    {
        var template = TestStore.CreateEmpty(database);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Delete();
        var seeding = new LuoshiFactory(template.Unpooled(), demo: true, ownsStore: false);
        await using (seeding)
            await seeding.StartAsync();
        template.Settle();
        return template;
    }
}

/// <summary>
/// A test class's own demo city (<c>IClassFixture&lt;DemoCopies&gt;</c>): one copy per database, made when the class
/// first asks for it and deleted when the class is done. The tests of a class run one after another, so a class's
/// tests see each other's changes but no other class's.
/// </summary>
public sealed class DemoCopies : IAsyncLifetime
{
    private readonly Dictionary<TestDatabase, Task<LuoshiFactory>> apps = [];
    private readonly Lock gate = new();

    public Task<LuoshiFactory> For(TestDatabase database)
    {
        lock (gate)
        {
            if (!apps.TryGetValue(database, out var app))
                apps[database] = app = DemoApps.OwnAsync(database);
            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values)
        {
            if (app.IsCompletedSuccessfully) await app.Result.DisposeAsync();
        }
    }
}
