using System.Net;
using System.Net.Http.Json;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>Administrators manage users; nobody else may.</summary>
public sealed class UsersTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task Only_admins_list_users(TestDatabase database)
    {
        var app = await demo.For(database);
        foreach (var name in new[] { "leader", "supervisor", "jichu", "jiangdong", "school" })
        {
            var client = await app.SignedInAsync(name);
            await (await client.GetAsync("/api/v1/users")).AssertProblemAsync(403);
            await (await client.PostAsJsonAsync("/api/v1/users", new { username = "x" })).AssertProblemAsync(403);
        }
        var admin = await app.SignedInAsync("admin");
        var users = await admin.GetJsonAsync("/api/v1/users?pageSize=100");
        Assert.Contains(users.GetProperty("items").EnumerateArray(), u => u.GetProperty("username").GetString() == "jichu");
        Assert.DoesNotContain("passwordHash", users.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Databases]
    public async Task An_admin_creates_a_user_who_can_then_sign_in(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var unit = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.First(u => u.Code == "Q02").Id));
        var name = "cn" + Guid.NewGuid().ToString("N")[..10];
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { username = name, displayName = "孙悦", role = "district", orgUnitId = unit, password = "Chengnan-2026" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var client = app.NewClient();
        var signIn = await client.PostAsJsonAsync("/api/v1/session", new { username = name.ToUpperInvariant(), password = "Chengnan-2026" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("城南区教育局", (await client.GetJsonAsync("/api/v1/me")).GetProperty("orgUnitName").GetString());
    }

    [Theory, Databases]
    public async Task Weak_passwords_and_mismatched_roles_are_refused_in_Chinese(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var school = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.First(u => u.Code == "Q01-S02").Id));
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { username = "weak" + Guid.NewGuid().ToString("N")[..6], displayName = "弱密码", role = "district", orgUnitId = school, password = "123" });
        var problem = await response.AssertProblemAsync(400);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("密码至少需要", detail);
        Assert.Contains("不能属于学校", detail);
    }

    [Theory, Databases]
    public async Task Disabling_a_user_ends_their_session(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Domain.People.Role.Department, "D06");
        var user = await app.SignedInAsync(name);
        var admin = await app.SignedInAsync("admin");
        var id = await app.WithDbAsync(db => Task.FromResult(db.Users.First(u => u.UserName == name).Id));
        var read = await admin.GetAsync($"/api/v1/users/{id}");
        var update = await admin.PutJsonAsync($"/api/v1/users/{id}", new { disabled = true }, read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        await (await user.GetAsync("/api/v1/me")).AssertProblemAsync(401);
        await (await app.NewClient().PostAsJsonAsync("/api/v1/session", new { username = name, password = LuoshiFactory.Password })).AssertProblemAsync(401);
    }
}
