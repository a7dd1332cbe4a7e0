using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>
/// The pages and calls of issue 16's measurements as a district of the demo city sees them: who am I, a plan's tasks, the home
/// page, the plan page, one of the district's tasks and 我的任务 (as <c>luoshi bench load</c> reads them).
/// </summary>
public sealed record DistrictPages(string UnitCode, int PlanId, int TaskId)
{
    public string Me => "/api/v1/me";
    public string TaskList => $"/api/v1/tasks?planId={PlanId}";
    public string Home => "/";
    public string Plan => $"/Plans/{PlanId}";
    public string Task => $"/Tasks/{TaskId}";
    public string MyTasks => "/MyTasks";

    public IEnumerable<string> All => [Me, TaskList, Home, Plan, Task, MyTasks];

    /// <summary>A new published plan (<see cref="Ledgers.PlanText"/>) with a task 江东区 (Q01) answers for: this test's own.</summary>
    public static async Task<DistrictPages> PublishedAsync(LuoshiFactory app)
    {
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, await app.SignedInAsync("admin"));
        var planId = await app.WithDbAsync(db => db.Tasks.Where(t => t.Id == taskId).Select(t => t.PlanId).FirstAsync());
        return new DistrictPages("Q01", planId, taskId);
    }

    /// <summary>A new user of the district, signed in.</summary>
    public async Task<HttpClient> SignedInAsync(LuoshiFactory app) => await app.SignedInAsync(await app.AddUserAsync(Role.District, UnitCode));
}
