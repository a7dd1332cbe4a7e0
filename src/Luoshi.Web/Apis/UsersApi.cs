using Luoshi.Application.People;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/users</c>: administrators manage who may sign in, with which role and for which unit.</summary>
public static class UsersApi
{
    public sealed record UserDto(int Id, string Username, string DisplayName, string Role, int OrgUnitId, string OrgUnitName, bool Disabled,
        DateTime CreatedAt, int Version);

    public sealed record CreateUserRequest(string? Username, string? DisplayName, string? Role, int? OrgUnitId, string? Password);

    public sealed record UpdateUserRequest(string? DisplayName, string? Role, int? OrgUnitId, bool? Disabled, string? Password);

    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("用户").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("用户列表");
        group.MapGet("/{id:int}", Get).WithSummary("用户详情");
        group.MapPost("/", Create).WithSummary("新增用户");
        group.MapPut("/{id:int}", Update).WithSummary("修改用户（需 If-Match）");
    }

    private static UserDto ToDto(User u) =>
        new(u.Id, u.UserName, u.DisplayName, u.Role.ToCode(), u.OrgUnitId, u.OrgUnit?.Name ?? "", u.Disabled, u.CreatedAt, u.Version);

    private static async Task<List<UserDto>> ProjectAsync(IQueryable<User> users, CancellationToken ct) =>
        (await users.Include(u => u.OrgUnit).ToListAsync(ct)).Select(ToDto).ToList();

    public static async Task<Ok<PagedList<UserDto>>> List(LuoshiDb db, string? role, int? orgUnitId, string? q, int? page, int? pageSize,
        CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (Roles.TryParse(role, out var r)) query = query.Where(u => u.Role == r);
        if (orgUnitId is not null) query = query.Where(u => u.OrgUnitId == orgUnitId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.UserName.Contains(q) || u.DisplayName.Contains(q));
        var paging = new Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await ProjectAsync(query.OrderBy(u => u.Id).Skip(paging.Skip).Take(paging.Size), ct);
        return TypedResults.Ok(new PagedList<UserDto>(items, total));
    }

    public static async Task<Results<Ok<UserDto>, NotFound>> Get(int id, LuoshiDb db, HttpContext http)
    {
        var user = (await ProjectAsync(db.Users.AsNoTracking().Where(u => u.Id == id), http.RequestAborted)).FirstOrDefault();
        if (user is null) return TypedResults.NotFound();
        http.Response.SetETag(user.Version);
        return TypedResults.Ok(user);
    }

    public static async Task<Results<Created<UserDto>, ProblemHttpResult>> Create(CreateUserRequest request, UserAccounts accounts, LuoshiDb db,
        CancellationToken ct)
    {
        if (!Roles.TryParse(request.Role, out var role))
            return UserProblems.RoleInvalid.With(request.Role).ToProblem();
        var result = await accounts.CreateAsync(request.Username ?? "", request.DisplayName, role, request.OrgUnitId ?? 0, request.Password ?? "",
            ct);
        if (!result.Succeeded) return result.Problems.ToProblem();
        var dto = (await ProjectAsync(db.Users.AsNoTracking().Where(u => u.Id == result.User!.Id), ct))[0];
        return TypedResults.Created($"/api/v1/users/{dto.Id}", dto);
    }

    public static async Task<Results<Ok<UserDto>, NotFound, ProblemHttpResult>> Update(
        int id, UpdateUserRequest request, UserAccounts accounts, LuoshiDb db, HttpContext http)
    {
        var user = await db.Users.FindAsync([id], http.RequestAborted);
        if (user is null) return TypedResults.NotFound();
        if (Versions.Check(http.Request, user.Version, UserProblems.Stale) is { } stale) return stale;
        var role = user.Role;
        if (request.Role is not null && !Roles.TryParse(request.Role, out role))
            return UserProblems.RoleInvalid.With(request.Role).ToProblem();
        var result = await accounts.UpdateAsync(user, request.DisplayName ?? user.DisplayName, role,
            request.OrgUnitId ?? user.OrgUnitId, request.Disabled ?? user.Disabled, request.Password, http.RequestAborted);
        if (!result.Succeeded) return result.Problems.ToProblem();
        var dto = (await ProjectAsync(db.Users.AsNoTracking().Where(u => u.Id == id), http.RequestAborted))[0];
        http.Response.SetETag(dto.Version);
        return TypedResults.Ok(dto);
    }
}
