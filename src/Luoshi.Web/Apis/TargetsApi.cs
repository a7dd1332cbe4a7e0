using Luoshi.Application.Access;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Data;
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

    public static async Task<Results<Created<TargetDto>, NotFound, ProblemHttpResult, ValidationProblem>> Add(int id, TargetRequest request, TaskScope scope, TaskWorkflow ledger, TargetWorkflow desk, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await TasksApi.FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限修改该任务的目标");
        var (target, problems) = await desk.AddAsync(task, request.ToChange(), ct);
        if (target is null) return OrgUnitsApi.Invalid(problems);
        return TypedResults.Created($"/api/v1/targets/{target.Id}", ToDto(target));
    }

    private static async Task<(Target Target, Domain.Tasks.PlanTask Task, Domain.Plans.Plan Plan)?> FindAsync(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        var taskId = await db.Targets.Where(t => t.Id == id).Select(t => (int?)t.TaskId).FirstOrDefaultAsync(ct);
        if (taskId is null || await TasksApi.FindAsync(taskId.Value, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return null;
        return (task.Targets.First(t => t.Id == id), task, plan);
    }

    public static async Task<Results<Ok<TargetDto>, NotFound, ProblemHttpResult, ValidationProblem>> Patch(int id, TargetRequest request, TaskScope scope, TaskWorkflow ledger, TargetWorkflow desk, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } target, { } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限修改该目标");
        if (Versions.Check(http.Request, target.Version) is { } stale) return stale;
        List<string>? problems = null;
        if (await Versions.SaveAsync(async () => problems = await desk.ChangeAsync(target, request.ToChange(), ct)) is { } conflict) return conflict;
        if (problems!.Count > 0) return OrgUnitsApi.Invalid(problems);
        http.Response.SetETag(target.Version);
        return TypedResults.Ok(ToDto(target));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(int id, TaskScope scope, TaskWorkflow ledger, TargetWorkflow desk, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } target, { } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限删除该目标");
        await desk.DropAsync(target, ct);
        return TypedResults.NoContent();
    }

    private static TargetWorkflow.TargetChange ToChange(this TargetRequest r) => new(r.Subject, r.Comparator, r.Value, r.Upper, r.Unit, r.Placeholder,
        r.Baseline, r.DueDate, r.Breakdown?.Select(s => new TargetWorkflow.Share(s.OrgUnitId, s.Value)).ToList(), r.SourceText);
}
