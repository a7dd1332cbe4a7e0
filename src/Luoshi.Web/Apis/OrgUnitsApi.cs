using Luoshi.Application.OrgUnits;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/org-units</c>: the units the caller may see; admins add, change and import them.</summary>
public static class OrgUnitsApi
{
    public sealed record OrgUnitDto(int Id, string Code, string Name, string Kind, int? ParentId, int Version, int? LeaderUserId);

    /// <summary>The 局领导 who 包保 the unit; null clears it.</summary>
    public sealed record LeaderRequest(int? UserId);

    public sealed record OrgUnitRequest(string? Code, string? Name, string? Kind, int? ParentId);

    /// <summary>What an import did; <c>passwords</c> lists the passwords made up for users given none, shown this once.</summary>
    public sealed record ImportResult(int OrgUnitsCreated, int OrgUnitsUpdated, int UsersCreated, IReadOnlyList<IssuedPasswordDto> Passwords);

    public sealed record IssuedPasswordDto(string Username, string DisplayName, string Password);

    public static void MapOrgUnitsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/org-units").WithTags("单位");
        group.MapGet("/", List).WithSummary("可见的单位");
        group.MapGet("/{id:int}", Get).WithSummary("单位详情");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin).WithSummary("新增单位");
        group.MapPut("/{id:int}", Update).RequireAuthorization(Policies.Admin).WithSummary("修改单位（需 If-Match）");
        group.MapPut("/{id:int}/leader", SetLeader).RequireAuthorization(Policies.Oversight).WithSummary("设置包保局领导（局领导包保区县/学校）");
        group.MapGet("/import-template.xlsx", Template).RequireAuthorization(Policies.Admin).WithSummary("单位与用户导入模板");
        group.MapPost("/import", Import).RequireAuthorization(Policies.Admin).DisableAntiforgery()
            .WithSummary("从电子表格导入单位与用户（全部成功或全部不导入）");
    }

    private static OrgUnitDto ToDto(OrgUnit u) => new(u.Id, u.Code, u.Name, u.Kind.ToCode(), u.ParentId, u.Version, u.LeaderUserId);

    public static async Task<Ok<PagedList<OrgUnitDto>>> List(LuoshiDb db, HttpContext http, string? kind, int? parentId, string? q, int? page,
        int? pageSize)
    {
        var user = http.User;
        var query = db.OrgUnits.AsNoTracking().Visible(user.Role(), user.OrgUnitId());
        if (OrgUnitKinds.TryParse(kind, out var k)) query = query.Where(u => u.Kind == k);
        if (parentId is not null) query = query.Where(u => u.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.Name.Contains(q) || u.Code.Contains(q));
        var paging = new Paging(page, pageSize);
        var total = await query.CountAsync(http.RequestAborted);
        var items = await query.OrderBy(u => u.Kind).ThenBy(u => u.ParentId).ThenBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(new PagedList<OrgUnitDto>(items.Select(ToDto).ToList(), total));
    }

    public static async Task<Results<Ok<OrgUnitDto>, NotFound>> Get(int id, LuoshiDb db, HttpContext http)
    {
        var unit = await db.OrgUnits.AsNoTracking().Visible(http.User.Role(), http.User.OrgUnitId())
            .FirstOrDefaultAsync(u => u.Id == id, http.RequestAborted);
        if (unit is null) return TypedResults.NotFound();
        http.Response.SetETag(unit.Version);
        return TypedResults.Ok(ToDto(unit));
    }

    public static async Task<Results<Created<OrgUnitDto>, ProblemHttpResult>> Create(OrgUnitRequest request, OrgUnitDirectory directory,
        HttpContext http)
    {
        var result = await directory.CreateAsync(new(request.Code, request.Name, request.Kind, request.ParentId), http.RequestAborted);
        if (!result.Succeeded) return result.Problems.ToProblem();
        return TypedResults.Created($"/api/v1/org-units/{result.Unit!.Id}", ToDto(result.Unit));
    }

    public static async Task<Results<Ok<OrgUnitDto>, NotFound, ProblemHttpResult>> Update(
        int id, OrgUnitRequest request, LuoshiDb db, OrgUnitDirectory directory, HttpContext http)
    {
        var unit = await db.OrgUnits.FindAsync([id], http.RequestAborted);
        if (unit is null) return TypedResults.NotFound();
        if (Versions.Check(http.Request, unit.Version, OrgUnitProblems.Stale) is { } stale) return stale;
        var result = await directory.UpdateAsync(unit, new(request.Code, request.Name, request.Kind, request.ParentId), http.RequestAborted);
        if (!result.Succeeded) return result.Problems.ToProblem();
        http.Response.SetETag(unit.Version);
        return TypedResults.Ok(ToDto(unit));
    }

    public static async Task<Results<Ok<OrgUnitDto>, NotFound, ProblemHttpResult>> SetLeader(
        int id, LeaderRequest request, LuoshiDb db, OrgUnitDirectory directory, HttpContext http)
    {
        var unit = await db.OrgUnits.FindAsync([id], http.RequestAborted);
        if (unit is null) return TypedResults.NotFound();
        var result = await directory.SetLeaderAsync(unit, request.UserId, http.RequestAborted);
        if (!result.Succeeded) return result.Problems.ToProblem();
        http.Response.SetETag(unit.Version);
        return TypedResults.Ok(ToDto(unit));
    }

    public static FileContentHttpResult Template() =>
        TypedResults.File(CityImport.Template(), CityImport.ContentType, "单位与用户导入模板.xlsx");

    public static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> Import(IFormFile? file, CityImport import,
        HttpContext http)
    {
        if (file is null || file.Length == 0)
            return TypedResults.Problem(statusCode: 400, detail: "请上传 .xlsx 文件（表单字段 file）");
        if (file.Length > CityImport.MaxBytes)
            return TypedResults.Problem(statusCode: 413, detail: $"文件超过 {CityImport.MaxBytes / 1024 / 1024} MB");
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(stream, http.RequestAborted);
        if (result.Problems.Count > 0)
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["rows"] = [.. result.Problems] },
                title: "导入失败，未导入任何数据", detail: $"共发现 {result.Problems.Count} 处问题，请修改后重新上传");
        return TypedResults.Ok(new ImportResult(result.UnitsCreated, result.UnitsUpdated, result.UsersCreated,
            [.. result.Passwords.Select(p => new IssuedPasswordDto(p.UserName, p.DisplayName, p.Password))]));
    }

}
