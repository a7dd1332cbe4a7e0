using Luoshi.Data;
using Luoshi.Data.Tasks;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Targets;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary>Targets of a task: add one, change one (fill an XX placeholder, set the breakdown), drop one.</summary>
public static class TargetsApi
{
    public sealed record ShareRequest(int? OrgUnitId, decimal? Value);

    public sealed record TargetRequest(string? Subject, string? Comparator, decimal? Value, decimal? Upper, string? Unit, bool? Placeholder,
        decimal? Baseline, DateOnly? DueDate, ShareRequest[]? Breakdown, string? SourceText);

    public static void MapTargetsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tasks/{id:int}/targets", Add).WithTags("目标").WithSummary("为任务新增目标");
        api.MapPatch("/targets/{id:int}", Patch).WithTags("目标").WithSummary("修改目标（需 If-Match）");
        api.MapDelete("/targets/{id:int}", Delete).WithTags("目标").WithSummary("删除目标（标记为“不是目标”）");
    }

    public static async Task<Results<Created<TargetDto>, NotFound, ProblemHttpResult, ValidationProblem>> Add(int id, TargetRequest request, TaskScope scope, Ledger ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await TasksApi.FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限修改该任务的目标");
        var target = new Target { TaskId = task.Id, DueDate = task.DueDate };
        var problems = await ApplyAsync(target, request, db, isNew: true, ct);
        if (problems.Count > 0) return OrgUnitsApi.Invalid(problems);
        db.Targets.Add(target);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/targets/{target.Id}", ToDto(target));
    }

    private static async Task<(Target Target, Domain.Tasks.PlanTask Task, Domain.Plans.Plan Plan)?> FindAsync(int id, TaskScope scope, Ledger ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        var taskId = await db.Targets.Where(t => t.Id == id).Select(t => (int?)t.TaskId).FirstOrDefaultAsync(ct);
        if (taskId is null || await TasksApi.FindAsync(taskId.Value, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return null;
        return (task.Targets.First(t => t.Id == id), task, plan);
    }

    public static async Task<Results<Ok<TargetDto>, NotFound, ProblemHttpResult, ValidationProblem>> Patch(int id, TargetRequest request, TaskScope scope, Ledger ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } target, { } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限修改该目标");
        if (Versions.Check(http.Request, target.Version) is { } stale) return stale;
        var problems = await ApplyAsync(target, request, db, isNew: false, ct);
        if (problems.Count > 0) return OrgUnitsApi.Invalid(problems);
        target.Version++;
        if (await Versions.SaveAsync(() => db.SaveChangesAsync(ct)) is { } conflict) return conflict;
        http.Response.SetETag(target.Version);
        return TypedResults.Ok(ToDto(target));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(int id, TaskScope scope, Ledger ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } target, { } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限删除该目标");
        db.Targets.Remove(target);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Checks and applies a target's fields; a filled value clears the placeholder; shares must add up to the value.</summary>
    private static async Task<List<string>> ApplyAsync(Target target, TargetRequest r, LuoshiDb db, bool isNew, CancellationToken ct)
    {
        var problems = new List<string>();
        var comparator = target.Comparator;
        if (r.Comparator is not null && !Comparators.TryParse(r.Comparator, out comparator)) problems.Add("比较方式应为 =、>=、<= 或 range");
        if (isNew && string.IsNullOrWhiteSpace(r.Subject)) problems.Add("请写明目标的对象（如“党建示范校”）");
        if (r.Subject is { Length: > 200 }) problems.Add("目标对象不能超过 200 个字符");
        if (r.Unit is { Length: > 40 }) problems.Add("单位不能超过 40 个字符");
        var value = r.Value ?? target.Value;
        var upper = r.Upper ?? target.Upper;
        if (comparator == Comparator.Range && (value is null || upper is null || upper < value)) problems.Add("区间目标需要下限和不小于下限的上限");
        if (isNew && value is null && r.Placeholder != true) problems.Add("请填写目标值");
        foreach (var v in new[] { r.Value, r.Upper, r.Baseline })
            if (v is { } x && Math.Abs(x) > 1_000_000_000_000m) problems.Add("数值超出范围");
        List<TargetShare>? shares = null;
        if (r.Breakdown is not null)
        {
            if (r.Breakdown.Any(s => s.OrgUnitId is null || s.Value is null or < 0)) problems.Add("分解到单位的每一项都要有单位和不小于 0 的数值");
            else
            {
                var ids = r.Breakdown.Select(s => s.OrgUnitId!.Value).ToList();
                if (ids.Distinct().Count() != ids.Count) problems.Add("同一单位只能分解一次");
                var known = await db.OrgUnits.Where(u => ids.Contains(u.Id) && (u.Kind == OrgUnitKind.District || u.Kind == OrgUnitKind.School || u.Kind == OrgUnitKind.Department)).CountAsync(ct);
                if (known != ids.Distinct().Count()) problems.Add("分解的单位必须是区县、学校或处室");
                var unit = r.Unit ?? target.Unit;
                var isShare = Target.IsShareUnit(unit);
                var sum = r.Breakdown.Sum(s => s.Value!.Value);
                if (!isShare && value is { } total && ids.Count > 0 && sum != total)
                    problems.Add($"各单位分解数之和（{sum:0.##}）与目标值（{total:0.##}）不一致");
                shares = r.Breakdown.Select(s => new TargetShare { OrgUnitId = s.OrgUnitId!.Value, Value = s.Value!.Value }).ToList();
            }
        }
        if (problems.Count > 0) return problems;

        if (r.Subject is not null) target.Subject = r.Subject.Trim();
        target.Comparator = comparator;
        target.Value = value;
        target.Upper = upper;
        if (r.Unit is not null) target.Unit = r.Unit.Trim();
        if (r.Baseline is not null) target.Baseline = r.Baseline;
        if (r.DueDate is not null) target.DueDate = r.DueDate;
        if (r.SourceText is not null) target.SourceText = r.SourceText.Length > 1000 ? r.SourceText[..1000] : r.SourceText;
        // Filling in a value is what resolves an XX placeholder.
        target.Placeholder = r.Placeholder ?? (r.Value is null && target.Placeholder);
        if (shares is not null)
        {
            target.Breakdown.Clear();
            target.Breakdown.AddRange(shares);
        }
        return problems;
    }
}
