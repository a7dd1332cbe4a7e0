using System.Net;
using System.Net.Http.Json;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>Several instances of the app on one database behave as one: what one instance issued, another accepts.</summary>
public class ScaleOutTests
{
    [Theory, Databases]
    public async Task A_session_cookie_issued_by_one_instance_is_accepted_by_another(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var second = store.SecondInstance();
        try
        {
            await using var first = await new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync();
            var signIn = await first.NewClient().PostAsJsonAsync("/api/v1/session",
                new { username = "admin", password = LuoshiFactory.Password });
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

            // The other instance has no key folder of its own to share: whatever it knows about keys, it knows from the database.
            var keys = Path.Combine(second.DataDirectory, "keys");
            if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
            await using var other = new LuoshiFactory(second, demo: false, ownsStore: false);
            var client = other.NewClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            request.Headers.Add("Cookie", cookie);
            var me = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains("admin", await me.Content.ReadAsStringAsync());
        }
        finally
        {
            if (second.DataDirectory != store.DataDirectory) Directory.Delete(second.DataDirectory, recursive: true);
        }
    }
}
