using System.Net;
using System.Net.Http.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>Who sees which units, and how administrators add and change them.</summary>
public sealed class OrgUnitsTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task The_demo_city_has_departments_districts_and_schools(TestDatabase database)
    {
        // A copy of its own: the other tests of this class add schools to the demo districts.
        await using var app = await DemoApps.OwnAsync(database);
        var client = await app.SignedInAsync("leader");
        var districts = (await client.GetJsonAsync("/api/v1/org-units?kind=district&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["江东区教育局", "城南区教育局", "城北区教育局", "临湖区教育局", "青山县教育局", "白沙县教育局"],
            districts.OrderBy(d => d.GetProperty("code").GetString(), StringComparer.Ordinal).Select(d => d.GetProperty("name").GetString()!).ToArray());
        var departments = await client.GetJsonAsync("/api/v1/org-units?kind=department&pageSize=100");
        Assert.Equal(10, departments.GetProperty("total").GetInt32());
        Assert.Contains(departments.GetProperty("items").EnumerateArray(), u => u.GetProperty("name").GetString() == "基础教育处");
        var schoolCounts = new List<int>();
        foreach (var district in districts.OrderBy(d => d.GetProperty("code").GetString(), StringComparer.Ordinal))
        {
            var schools = await client.GetJsonAsync($"/api/v1/org-units?parentId={district.GetProperty("id").GetInt32()}&kind=school&pageSize=100");
            schoolCounts.Add(schools.GetProperty("total").GetInt32());
        }
        Assert.Equal([8, 11, 9, 12, 10, 8], schoolCounts);
    }

    [Theory, Databases]
    public async Task A_district_sees_its_own_schools_but_not_another_districts(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("jiangdong");
        var units = await client.GetJsonAsync("/api/v1/org-units?pageSize=500");
        var names = units.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToList();
        Assert.Contains("江东区第一中学", names);
        Assert.Contains("基础教育处", names);
        Assert.DoesNotContain("城南区第一中学", names);
        Assert.DoesNotContain("城南区教育局", names);

        var other = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.First(u => u.Name == "城南区第一中学").Id));
        await (await client.GetAsync($"/api/v1/org-units/{other}")).AssertProblemAsync(404);
    }

    [Theory, Databases]
    public async Task Only_admins_add_units(TestDatabase database)
    {
        var app = await demo.For(database);
        var parent = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.First(u => u.Code == "Q03").Id));
        var code = "T-" + Guid.NewGuid().ToString("N")[..8];
        var body = new { code, name = "测试小学", kind = "school", parentId = parent };

        var district = await app.SignedInAsync("jiangdong");
        await (await district.PostAsJsonAsync("/api/v1/org-units", body)).AssertProblemAsync(403);

        var admin = await app.SignedInAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/org-units", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var unit = await created.ReadJsonAsync();
        Assert.Equal("school", unit.GetProperty("kind").GetString());

        var again = await admin.PostAsJsonAsync("/api/v1/org-units", body);
        var problem = await again.AssertProblemAsync(400);
        Assert.Contains("已被使用", problem.GetProperty("detail").GetString());
    }

    [Theory, Databases]
    public async Task A_school_cannot_be_put_under_a_school(TestDatabase database)
    {
        var app = await demo.For(database);
        var school = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.First(u => u.Code == "Q01-S01").Id));
        var admin = await app.SignedInAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/org-units", new { code = "T-" + Guid.NewGuid().ToString("N")[..8], name = "错误单位", kind = "school", parentId = school });
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("学校下不能设立学校", problem.GetProperty("detail").GetString());
    }

    [Theory, Databases]
    public async Task Changing_a_unit_needs_the_current_version(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var parent = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.First(u => u.Code == "Q04").Id));
        var code = "T-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await admin.PostAsJsonAsync("/api/v1/org-units", new { code, name = "临湖区新建小学", kind = "school", parentId = parent })).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt32();

        var read = await admin.GetAsync($"/api/v1/org-units/{id}");
        var etag = read.Headers.ETag!.Tag;
        var body = new { code, name = "临湖区滨湖小学", kind = "school", parentId = parent };

        await (await admin.PutJsonAsync($"/api/v1/org-units/{id}", body, null)).AssertProblemAsync(428);
        var ok = await admin.PutJsonAsync($"/api/v1/org-units/{id}", body, etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("临湖区滨湖小学", (await ok.ReadJsonAsync()).GetProperty("name").GetString());

        var stale = await admin.PutJsonAsync($"/api/v1/org-units/{id}", body with { }, etag);
        await stale.AssertProblemAsync(412);
    }

    [Theory, Databases]
    public async Task Every_change_is_in_the_audit_trail(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var parent = await app.WithDbAsync(db => Task.FromResult(db.OrgUnits.First(u => u.Code == "Q05").Id));
        var code = "T-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await admin.PostAsJsonAsync("/api/v1/org-units", new { code, name = "青山县审计小学", kind = "school", parentId = parent })).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = await app.WithDbAsync(db => Task.FromResult(db.AuditEntries.Single(a => a.Entity == "OrgUnit" && a.EntityId == id)));
        Assert.Equal("create", entry.Action);
        Assert.Equal("admin", entry.UserName);
        Assert.Contains("青山县审计小学", entry.After);
    }
}
