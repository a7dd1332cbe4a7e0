using System.Net;
using System.Net.Http.Json;
using Luoshi.Application.People;
using Luoshi.Domain.People;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory, Databases]
    public async Task An_attachment_uploaded_via_one_instance_is_downloaded_via_another_through_the_shared_folder(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var second = store.SecondInstance();
        var shared = Path.Combine(Path.GetTempPath(), "luoshi-tests", "shared-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["Luoshi:Attachments:Folder"] = shared };
        try
        {
            await using var first = await new LuoshiFactory(store, demo: true, ownsStore: false, settings).StartAsync();
            var url = await UploadAsync(first);
            Assert.NotEmpty(Directory.EnumerateFiles(shared, "*", SearchOption.AllDirectories));

            await using var other = new LuoshiFactory(second, demo: false, ownsStore: false, settings);
            var download = await (await other.SignedInAsync("admin")).GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Ledgers.PngBytes, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            if (Directory.Exists(shared)) Directory.Delete(shared, recursive: true);
            if (second.DataDirectory != store.DataDirectory) Directory.Delete(second.DataDirectory, recursive: true);
        }
    }

    [Theory, Databases]
    public async Task An_attachment_kept_in_the_database_is_downloaded_via_another_instance_without_any_shared_folder(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var second = store.SecondInstance();
        var settings = new Dictionary<string, string> { ["Luoshi:Attachments:Store"] = "database" };
        try
        {
            await using var first = await new LuoshiFactory(store, demo: true, ownsStore: false, settings).StartAsync();
            var url = await UploadAsync(first);
            Assert.False(Directory.Exists(Path.Combine(store.DataDirectory, "attachments")));

            await using var other = new LuoshiFactory(second, demo: false, ownsStore: false, settings);
            var download = await (await other.SignedInAsync("admin")).GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Ledgers.PngBytes, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            if (second.DataDirectory != store.DataDirectory) Directory.Delete(second.DataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Two instances on one PostgreSQL database (several instances need PostgreSQL; SQLite is one instance): what one changes, the
    /// other's caches drop as soon as the notice arrives (LISTEN/NOTIFY), long before their 30-second expiry.
    /// </summary>
    private static async Task OnTwoInstancesAsync(Func<LuoshiFactory, LuoshiFactory, Task> test)
    {
        using var store = TestStore.CreateEmpty(TestDatabase.Postgres);
        var second = store.SecondInstance();
        try
        {
            await using var first = await new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync();
            await using var other = new LuoshiFactory(second, demo: false, ownsStore: false);
            await test(first, other);
        }
        finally
        {
            Directory.Delete(second.DataDirectory, recursive: true);
        }
    }

    /// <summary>Asks again until <paramref name="seen"/> holds: the notice travels through the database, not within the request.</summary>
    private static async Task<T> SoonAsync<T>(Func<Task<T>> ask, Func<T, bool> seen)
    {
        var answer = await ask();
        for (var i = 0; i < 50 && !seen(answer); i++)
        {
            await Task.Delay(100);
            answer = await ask();
        }
        return answer;
    }

    [PostgresFact]
    public Task A_unit_renamed_on_one_instance_is_named_so_by_the_other_at_once() =>
        OnTwoInstancesAsync(async (first, other) =>
        {
            var admin = await other.SignedInAsync("admin");
            var me = await admin.GetJsonAsync("/api/v1/me"); // the names are now kept by the other instance
            var (unitId, before) = (me.GetProperty("orgUnitId").GetInt32(), me.GetProperty("orgUnitName").GetString()!);
            var renamed = before + "（更名" + Guid.NewGuid().ToString("N")[..6] + "）";
            await first.WithDbAsync(async db =>
            {
                var unit = await db.OrgUnits.SingleAsync(u => u.Id == unitId);
                unit.Name = renamed;
                await db.SaveChangesAsync();
            });

            var name = await SoonAsync(async () => (await admin.GetJsonAsync("/api/v1/me")).GetProperty("orgUnitName").GetString(), n => n == renamed);
            Assert.Equal(renamed, name);
        });

    [PostgresFact]
    public Task A_cookie_signed_out_on_one_instance_is_refused_by_the_other_at_once_and_only_it_is_forgotten() =>
        OnTwoInstancesAsync(async (first, other) =>
        {
            var signIn = await first.NewClient().PostAsJsonAsync("/api/v1/session", new { username = "admin", password = LuoshiFactory.Password });
            var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var otherClient = other.NewClient();
            async Task<HttpStatusCode> MeOnOtherAsync()
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                request.Headers.Add("Cookie", cookie);
                return (await otherClient.SendAsync(request)).StatusCode;
            }
            Assert.Equal(HttpStatusCode.OK, await MeOnOtherAsync()); // the other instance now keeps the session in memory
            // Another user's session, kept in memory by the other instance as well.
            var supervisor = await other.SignedInAsync("supervisor");
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/v1/me")).StatusCode);
            var supervisorHash = await first.WithDbAsync(db => db.Sessions.Where(x => x.EndedAt == null && db.Users.Any(u => u.Id == x.UserId && u.UserName == "supervisor"))
                .OrderByDescending(x => x.Id).Select(x => x.TokenHash).FirstAsync());
            var kept = other.Services.GetRequiredService<SessionCache>();
            Assert.True(kept.TryGet(supervisorHash, out _));

            using (var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/session"))
            {
                signOut.Headers.Add("Cookie", cookie);
                var ended = await first.NewClient().SendAsync(signOut);
                Assert.True(ended.IsSuccessStatusCode, $"sign-out: {(int)ended.StatusCode}");
            }

            Assert.Equal(HttpStatusCode.Unauthorized, await SoonAsync(MeOnOtherAsync, s => s == HttpStatusCode.Unauthorized));
            // The notice named the session that ended: the other instance forgot that one only, not every signed-in user's.
            Assert.True(kept.TryGet(supervisorHash, out _));
        });

    [PostgresFact]
    public Task A_data_value_written_on_one_instance_is_in_the_others_analytics() =>
        OnTwoInstancesAsync(async (first, other) =>
        {
            var (element, school) = await first.WithDbAsync(async db =>
            {
                var word = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
                var q01 = await db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).SingleAsync();
                var school = await db.OrgUnits.Where(u => u.ParentId == q01 && u.Kind == Luoshi.Domain.OrgUnits.OrgUnitKind.School).Select(u => u.Id).FirstAsync();
                var total = new Luoshi.Domain.Data.DataElement { Code = $"ZS{word}", Name = $"在园幼儿总数{word}", ValueType = Luoshi.Domain.Data.DataValueType.Integer,
                    Aggregation = Luoshi.Domain.Indicators.PeriodAggregation.Last, Unit = "人" };
                db.DataElements.Add(total);
                await db.SaveChangesAsync();
                db.DataSets.Add(new Luoshi.Domain.Data.DataSet
                {
                    Code = $"JC{word}", Name = $"学前基础数据{word}", PeriodType = Luoshi.Domain.Data.PeriodType.Month,
                    UnitKind = Luoshi.Domain.OrgUnits.OrgUnitKind.School, RootUnitId = q01, DueWorkingDays = 5,
                    Elements = [new() { DataElementId = total.Id, SortOrder = 1 }],
                });
                await db.SaveChangesAsync();
                return (total, school);
            });
            var supervisor = await first.SignedInAsync("supervisor");
            var indicator = (await (await supervisor.PostAsJsonAsync("/api/v1/indicators", new
            {
                code = $"ZB{element.Code}", name = $"在园幼儿{element.Code}", numerator = $"#{{{element.Code}}}", denominator = "", factor = 1, unit = "人",
                targets = Array.Empty<object>(),
            })).ReadJsonAsync()).GetProperty("id").GetInt32();
            var query = $"/api/v1/analytics?indicatorId={indicator}&orgUnitId={school}&period=2026-02";
            var otherSupervisor = await other.SignedInAsync("supervisor");
            Assert.Empty((await otherSupervisor.GetJsonAsync(query)).GetProperty("items").EnumerateArray()); // the other's engine is loaded

            var put = await supervisor.PutAsJsonAsync("/api/v1/data-values",
                new { values = new[] { new { dataElementId = element.Id, orgUnitId = school, period = "2026-02", value = 321 } } });
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

            var items = await SoonAsync(async () => (await otherSupervisor.GetJsonAsync(query)).GetProperty("items").EnumerateArray().ToList(), i => i.Count > 0);
            Assert.Equal(321m, Assert.Single(items).GetProperty("value").GetDecimal());
        });

    [Theory, Databases]
    public async Task Attachments_stored_before_a_shared_folder_was_set_are_still_downloaded(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var shared = Path.Combine(Path.GetTempPath(), "luoshi-tests", "shared-" + Guid.NewGuid().ToString("N"));
        string url;
        await using (var before = await new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync())
            url = await UploadAsync(before);

        await using var after = new LuoshiFactory(store, demo: false, ownsStore: false,
            new Dictionary<string, string> { ["Luoshi:Attachments:Folder"] = shared });
        var download = await (await after.SignedInAsync("admin")).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Ledgers.PngBytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Theory, Databases]
    public async Task Failed_sign_ins_spread_over_two_instances_are_counted_together(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var second = store.SecondInstance();
        try
        {
            await using var first = await new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync();
            await using var other = new LuoshiFactory(second, demo: false, ownsStore: false);
            var user = await first.AddUserAsync(Role.Admin, UserAccounts.BureauCode);
            var instances = new WebApplicationFactory<Program>[] { WithTestAddresses(first), WithTestAddresses(other) };
            const string guesser = "203.0.113.77";
            for (var i = 0; i < SignInThrottle.AccountLimit; i++)
                await (await SignInFromAsync(instances[i % 2], guesser, user, "Guess-" + i + "-passw0rd")).AssertProblemAsync(401);

            // Neither instance saw the limit on its own; together they did, and both refuse the next attempt.
            await (await SignInFromAsync(instances[0], guesser, user, LuoshiFactory.Password)).AssertProblemAsync(429);
            await (await SignInFromAsync(instances[1], guesser, user, LuoshiFactory.Password)).AssertProblemAsync(429);
        }
        finally
        {
            if (second.DataDirectory != store.DataDirectory) Directory.Delete(second.DataDirectory, recursive: true);
        }
    }

    [Theory, Databases]
    public async Task Sign_in_counters_past_their_time_are_deleted_from_the_database(TestDatabase database)
    {
        await using var app = await new LuoshiFactory(database, demo: false).StartAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        var counters = new DatabaseSignInCounters(new Luoshi.Data.DatabaseSettings(app.DataDirectory, app.PostgresConnection), clock);
        counters.Update("u:quiet-" + Guid.NewGuid().ToString("N"), _ => new SignInCount { Failures = 1, WindowStart = clock.GetUtcNow() }, _ => SignInThrottle.Window);
        clock.Advance(SignInThrottle.Window + TimeSpan.FromMinutes(1));
        var fresh = "u:fresh-" + Guid.NewGuid().ToString("N");
        counters.Update(fresh, _ => new SignInCount { Failures = 1, WindowStart = clock.GetUtcNow() }, _ => SignInThrottle.Window);

        var keys = await app.WithDbAsync(db => db.SignInCounters.Select(c => c.Key).ToListAsync());
        Assert.Equal([fresh], keys);
    }

    [Theory, Databases]
    public async Task Failures_counted_at_the_same_moment_by_two_instances_are_all_counted(TestDatabase database)
    {
        await using var app = await new LuoshiFactory(database, demo: false).StartAsync();
        var settings = new Luoshi.Data.DatabaseSettings(app.DataDirectory, app.PostgresConnection);
        // Two instances, each with its own throttle on the same database, count failures from one address at the same moment:
        // 18 failures in all, under the address limit of 20, so the address counter must read 18 (no lost update, no lock yet).
        SignInThrottle[] instances = [new(TimeProvider.System, new DatabaseSignInCounters(settings, TimeProvider.System)),
            new(TimeProvider.System, new DatabaseSignInCounters(settings, TimeProvider.System))];
        var address = "203.0.113." + Random.Shared.Next(1, 250) + "-" + Guid.NewGuid().ToString("N")[..6];
        using var start = new Barrier(2);
        await Task.WhenAll(instances.Select(throttle => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 9; i++) throttle.Failed("guess" + i + Guid.NewGuid().ToString("N")[..4], address);
        })));

        var counted = new DatabaseSignInCounters(settings, TimeProvider.System).Find("a:" + address);
        Assert.NotNull(counted);
        Assert.Equal(18, counted.Failures);
    }

    private static WebApplicationFactory<Program> WithTestAddresses(LuoshiFactory app) =>
        app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromTest>()));

    private static async Task<HttpResponseMessage> SignInFromAsync(WebApplicationFactory<Program> app, string address, string name, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = JsonContent.Create(new { username = name, password }) };
        request.Headers.Add(RemoteAddressFromTest.Header, address);
        return await client.SendAsync(request);
    }

    /// <summary>A district user of Q01 attaches a photo to a report; returns the download address.</summary>
    private static async Task<string> UploadAsync(LuoshiFactory app)
    {
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, await app.SignedInAsync("admin"));
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        var reportId = await Ledgers.ReportAsync(district, taskId);
        var upload = await district.PostAsync($"/api/v1/reports/{reportId}/attachments", Ledgers.Png("现场照片.png"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return (await upload.ReadJsonAsync()).GetProperty("url").GetString()!;
    }
}
