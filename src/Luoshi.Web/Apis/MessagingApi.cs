using Luoshi.Application;
using Luoshi.Application.Messaging;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary>
/// Messages outside the browser: the outbox and its dead letters (<c>/api/v1/outbox</c>, administrators), a unit's and a
/// person's channels (administrators), and one's own mail (<c>/api/v1/me/channels</c>, everyone).
/// </summary>
public static class MessagingApi
{
    public sealed record UnitChannelsRequest(string? Email, string? WeComWebhook, string? DingTalkWebhook, string? DingTalkSecret);

    public sealed record UserChannelsRequest(string? Email, bool? EmailEnabled);

    public static void MapMessagingApi(this RouteGroupBuilder api)
    {
        var outbox = api.MapGroup("/outbox").WithTags("消息发送").RequireAuthorization(Policies.Admin);
        outbox.MapGet("/", List).WithSummary("外发消息（?status=pending|sending|sent|dead）");
        outbox.MapPost("/{id:long}/resend", Resend).WithSummary("重发一条未发出的消息");
        var admin = api.MapGroup("/").WithTags("消息发送").RequireAuthorization(Policies.Admin);
        admin.MapGet("/org-units/{id:int}/channels", GetUnit).WithSummary("单位的消息渠道（邮箱、企业微信和钉钉群机器人）");
        admin.MapPut("/org-units/{id:int}/channels", SetUnit).WithSummary("设置单位的消息渠道");
        admin.MapGet("/users/{id:int}/channels", GetUser).WithSummary("用户的邮件设置");
        admin.MapPut("/users/{id:int}/channels", SetUser).WithSummary("设置用户的邮件");
        var me = api.MapGroup("/me/channels").WithTags("消息发送");
        me.MapGet("/", GetMine).WithSummary("我的邮件设置");
        me.MapPut("/", SetMine).WithSummary("设置我的邮箱和是否接收邮件");
    }

    public static async Task<Results<Ok<PagedList<OutboxItem>>, ProblemHttpResult>> List(OutboxAdmin outbox, string? status, int? page, int? pageSize,
        CancellationToken ct)
    {
        if (!OutboxAdmin.TryParseStatus(status, out var s))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "status 应为 pending、sending、sent 或 dead");
        var paging = new Paging(page, pageSize);
        var (items, total) = await outbox.ListAsync(s, paging.Skip, paging.Size, ct);
        return TypedResults.Ok(new PagedList<OutboxItem>(items, total));
    }

    public static async Task<Results<Ok<OutboxItem>, ProblemHttpResult>> Resend(long id, OutboxAdmin outbox, CancellationToken ct) =>
        Answer(await outbox.ResendAsync(id, ct));

    public static async Task<Results<Ok<UnitChannelsView>, ProblemHttpResult>> GetUnit(int id, MessageChannels channels, CancellationToken ct) =>
        Answer(await channels.UnitAsync(id, ct));

    public static async Task<Results<Ok<UnitChannelsView>, ProblemHttpResult>> SetUnit(int id, UnitChannelsRequest request, MessageChannels channels,
        CancellationToken ct) =>
        Answer(await channels.SetUnitAsync(id, new(request.Email, request.WeComWebhook, request.DingTalkWebhook, request.DingTalkSecret), ct));

    public static async Task<Results<Ok<UserChannelsView>, ProblemHttpResult>> GetUser(int id, MessageChannels channels, CancellationToken ct) =>
        Answer(await channels.UserAsync(id, ct));

    public static async Task<Results<Ok<UserChannelsView>, ProblemHttpResult>> SetUser(int id, UserChannelsRequest request, MessageChannels channels,
        CancellationToken ct) =>
        Answer(await channels.SetUserAsync(id, new(request.Email, request.EmailEnabled ?? false), ct));

    public static async Task<Results<Ok<UserChannelsView>, ProblemHttpResult>> GetMine(MessageChannels channels, HttpContext http) =>
        Answer(await channels.UserAsync(http.User.UserId(), http.RequestAborted));

    public static async Task<Results<Ok<UserChannelsView>, ProblemHttpResult>> SetMine(UserChannelsRequest request, MessageChannels channels,
        HttpContext http) =>
        Answer(await channels.SetUserAsync(http.User.UserId(), new(request.Email, request.EmailEnabled ?? false), http.RequestAborted));

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.ToProblem();
}
