using System.Net;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// The 包保 leader picker on 单位管理 (/Admin/Units): each district and school has a select of the active leaders that calls the
/// same use case as <c>PUT /api/v1/org-units/{id}/leader</c>; the unit list shows each unit's 包保领导.
/// </summary>
public sealed class UnitLeaderPageTests
{
    [Theory, Databases]
    public async Task An_admin_picks_and_clears_a_schools_leader_on_the_units_page_and_only_a_leader_is_accepted(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var admin = await app.SignedInAsync("admin");
        var (q01, school) = (await app.UnitIdAsync("Q01"), await app.UnitIdAsync("Q02-S01"));
        var leaderName = await app.AddUserAsync(Role.Leader, "BUREAU");
        var (leaderId, demoLeader, districtUser) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == leaderName).Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "jiangdong").Select(u => u.Id).SingleAsync()));

        // The demo's leader 包保 江东区: selected in its row; the school has none yet.
        var page = await admin.GetStringAsync("/Admin/Units");
        Assert.Contains($"<option value=\"{demoLeader}\" selected=\"selected\">", Row(page, q01));
        Assert.DoesNotContain("selected=\"selected\"", Row(page, school));
        Assert.Contains($"<option value=\"{leaderId}\">", Row(page, school));

        var token = Forms.TokenIn(page);
        var saved = await admin.PostAsync("/Admin/Units?handler=Leader", Forms.Form(token, ("id", school.ToString()), ("leaderUserId", leaderId.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(leaderId, await LeaderAsync(app, school));
        Assert.Contains($"<option value=\"{leaderId}\" selected=\"selected\">", Row(await admin.GetStringAsync("/Admin/Units"), school));

        // Not a leader: refused in Chinese, nothing changed.
        var refused = await admin.PostAsync("/Admin/Units?handler=Leader", Forms.Form(token, ("id", school.ToString()), ("leaderUserId", districtUser.ToString())));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("局领导", await refused.Content.ReadAsStringAsync());
        Assert.Equal(leaderId, await LeaderAsync(app, school));

        // The empty choice clears it.
        await admin.PostAsync("/Admin/Units?handler=Leader", Forms.Form(token, ("id", school.ToString()), ("leaderUserId", "")));
        Assert.Null(await LeaderAsync(app, school));
    }

    private static Task<int?> LeaderAsync(LuoshiFactory app, int unitId) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.LeaderUserId).SingleAsync());

    /// <summary>The unit's 包保领导 cell.</summary>
    private static string Row(string page, int unitId)
    {
        var start = page.IndexOf($"data-testid=\"leader-{unitId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no leader cell for unit {unitId}");
        return page[start..page.IndexOf("</td>", start, StringComparison.Ordinal)];
    }
}
