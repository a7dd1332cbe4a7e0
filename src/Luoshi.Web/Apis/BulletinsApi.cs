using Luoshi.Application.Bulletins;
using Luoshi.Domain.Bulletins;
using Luoshi.Parsing.Rendering.Office;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/bulletins</c>: the monthly 督查通报 — list, draft, edit, publish, download — each a <see cref="Bulletins"/> use case.</summary>
public static class BulletinsApi
{
    public sealed record BulletinDto(int Id, string Period, string Number, string Title, string Status, string Overview, string Problems,
        string Requirements, DateTime CreatedAt, DateTime? PublishedAt, int Version);

    public sealed record BulletinList(IReadOnlyList<BulletinDto> Items);

    public sealed record DraftRequest(string? Period);

    public sealed record EditRequest(string? Overview, string? Problems, string? Requirements);

    public static void MapBulletinsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bulletins", List).WithTags("督查通报").WithSummary("督查通报列表（各单位看已印发的；督查督导和管理员也看草稿）");
        api.MapPost("/bulletins", Draft).WithTags("督查通报").WithSummary("按月起草督查通报（period=YYYY-MM，由台账自动生成）");
        api.MapGet("/bulletins/{period}", Get).WithTags("督查通报").WithSummary("某月的督查通报");
        api.MapGet("/bulletins/{period}.docx", Docx).WithTags("督查通报").WithSummary("下载督查通报（Word 公文，已印发的为印发时的原件）");
        api.MapPut("/bulletins/{period}", Edit).WithTags("督查通报").WithSummary("修改草稿的总体情况、存在问题、下一步要求（已印发的不能修改：409）");
        api.MapPost("/bulletins/{period}/publish", Publish).WithTags("督查通报").WithSummary("印发督查通报：按年编号〔2026〕第N期，通知各单位");
    }

    public static BulletinDto ToDto(Bulletin b)
    {
        var month = b.Period.Split('-');
        return new(b.Id, b.Period, b.Number, BulletinDocument.Title(int.Parse(month[0], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(month[1], System.Globalization.CultureInfo.InvariantCulture)), b.Status == BulletinStatus.Published ? "published" : "draft",
            b.Overview, b.Problems, b.Requirements, b.CreatedAt, b.PublishedAt, b.Version);
    }

    public static async Task<Ok<BulletinList>> List(Bulletins bulletins, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(new BulletinList([.. (await bulletins.ListAsync(http.User.ToCaller(), ct)).Select(ToDto)]));

    public static async Task<Results<Created<BulletinDto>, ProblemHttpResult>> Draft(DraftRequest request, Bulletins bulletins, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await bulletins.DraftAsync(http.User.ToCaller(), request.Period, ct);
        return outcome.Value is { } b ? TypedResults.Created($"/api/v1/bulletins/{b.Period}", ToDto(b)) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<BulletinDto>, ProblemHttpResult>> Get(string period, Bulletins bulletins, HttpContext http, CancellationToken ct) =>
        Answer(await bulletins.FindAsync(http.User.ToCaller(), period, ct));

    public static async Task<Results<Ok<BulletinDto>, ProblemHttpResult>> Edit(string period, EditRequest request, Bulletins bulletins, HttpContext http,
        CancellationToken ct) =>
        Answer(await bulletins.EditAsync(http.User.ToCaller(), period, request.Overview, request.Problems, request.Requirements, ct));

    public static async Task<Results<Ok<BulletinDto>, ProblemHttpResult>> Publish(string period, Bulletins bulletins, HttpContext http,
        CancellationToken ct) =>
        Answer(await bulletins.PublishAsync(http.User.ToCaller(), period, ct));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Docx(string period, Bulletins bulletins, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await bulletins.DocumentAsync(http.User.ToCaller(), period, ct);
        return outcome.Value is { } bytes ? TypedResults.File(bytes, WordTableWriter.ContentType, $"督查通报{period}.docx") : outcome.ToProblem();
    }

    private static Results<Ok<BulletinDto>, ProblemHttpResult> Answer(Application.Outcome<Bulletin> outcome) =>
        outcome.Value is { } b ? TypedResults.Ok(ToDto(b)) : outcome.ToProblem();
}
