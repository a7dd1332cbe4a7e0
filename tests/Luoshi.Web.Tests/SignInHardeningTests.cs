using System.Net;
using System.Net.Http.Json;
using Luoshi.Application.People;
using Luoshi.Domain.People;
using Luoshi.Web.Auth;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>Sign-in's smaller defences: the same hashing work on every path, a bounded failure table, a lock the owner can get through.</summary>
public sealed class SignInHardeningTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>The real hasher, counting its checks.</summary>
    private sealed class CountingHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> inner = new();
        public int Checks;

        public string HashPassword(User user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Checks++;
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Theory, Databases]
    public async Task Unknown_disabled_wrong_and_right_sign_ins_each_check_one_password_hash(TestDatabase database)
    {
        var app = await demo.For(database);
        var active = await app.AddUserAsync(Role.District, "Q03");
        var disabled = await app.AddUserAsync(Role.District, "Q03");
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == disabled).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true)));
        var cases = new (string Name, string Password, bool SignsIn)[]
        {
            ("nobody-" + Guid.NewGuid().ToString("N")[..8], LuoshiFactory.Password, false),
            (disabled, LuoshiFactory.Password, false),
            (active, "Wrong-Passw0rd!", false),
            (active, LuoshiFactory.Password, true),
        };
        foreach (var (name, password, signsIn) in cases)
        {
            var hasher = new CountingHasher();
            var user = await app.WithDbAsync(db => new UserAccounts(db, hasher: hasher).VerifyAsync(name, password));
            Assert.Equal(signsIn, user is not null);
            Assert.True(hasher.Checks == 1, $"{name}: {hasher.Checks} hash checks");
        }
    }

    [Fact]
    public void The_failure_table_stays_within_its_size_and_forgets_quiet_names()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock, capacity: 100);
        for (var i = 0; i < 1000; i++)
            throttle.Failed($"unknown-{i}", "198.51.100.7");
        Assert.InRange(throttle.Count, 1, 100);

        // A name that failed a few times is forgotten after a quiet window: it starts again from nothing.
        var quiet = new SignInThrottle(clock, capacity: 100);
        for (var i = 0; i < SignInThrottle.AccountLimit - 1; i++) quiet.Failed("someone", null);
        clock.Now += SignInThrottle.Window + TimeSpan.FromSeconds(1);
        quiet.Failed("someone", null);
        Assert.False(quiet.Check("someone", null).Refused);
    }

    [Fact]
    public void A_locked_account_lets_a_clean_address_through_after_a_growing_delay_but_not_the_failing_one()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < SignInThrottle.AccountLimit; i++) throttle.Failed("admin", "203.0.113.66");
        Assert.True(throttle.Check("admin", "203.0.113.66").Refused);
        var first = throttle.Check("admin", "192.0.2.10");
        Assert.False(first.Refused);
        Assert.Equal(SignInThrottle.MinimumDelay, first.Delay);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 10; i++) delays.Add(throttle.Check("admin", "192.0.2.11").Delay);
        Assert.True(delays[1] > delays[0], "the delay grows");
        Assert.Equal(SignInThrottle.MaximumDelay, delays[^1]);
        // A delayed sign-in that succeeds leaves the lock in place for the attacker.
        throttle.Succeeded("admin", first);
        Assert.True(throttle.Check("admin", "203.0.113.66").Refused);
    }

    private static async Task<HttpResponseMessage> SignInFromAsync(WebApplicationFactory<Program> app, string address, string name, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = JsonContent.Create(new { username = name, password }) };
        request.Headers.Add(RemoteAddressFromTest.Header, address);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task An_administrator_locked_out_by_an_attacker_still_signs_in_from_another_address()
    {
        var shared = await demo.For(TestDatabase.Sqlite);
        using var app = shared.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromTest>()));
        var admin = await shared.AddUserAsync(Role.Admin, UserAccounts.BureauCode);
        const string attacker = "203.0.113.66";
        for (var i = 0; i < SignInThrottle.AccountLimit; i++)
            await (await SignInFromAsync(app, attacker, admin, "Guess-" + i + "-passw0rd")).AssertProblemAsync(401);
        // The attacker's address is refused even with the right password; the administrator's office gets in.
        await (await SignInFromAsync(app, attacker, admin, LuoshiFactory.Password)).AssertProblemAsync(429);
        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(app, "192.0.2.10", admin, LuoshiFactory.Password)).StatusCode);
        // A guess from a fresh address while locked is answered as locked, and that address is failing from then on.
        await (await SignInFromAsync(app, "192.0.2.99", admin, "Another-guess-1")).AssertProblemAsync(429);
        await (await SignInFromAsync(app, "192.0.2.99", admin, LuoshiFactory.Password)).AssertProblemAsync(429);
    }
}
