using System.Globalization;
using Luoshi.Application.Dashboard;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>GET /api/v1/dashboard</c>: the leaders' dashboard (<see cref="LeaderDashboard"/>) as JSON, for bureau roles.</summary>
public static class DashboardApi
{
    public sealed record CategoryDto(string Category, int Total, IReadOnlyDictionary<string, int> Counts);

    public sealed record TaskDto(int TaskId, int PlanId, string Number, string Title, string Status, string Light, int Progress, int Expected,
        string? DueDate, string? Lead, IReadOnlyList<string> Units);

    public sealed record RankDto(int OrgUnitId, string Code, string Name, decimal? Score, int? Rank, int? PreviousRank, int? Movement);

    public sealed record TrendDto(int OrgUnitId, string Code, string Name, IReadOnlyList<int?> Ranks);

    public sealed record RankingDto(string SchemeName, string Period, int Ranked, IReadOnlyList<RankDto> Top, IReadOnlyList<RankDto> Bottom,
        IReadOnlyList<string> Months, IReadOnlyList<TrendDto> Trend);

    /// <summary><paramref name="FromData"/>: linked to an indicator, the actual is the data's; <paramref name="Light"/> is its task's colour.</summary>
    public sealed record TargetDto(int TargetId, int TaskId, string TaskTitle, string Target, decimal? Actual, decimal Attainment, int Expected,
        decimal Gap, string? DueDate, bool FromData, string Light);

    public sealed record NoticeDto(int NoticeId, string Number, int OrgUnitId, string Unit, int? TaskId, string? TaskTitle, string RespondBy, bool Overdue);

    public sealed record UnitDto(int OrgUnitId, string Code, string Name, int Tasks, int Overdue, int ReportsLate, int NoticesOpen);

    public sealed record DashboardDto(string AsOf, int Plans, int Tasks, IReadOnlyDictionary<string, int> Statuses, IReadOnlyList<CategoryDto> Categories,
        int Red, int Yellow, IReadOnlyList<TaskDto> RedAndYellow, RankingDto Ranking, IReadOnlyList<TargetDto> TargetsBehind, int NoticesOpen,
        int NoticesOverdue, IReadOnlyList<NoticeDto> NoticesAwaiting, IReadOnlyList<UnitDto> Districts, IReadOnlyList<UnitDto> Departments);

    public static void MapDashboardApi(this RouteGroupBuilder api) =>
        api.MapGet("/dashboard", Get).WithTags("领导驾驶舱")
            .WithSummary("领导驾驶舱：所有已发布计划的分类进展、红黄灯任务、本月区县排名及逐月名次、最落后的目标、待答复的督办单、各区县和处室一览（局领导、督查督导、管理员）");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, int> ByStatus(IReadOnlyDictionary<WorkStatus, int> counts) =>
        counts.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToCode(), kv => kv.Value);

    public static async Task<Results<Ok<DashboardDto>, ProblemHttpResult>> Get(LeaderDashboard dashboard, HttpContext http, CancellationToken ct)
    {
        var outcome = await dashboard.ForAsync(http.User.ToCaller(), ct);
        if (outcome.Value is not { } v) return outcome.ToProblem();
        static RankDto Rank(LeaderDashboard.RankLine r) => new(r.OrgUnitId, r.Code, r.Name, r.Score, r.Rank, r.PreviousRank, r.Movement);
        static UnitDto Unit(LeaderDashboard.UnitLine u) => new(u.OrgUnitId, u.Code, u.Name, u.Tasks, u.Overdue, u.ReportsLate, u.NoticesOpen);
        var r = v.Ranking;
        return TypedResults.Ok(new DashboardDto(Day(v.Today), v.Plans, v.Tasks, ByStatus(v.Statuses),
            [.. v.Categories.Select(c => new CategoryDto(c.Category.ToChinese(), c.Total, ByStatus(c.Counts)))],
            v.RedCount, v.YellowCount,
            [.. v.Flagged.Select(t => new TaskDto(t.TaskId, t.PlanId, t.Number, t.Title, t.Status.ToCode(), t.Light, t.Progress, t.Expected,
                t.Due is { } d ? Day(d) : null, t.Lead, t.Units))],
            new RankingDto(r.SchemeName, r.Period, r.Ranked, [.. r.Top.Select(Rank)], [.. r.Bottom.Select(Rank)], r.Months,
                [.. r.Trend.Select(t => new TrendDto(t.OrgUnitId, t.Code, t.Name, t.Ranks))]),
            [.. v.Targets.Select(t => new TargetDto(t.TargetId, t.TaskId, t.TaskTitle, t.Target, t.Actual, t.Attainment, t.Expected, t.Gap,
                t.Due is { } d ? Day(d) : null, t.FromData, t.Light))],
            v.NoticesOpen, v.NoticesOverdue,
            [.. v.Notices.Select(n => new NoticeDto(n.NoticeId, n.Number, n.OrgUnitId, n.Unit, n.TaskId, n.TaskTitle, Day(n.RespondBy), n.Overdue))],
            [.. v.Districts.Select(Unit)], [.. v.Departments.Select(Unit)]));
    }
}
