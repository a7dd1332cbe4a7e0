using Luoshi.Application.Targets;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary>Targets of a task: add one, change one (fill an XX placeholder, set the breakdown), drop one — each a <see cref="TargetWorkflow"/> use
/// case.</summary>
public static class TargetsApi
{
    public sealed record ShareRequest(int? OrgUnitId, decimal? Value);

    public sealed record TargetRequest(string? Subject, string? Comparator, decimal? Value, decimal? Upper, string? Unit, bool? Placeholder,
        decimal? Baseline, DateOnly? DueDate, ShareRequest[]? Breakdown, string? SourceText);

    /// <summary>The indicator a target follows (null unlinks it), and optionally where its expected path starts.</summary>
    public sealed record LinkRequest(int? IndicatorId, decimal? Baseline);

    public static void MapTargetsApi(this RouteGroupBuilder api)
    {
        api.MapPut("/targets/{id:int}/indicator", Link).WithTags("目标").WithSummary("把目标关联到指标（null 取消关联）：实际值、完成率和颜色随数据");
        api.MapPost("/tasks/{id:int}/targets", Add).WithTags("目标").WithSummary("为任务新增目标");
        api.MapPatch("/targets/{id:int}", Patch).WithTags("目标").WithSummary("修改目标（需 If-Match）");
        api.MapDelete("/targets/{id:int}", Delete).WithTags("目标").WithSummary("删除目标（标记为“不是目标”）");
    }

    public static async Task<Results<Created<TargetDto>, ProblemHttpResult>> Add(int id, TargetRequest request, TargetWorkflow workflow,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await workflow.AddAsync(http.User.ToCaller(), id, request.ToChange(), ct);
        if (outcome.Value is not { } added) return outcome.ToProblem();
        return TypedResults.Created($"/api/v1/targets/{added.Target.Id}", ToDto(added.Target, added.Task.Task.DueDate));
    }

    public static async Task<Results<Ok<TargetDto>, ProblemHttpResult>> Patch(int id, TargetRequest request, TargetWorkflow workflow,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await workflow.ChangeAsync(http.User.ToCaller(), id, Versions.Read(http.Request), request.ToChange(), ct);
        if (outcome.Value is not { } changed) return outcome.ToProblem();
        http.Response.SetETag(changed.Target.Version);
        return TypedResults.Ok(ToDto(changed.Target, changed.Task.Task.DueDate));
    }

    public static async Task<Results<Ok<TargetDto>, ProblemHttpResult>> Link(int id, LinkRequest request, TargetWorkflow workflow,
        LinkedTargets linked, HttpContext http, CancellationToken ct)
    {
        var outcome = await workflow.LinkAsync(http.User.ToCaller(), id, request.IndicatorId, request.Baseline, ct);
        if (outcome.Value is not { } changed) return outcome.ToProblem();
        http.Response.SetETag(changed.Target.Version);
        var reading = await linked.ReadAsync(changed.Task.Task, changed.Target, ct);
        return TypedResults.Ok(ToDto(changed.Target, changed.Task.Task.DueDate, data: reading));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, TargetWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        var outcome = await workflow.DropAsync(http.User.ToCaller(), id, Versions.Read(http.Request).OrAny(), ct);
        return outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem();
    }

    private static TargetWorkflow.TargetChange ToChange(this TargetRequest r) => new(r.Subject, r.Comparator, r.Value, r.Upper, r.Unit, r.Placeholder,
        r.Baseline, r.DueDate, r.Breakdown?.Select(s => new TargetWorkflow.Share(s.OrgUnitId, s.Value)).ToList(), r.SourceText);
}
