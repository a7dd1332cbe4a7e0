using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>The administration pages: only admins reach them, and their forms change what they say.</summary>
public sealed partial class AdminPagesTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Theory, Databases]
    public async Task Other_roles_are_refused_the_admin_pages(TestDatabase database)
    {
        var app = await demo.For(database);
        foreach (var user in new[] { "jiangdong", "jichu", "leader" })
        {
            var client = await app.SignedInAsync(user);
            foreach (var page in new[] { "/Admin/Units", "/Admin/Users", "/Admin/Import", "/Admin/UnitEdit/1" })
            {
                var response = await client.GetAsync(page);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Contains("没有权限", await response.Content.ReadAsStringAsync());
            }
        }
    }

    [Theory, Databases]
    public async Task An_admin_renames_a_unit_and_a_stale_form_is_refused(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var parent = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "Q06").Select(u => u.Id).FirstAsync());
        var code = "T-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await admin.PostAsync("/api/v1/org-units", System.Net.Http.Json.JsonContent.Create(new { code, name = "白沙县旧名小学", kind = "school", parentId = parent }))).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt32();

        var form = await admin.GetStringAsync($"/Admin/UnitEdit/{id}");
        Assert.Contains("白沙县旧名小学", form);
        var token = Token().Match(form).Groups[1].Value;
        FormUrlEncodedContent Post(string name, int version) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["code"] = code, ["name"] = name, ["kind"] = "school", ["parentId"] = parent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var saved = await admin.PostAsync($"/Admin/UnitEdit/{id}", Post("白沙县新名小学", 0));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("白沙县新名小学", await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == id).Select(u => u.Name).FirstAsync()));

        var stale = await admin.PostAsync($"/Admin/UnitEdit/{id}", Post("过期的名字", 0));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync());
        Assert.Equal("白沙县新名小学", await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == id).Select(u => u.Name).FirstAsync()));
    }
}
