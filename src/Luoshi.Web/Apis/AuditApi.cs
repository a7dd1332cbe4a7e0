using System.Globalization;
using System.Text;
using System.Text.Json;
using Luoshi.Application.Auditing;
using Luoshi.Data;
using Luoshi.Domain.Auditing;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Apis;

/// <summary>
/// <c>/api/v1/audit</c>: the append-only audit trail, for administrators and supervisors. Read and export only:
/// no endpoint changes or deletes an entry.
/// </summary>
public static class AuditApi
{
    public sealed record AuditItem(
        long Id, DateTime At, int? UserId, string? UserName, string Action, string Entity, string? EntityId,
        JsonElement? Before, JsonElement? After, string? Ip);

    /// <summary>The filters of the list, the export and the audit page alike; dates are days in China Standard Time.</summary>
    public sealed record AuditFilter(string? Entity, string? EntityId, string? From, string? To, int? UserId, string? Action)
    {
        public static AuditFilter FromQuery(IQueryCollection query) =>
            new(query["entity"], query["entityId"], query["from"], query["to"],
                int.TryParse(query["userId"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null, query["action"]);

        /// <summary>The Chinese problems with the filter, empty when it can be applied.</summary>
        public List<string> Problems()
        {
            var problems = new List<string>();
            if (!string.IsNullOrWhiteSpace(From) && ChinaTime.ParseBound(From, endOfDay: false) is null)
                problems.Add($"开始日期“{From}”无效，应为 2026-03-31 这样的日期");
            if (!string.IsNullOrWhiteSpace(To) && ChinaTime.ParseBound(To, endOfDay: true) is null)
                problems.Add($"结束日期“{To}”无效，应为 2026-03-31 这样的日期");
            return problems;
        }

        public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
        {
            if (!string.IsNullOrWhiteSpace(Entity)) entries = entries.Where(e => e.Entity == Entity.Trim());
            if (!string.IsNullOrWhiteSpace(EntityId)) entries = entries.Where(e => e.EntityId == EntityId.Trim());
            if (!string.IsNullOrWhiteSpace(Action)) entries = entries.Where(e => e.Action == Action.Trim());
            if (UserId is { } userId) entries = entries.Where(e => e.UserId == userId);
            if (ChinaTime.ParseBound(From, endOfDay: false) is { } from) entries = entries.Where(e => e.At >= from);
            if (ChinaTime.ParseBound(To, endOfDay: true) is { } to) entries = entries.Where(e => e.At < to);
            return entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
        }
    }

    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("审计").RequireAuthorization(Policies.Oversight);
        group.MapGet("/", List)
            .WithSummary("审计日志（最新在前）；from/to 为日期（北京时间，含当天）");
        group.MapGet("/export.csv", Export)
            .WithSummary("按相同筛选条件导出审计日志（UTF-8 CSV，带 BOM，Excel 可直接打开）");
    }

    public static async Task<Results<Ok<PagedList<AuditItem>>, ValidationProblem>> List(
        LuoshiDb db, string? entity, string? entityId, string? from, string? to, int? userId, string? action, int? page, int? pageSize,
            CancellationToken ct)
    {
        var filter = new AuditFilter(entity, entityId, from, to, userId, action);
        if (filter.Problems() is { Count: > 0 } problems) return ProblemAnswers.Invalid(problems);
        var query = filter.Apply(db.AuditEntries.AsNoTracking());
        var paging = new Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<AuditItem>(rows.Select(ToItem).ToList(), total));
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(
        LuoshiDb db, AuditReader reader, HttpContext http, string? entity, string? entityId, string? from, string? to, int? userId, string? action)
    {
        var filter = new AuditFilter(entity, entityId, from, to, userId, action);
        if (filter.Problems() is { Count: > 0 } problems) return ProblemAnswers.Invalid(problems);
        var ct = http.RequestAborted;
        // Exporting the trail is itself recorded.
        db.Audit("export", nameof(AuditEntry), null, new { entity, entityId, from, to, userId, action });
        await db.SaveChangesAsync(ct);

        var response = http.Response;
        response.ContentType = "text/csv; charset=utf-8";
        var fileName = $"审计日志-{ChinaTime.From(DateTime.UtcNow):yyyyMMdd-HHmm}.csv";
        response.Headers.ContentDisposition =
            $"attachment; filename=\"audit.csv\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await writer.WriteLineAsync("编号,时间（北京时间）,用户编号,用户,操作,对象,变更内容,IP 地址");
        // Read in chunks (newest first, each chunk after the last row of the one before), so the file streams out and each
        // chunk's units, people and records are named in a few queries.
        (DateTime At, long Id)? last = null;
        while (true)
        {
            var source = db.AuditEntries.AsNoTracking();
            if (last is var (at, id)) source = source.Where(e => e.At < at || (e.At == at && e.Id < id));
            var chunk = await filter.Apply(source).Take(ExportChunk).ToListAsync(ct);
            foreach (var r in await reader.ReadAsync(chunk, ct))
            {
                await writer.WriteLineAsync(string.Join(',',
                    Csv(r.Entry.Id.ToString(CultureInfo.InvariantCulture)),
                    Csv(ChinaTime.From(r.Entry.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                    Csv(r.Entry.UserId?.ToString(CultureInfo.InvariantCulture)), Csv(r.Who), Csv(r.Action), Csv(r.Record), Csv(r.Summary),
                    Csv(r.Entry.Ip)));
            }
            if (chunk.Count < ExportChunk) break;
            last = (chunk[^1].At, chunk[^1].Id);
        }
        await writer.FlushAsync(ct);
        return TypedResults.Empty;
    }

    private const int ExportChunk = 500;

    public static AuditItem ToItem(AuditEntry e) =>
        new(e.Id, e.At, e.UserId, e.UserName, e.Action, e.Entity, e.EntityId, ParseJson(e.Before), ParseJson(e.After), e.Ip);

    private static JsonElement? ParseJson(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    /// <summary>One CSV field, quoted when needed; a leading = + - @ is neutralised so Excel never runs it as a formula.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
