using Luoshi.Application.Data;
using Luoshi.Domain.Data;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary>
/// <c>/api/v1/validation-rules</c> (defined by supervisors and administrators, checked on entry and import), their bulk
/// violations list, and locking a data set's period: each a <see cref="ValidationRules"/> or <see cref="PeriodLocks"/> use case.
/// </summary>
public static class ValidationRulesApi
{
    public sealed record RuleDto(int Id, int DataSetId, string Name, string Left, string Operator, string Right, string Message, string Severity);

    public sealed record ViolationDto(int RuleId, string RuleName, string Severity, int OrgUnitId, string OrgUnitName, string Period, decimal Left,
        string Operator, decimal Right, string Message);

    public sealed record LockRequest(string? Period, bool Locked);

    public sealed record LockDto(int DataSetId, string Period, bool Locked, bool ByHand);

    public static RuleDto ToDto(ValidationRule r) => new(r.Id, r.DataSetId, r.Name, r.Left, RuleOperators.Symbol(r.Operator), r.Right, r.Message,
        r.Severity == RuleSeverity.Error ? "error" : "warning");

    public static void MapValidationRulesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/validation-rules", async (int? dataSetId, ValidationRules rules, CancellationToken ct) =>
                TypedResults.Ok((await rules.ListAsync(dataSetId, ct)).Select(ToDto).ToList()))
            .WithTags("数据采集").WithSummary("校验规则列表（可按 dataSetId 筛选）");
        api.MapPost("/validation-rules", Create).WithTags("数据采集")
            .WithSummary("定义校验规则（督导、管理员）：left、operator（≤ < = ≥ > ≠）、right、name、message、severity（error 拒绝保存，warning 保存并提示）");
        api.MapPut("/validation-rules/{id:int}", Update).WithTags("数据采集").WithSummary("修改校验规则（督导、管理员）");
        api.MapDelete("/validation-rules/{id:int}", Delete).WithTags("数据采集").WithSummary("删除校验规则（督导、管理员）");
        api.MapGet("/validation-rules/violations", Violations).WithTags("数据采集")
            .WithSummary("违反校验规则的数据：dataSetId、period；每条列出单位、报告期、规则及左右两侧的值");
        api.MapGet("/data-sets/{id:int}/locks", LockState).WithTags("数据采集").WithSummary("报告期是否已锁定（period）");
        api.MapPut("/data-sets/{id:int}/locks", Lock).WithTags("数据采集")
            .WithSummary("锁定（locked=true）或解锁报告期（督导、管理员；记入审计日志）。锁定后不能再填报、导入或报送");
    }

    public static async Task<Results<Created<RuleDto>, ProblemHttpResult>> Create(ValidationRules.RuleRequest request, ValidationRules rules,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await rules.CreateAsync(http.User.ToCaller(), request, ct);
        return outcome.Value is { } r ? TypedResults.Created($"/api/v1/validation-rules/{r.Id}", ToDto(r)) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<RuleDto>, ProblemHttpResult>> Update(int id, ValidationRules.RuleRequest request, ValidationRules rules,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await rules.UpdateAsync(http.User.ToCaller(), id, request, ct);
        return outcome.Value is { } r ? TypedResults.Ok(ToDto(r)) : outcome.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, ValidationRules rules, HttpContext http, CancellationToken ct)
    {
        var outcome = await rules.DeleteAsync(http.User.ToCaller(), id, ct);
        return outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem();
    }

    public static async Task<Results<Ok<List<ViolationDto>>, ProblemHttpResult>> Violations(int? dataSetId, string? period, ValidationRules rules,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await rules.ViolationsAsync(http.User.ToCaller(), dataSetId ?? 0, period, ct);
        if (outcome.Value is not { } list) return outcome.ToProblem();
        return TypedResults.Ok(list.Select(v => new ViolationDto(v.Broken.Rule.Id, v.Broken.Rule.Name, v.Broken.Rule.Severity == RuleSeverity.Error ? "error" : "warning",
            v.Unit.Id, v.Unit.Name, v.Broken.Period, v.Broken.Left, RuleOperators.Symbol(v.Broken.Rule.Operator), v.Broken.Right, v.Broken.Rule.Message)).ToList());
    }

    public static async Task<Results<Ok<LockDto>, ProblemHttpResult>> LockState(int id, string? period, PeriodLocks locks, CancellationToken ct)
    {
        var outcome = await locks.StateAsync(id, period, ct);
        return outcome.Value is { } s ? TypedResults.Ok(new LockDto(s.DataSetId, s.Period, s.Locked, s.ByHand)) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<LockDto>, ProblemHttpResult>> Lock(int id, LockRequest request, PeriodLocks locks, HttpContext http, CancellationToken ct)
    {
        var outcome = await locks.SetAsync(http.User.ToCaller(), id, request.Period, request.Locked, ct);
        return outcome.Value is { } s ? TypedResults.Ok(new LockDto(s.DataSetId, s.Period, s.Locked, s.ByHand)) : outcome.ToProblem();
    }
}
