using System.Net.Http.Json;
using System.Text.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>局领导包保区县/学校: <c>PUT /api/v1/org-units/{id}/leader</c> sets and clears a unit's 包保 leader, audited; only a leader will do.</summary>
public sealed class UnitLeaderTests
{
    [Theory, Databases]
    public async Task A_supervisor_sets_and_clears_a_units_leader_and_only_an_active_leader_is_accepted(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var supervisor = await app.SignedInAsync("supervisor");
        var q02 = await app.UnitIdAsync("Q02");
        var leaderName = await app.AddUserAsync(Role.Leader, "BUREAU");
        var leaderId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == leaderName).Select(u => u.Id).SingleAsync());
        var districtUser = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "jiangdong").Select(u => u.Id).SingleAsync());

        var unit = await supervisor.PutAsJsonAsync($"/api/v1/org-units/{q02}/leader", new { userId = leaderId }).SucceedsAsync("set leader");
        Assert.Equal(leaderId, unit.GetProperty("leaderUserId").GetInt32());
        Assert.Equal(leaderId, await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == q02).Select(u => u.LeaderUserId).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "OrgUnit" && a.EntityId == q02.ToString()
            && a.After != null && a.After.Contains($"\"leaderUserId\":{leaderId}"))));

        var notLeader = await supervisor.PutAsJsonAsync($"/api/v1/org-units/{q02}/leader", new { userId = districtUser });
        var problem = await notLeader.AssertProblemAsync(400);
        Assert.Contains("局领导", problem.GetProperty("detail").GetString());
        Assert.Equal(leaderId, await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == q02).Select(u => u.LeaderUserId).SingleAsync()));

        var cleared = await supervisor.PutAsJsonAsync($"/api/v1/org-units/{q02}/leader", new { userId = (int?)null }).SucceedsAsync("clear");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("leaderUserId").ValueKind);

        var district = await app.SignedInAsync("jiangdong");
        await (await district.PutAsJsonAsync($"/api/v1/org-units/{q02}/leader", new { userId = leaderId })).AssertProblemAsync(403);
    }
}
