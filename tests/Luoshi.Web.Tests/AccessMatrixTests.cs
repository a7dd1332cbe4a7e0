using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Luoshi.Application.Notifications;
using Luoshi.Application.OrgUnits;
using Luoshi.Application.People;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Luoshi.Web.Tests;

/// <summary>
/// Every <c>/api/v1</c> endpoint and every Razor page × every role × own unit / another unit, as written in
/// <c>access-matrix.md</c>: each cell is a real request with real ids and a body valid enough that "allow" really gets
/// through. Every answer, allowed or refused, is also searched for the words of reports the caller may not read: a
/// report's text must not reach anyone through an export, a page or a list that the report itself would refuse.
/// </summary>
public sealed partial class AccessMatrixTests(ITestOutputHelper output, DemoCopies demo) : IClassFixture<DemoCopies>
{
    public static readonly string[] Callers = ["admin", "leader", "supervisor", "department", "district", "school", "anonymous"];

    [Fact]
    public async Task Every_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        var app = await demo.For(TestDatabase.Sqlite);
        var endpoints = ApiEndpoints(app);
        endpoints.UnionWith(PageEndpoints(app));
        var rows = AccessMatrix.Load().Select(r => r.Endpoint).ToHashSet();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        var missing = endpoints.Except(rows).Order().ToList();
        var stale = rows.Except(endpoints).Order().ToList();
        Assert.True(missing.Count == 0, "endpoints without a row in access-matrix.md:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "rows in access-matrix.md for endpoints that do not exist:\n" + string.Join("\n", stale));
        foreach (var row in AccessMatrix.Load())
            Assert.True(Recipes.ContainsKey(row.Endpoint), $"no request recipe for {row.Endpoint} in AccessMatrixTests");
    }

    [Theory, Databases]
    public async Task Every_cell_of_the_matrix_holds(TestDatabase database)
    {
        var app = await demo.For(database);
        var world = await World.CreateAsync(app);
        var failures = new List<string>();
        var cells = 0;
        foreach (var row in AccessMatrix.Load())
        {
            if (!Recipes.ContainsKey(row.Endpoint))
            {
                failures.Add($"{row.Endpoint}: no request recipe in AccessMatrixTests");
                continue;
            }
            foreach (var caller in Callers)
            {
                foreach (var own in row.Subject == "-" || caller == "anonymous" ? [true] : new[] { true, false })
                {
                    var expected = row.Expected(caller, own);
                    cells++;
                    var answer = await world.RunAsync(row, caller, own, expected == "allow");
                    var (status, body, contentType) = (answer.Status, answer.Body, answer.ContentType);
                    // A page form that succeeds answers with a redirect (post/redirect/get), never to the sign-in page.
                    var pageForm = row.Endpoint.StartsWith("POST /", StringComparison.Ordinal) && !row.Endpoint.Contains(" /api/", StringComparison.Ordinal);
                    var ok = expected == "allow"
                        ? status is >= 200 and < 300 || (pageForm && status is 302 or 303 && answer.Location?.Contains("/Login", StringComparison.Ordinal) != true)
                        : status.ToString(System.Globalization.CultureInfo.InvariantCulture) == expected;
                    if (ok && expected is "401" or "403" or "404" && !Refusal(row.Endpoint, contentType, body))
                        ok = false;
                    if (ok && expected == "302" && caller == "anonymous" && answer.Location?.Contains("/Login", StringComparison.Ordinal) != true)
                        ok = false;
                    if (!ok)
                        failures.Add($"{row.Endpoint} as {caller} on {(own ? "own" : "other")} {row.Subject}: expected {expected}, got {status} {contentType} {answer.Location} {Shorten(body)}");
                    foreach (var leaked in world.Unreadable(caller).Where(marker => body.Contains(marker, StringComparison.Ordinal)))
                        failures.Add($"{row.Endpoint} as {caller} on {(own ? "own" : "other")} {row.Subject}: the answer holds the text of a report {caller} may not read ({leaked})");
                }
            }
        }
        output.WriteLine($"{cells} cells checked on {database}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells differ from access-matrix.md:\n" + string.Join("\n", failures));
    }

    [Theory, Databases]
    public async Task Only_overseers_add_tasks_to_a_published_plan(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        await Ledgers.AssignAsync(admin, tasks.TaskTitled("扩大普惠资源"), await app.UnitIdAsync("D03"), await app.UnitIdAsync("Q01"));
        await Ledgers.PublishAsync(admin, planId);
        var url = $"/api/v1/plans/{planId}/tasks";
        foreach (var department in new[] { "D03", "D07" })
        {
            var client = await app.SignedInAsync(await app.AddUserAsync(Role.Department, department));
            await (await client.PostAsJsonAsync(url, new { title = "处室私自新增的任务" })).AssertProblemAsync(403);
        }
        Assert.Equal(tasks.Count, await app.WithDbAsync(db => db.Tasks.CountAsync(t => t.PlanId == planId)));
        var supervisor = await app.SignedInAsync(await app.AddUserAsync(Role.Supervisor, "D08"));
        Assert.Equal(System.Net.HttpStatusCode.Created, (await supervisor.PostAsJsonAsync(url, new { title = "年中增加的任务" })).StatusCode);
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;

    /// <summary>What a cell's request got back; a spreadsheet's body is the text of its cells.</summary>
    private sealed record Answer(int Status, string Body, string? ContentType, string? Location);

    /// <summary>Every cell's text of a spreadsheet, read with the OpenXml SDK, one cell a line.</summary>
    internal static string WorkbookText(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return string.Join("\n", workbook.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            .Select(c => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString && int.TryParse(c.CellValue?.Text, out var i) && i < shared.Count
                ? shared[i] : c.InlineString?.InnerText ?? c.CellValue?.Text ?? ""));
    }

    private const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Every paragraph's text of a Word document, read with the OpenXml SDK, one a line.</summary>
    private static string WordText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>A refusal in Chinese: problem+json from the API, the Chinese error page from a page.</summary>
    private static bool Refusal(string endpoint, string? contentType, string body) =>
        contentType == (endpoint.Contains(" /api/", StringComparison.Ordinal) || endpoint.Contains(" /openapi/", StringComparison.Ordinal)
            ? "application/problem+json" : "text/html")
        && body.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Constraint();

    /// <summary>"METHOD /api/v1/path/{id}" for every endpoint the app really maps under /api (and the OpenAPI document).</summary>
    public static HashSet<string> ApiEndpoints(LuoshiFactory app)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalize(endpoint.RoutePattern.RawText ?? "");
            // The API, its OpenAPI document and its reference page.
            if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/openapi/", StringComparison.Ordinal)) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                result.Add($"{method} {path}");
        }
        return result;
    }

    /// <summary>
    /// "GET /Path/{id}" for every Razor page (its Index alias once), "POST /Path/{id}?handler=Name" for every form
    /// handler it has and "GET /Path/{id}?handler=Name" for every named GET handler (a part of the page fetched later) (found by loading the compiled page, as the framework does on its first request).
    /// </summary>
    public static HashSet<string> PageEndpoints(LuoshiFactory app)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var loader = app.Services.GetRequiredService<Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageLoader>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not { } page) continue;
            var path = "/" + Normalize(endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (path.Split('/').Contains("Index")) continue; // the same page as its folder's path
            result.Add($"GET {path}");
            var compiled = loader.LoadAsync(page, endpoint.Metadata).GetAwaiter().GetResult();
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod == "Post" || h.Name is { Length: > 0 }))
                result.Add(handler.Name is { Length: > 0 } name ? $"{handler.HttpMethod.ToUpperInvariant()} {path}?handler={name}" : $"POST {path}");
        }
        return result;
    }

    public static string Normalize(string pattern)
    {
        var path = Constraint().Replace(pattern, "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>How to call an endpoint so that an allowed caller really succeeds: the body (from the cell's world and subject id).</summary>
    private delegate Task<HttpContent?> Recipe(World world, int id, bool own);

    private static Task<HttpContent?> None(World world, int id, bool own) => Task.FromResult<HttpContent?>(null);

    private static Recipe Body(Func<World, int, bool, object> body) =>
        (world, id, own) => Task.FromResult<HttpContent?>(JsonContent.Create(body(world, id, own)));

    private static readonly string Unique = Guid.NewGuid().ToString("N")[..6];
    private static int counter;

    /// <summary>Weights of a scheme the matrix saves: districts only, 任务 60 and 督办 40.</summary>
    private static readonly object SchemeWeights = new Dictionary<string, object[]>
    {
        ["district"] = [new { key = "tasks", weight = 60 }, new { key = "notices", weight = 40 }],
    };

    /// <summary>This month in Beijing, YYYY-MM: the month of the matrix's 加分/减分.</summary>
    private static string ThisMonth => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static string Next(string prefix) => $"{prefix}{Unique}{Interlocked.Increment(ref counter)}";

    private static int bulletinMonths;

    /// <summary>A month of its own for each bulletin the matrix drafts or makes (going back from October 2026), as year × 12 + month − 1.</summary>
    private static int NextBulletinMonth() => 2026 * 12 + 9 - Interlocked.Increment(ref bulletinMonths);

    /// <summary>The <c>{period}</c> of a bulletin subject: its month as YYYY-MM.</summary>
    private static string PeriodOf(int month) => $"{month / 12:0000}-{month % 12 + 1:00}";

    private static readonly Dictionary<string, Recipe> Recipes = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/session"] = None, // the world signs in with the cell's own account
        ["DELETE /api/v1/session"] = None,
        ["GET /api/v1/session/all"] = None,
        ["DELETE /api/v1/session/all"] = None,
        ["DELETE /api/v1/session/{id}"] = None,
        ["GET /api/v1/me"] = None,
        ["GET /openapi/{documentName}.json"] = None,
        ["GET /api/docs/{documentName?}"] = None,
        ["GET /api/docs/scalar.js"] = None,
        ["GET /api/docs/scalar.aspnetcore.js"] = None,
        ["GET /api/docs/favicon.svg"] = None,
        ["GET /api/v1/org-units"] = None,
        ["GET /api/v1/org-units/{id}"] = None,
        ["POST /api/v1/org-units"] = Body((w, _, _) => new { code = Next("M"), name = Next("矩阵测试小学"), kind = "school", parentId = w.Q02 }),
        ["PUT /api/v1/org-units/{id}"] = async (w, id, _) => JsonContent.Create(await w.App.WithDbAsync(async db =>
        {
            var u = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == id);
            return new { code = u.Code, name = u.Name, kind = Domain.OrgUnits.OrgUnitKinds.ToCode(u.Kind), parentId = u.ParentId };
        })),
        ["GET /api/v1/org-units/import-template.xlsx"] = None,
        ["POST /api/v1/org-units/import"] = (w, _, _) =>
        {
            var file = new ByteArrayContent(CityImport.Workbook([[Next("I"), Next("矩阵导入小学"), "school", "Q02"]], []));
            file.Headers.ContentType = new MediaTypeHeaderValue(CityImport.ContentType);
            return Task.FromResult<HttpContent?>(new MultipartFormDataContent { { file, "file", "city.xlsx" } });
        },
        ["GET /api/v1/calendar/{year}"] = None,
        ["GET /api/v1/notices"] = None,
        ["POST /api/v1/notices"] = Body((w, _, _) => new { orgUnitId = w.SchoolQ01, kind = "supervise", reason = "矩阵测试督办" }),
        ["GET /api/v1/notices/{id}"] = None,
        ["GET /api/v1/notices/{id}.docx"] = None,
        ["POST /api/v1/notices/{id}/response"] = Body((_, _, _) => new { response = "矩阵测试办理情况" }),
        ["POST /api/v1/notices/{id}/close"] = None,
        ["POST /api/v1/notices/{id}/return"] = Body((_, _, _) => new { comment = "矩阵测试退回" }),
        ["GET /api/v1/bulletins"] = None,
        ["POST /api/v1/bulletins"] = Body((_, _, _) => new { period = PeriodOf(NextBulletinMonth()) }),
        ["GET /api/v1/bulletins/{period}"] = None,
        ["GET /api/v1/bulletins/{period}.docx"] = None,
        ["PUT /api/v1/bulletins/{period}"] = Body((_, _, _) => new { problems = "矩阵测试存在问题" }),
        ["POST /api/v1/bulletins/{period}/publish"] = None,
        ["GET /api/v1/inspections"] = None,
        ["POST /api/v1/inspections"] = Body((w, _, _) => new { title = "矩阵测试专项督导", topic = "校园安全", startDate = "2097-09-30", orgUnitIds = new[] { w.SchoolQ01 } }),
        ["GET /api/v1/inspections/{id}"] = None,
        ["POST /api/v1/inspections/{id}/findings"] = async (w, id, _) => JsonContent.Create(new
        {
            findings = new[] { new { orgUnitId = await w.InspectedUnitAsync(id), description = "矩阵测试问题", days = 3 } },
        }),
        ["POST /api/v1/inspections/findings/{id}/rectification"] = Body((_, _, _) => new { rectification = "矩阵测试整改情况" }),
        ["POST /api/v1/inspections/findings/{id}/close"] = None,
        ["POST /api/v1/inspections/findings/{id}/return"] = Body((_, _, _) => new { comment = "矩阵测试退回整改" }),
        ["GET /api/v1/inspections/files/{id}"] = None,
        ["GET /api/v1/notices/files/{id}"] = None,
        ["GET /api/v1/rankings"] = None,
        ["GET /api/v1/dashboard"] = None,
        ["GET /api/v1/ranking-schemes"] = None,
        ["POST /api/v1/ranking-schemes"] = Body((_, _, _) => new { name = Next("矩阵测试方案"), weights = SchemeWeights }),
        ["PUT /api/v1/ranking-schemes/{id}"] = Body((_, _, _) => new { name = Next("矩阵测试方案"), weights = SchemeWeights }),
        ["GET /api/v1/ranking-adjustments"] = None,
        ["POST /api/v1/ranking-adjustments/{id}/approve"] = None,
        ["POST /api/v1/ranking-adjustments/{id}/reject"] = None,
        ["POST /api/v1/ranking-adjustments"] = Body((w, _, _) => new { orgUnitId = w.Q02, period = ThisMonth, points = 1, basis = Next("矩阵测试加分") }),
        ["PUT /api/v1/data-values"] = Body((w, id, own) => new { dataElementId = id, orgUnitId = own ? w.SchoolQ01 : w.SchoolQ02, period = "2026-03-02", value = 1 }),
        ["POST /api/v1/data-sets/{id}/reports"] = Body((w, _, own) => new { orgUnitId = own ? w.SchoolQ01 : w.SchoolQ02, period = "2026-03-02", zeroReport = true }),
        ["GET /api/v1/data-sets/{id}/import-template.xlsx"] = None,
        ["POST /api/v1/data-sets/{id}/import"] = async (w, id, own) => new MultipartFormDataContent { { await w.ImportCsvAsync(id, own), "file", "data.csv" } },
        ["GET /api/v1/completeness"] = None,
        ["GET /api/v1/validation-rules"] = None,
        ["POST /api/v1/validation-rules"] = async (w, _, _) => JsonContent.Create(new
        {
            dataSetId = await w.SharedDataSetAsync(), name = Next("矩阵测试规则"), left = $"#{{{await w.ElementCodeAsync()}}}", @operator = "≤", right = "1000000",
            message = "矩阵测试提示", severity = "warning",
        }),
        ["PUT /api/v1/validation-rules/{id}"] = async (w, _, _) => JsonContent.Create(new
        {
            name = Next("矩阵测试规则"), left = $"#{{{await w.ElementCodeAsync()}}}", @operator = "<", right = "1000000", message = "矩阵测试提示", severity = "warning",
        }),
        ["DELETE /api/v1/validation-rules/{id}"] = None,
        ["GET /api/v1/validation-rules/violations"] = None,
        ["GET /api/v1/data-sets/{id}/locks"] = None,
        ["PUT /api/v1/data-sets/{id}/locks"] = Body((_, _, _) => new { period = "2026-03-02", locked = false }),
        ["GET /api/v1/data-elements"] = None,
        ["GET /api/v1/indicators"] = None,
        ["GET /api/v1/indicators/{id}"] = None,
        ["GET /api/v1/analytics"] = None,
        ["POST /api/v1/indicators"] = async (w, _, _) => JsonContent.Create(new { code = Next("I"), name = Next("矩阵测试指标"), numerator = $"1 + #{{{await w.ElementCodeAsync()}}}", factor = 1 }),
        ["PUT /api/v1/indicators/{id}"] = async (w, _, _) => JsonContent.Create(new { code = Next("I"), name = Next("矩阵测试指标"), numerator = $"#{{{await w.ElementCodeAsync()}}}", factor = 100 }),
        ["POST /api/v1/data-elements"] = Body((_, _, _) => new { code = Next("E"), name = Next("矩阵测试数据元"), valueType = "integer", unit = "人" }),
        ["GET /api/v1/data-sets"] = None,
        ["POST /api/v1/data-sets"] = Body((_, _, _) => new { code = Next("DS"), name = Next("矩阵测试报表"), periodType = "month", dueWorkingDays = 5 }),
        ["PUT /api/v1/calendar/{year}"] = Body((_, _, _) => new { days = new[] { new { date = "2097-10-02", workday = false, name = "国庆节" } } }),
        ["PUT /api/v1/calendar/days/{date}"] = Body((_, _, _) => new { workday = false, name = "国庆节" }),
        ["DELETE /api/v1/calendar/days/{date}"] = async (w, _, _) =>
        {
            await w.EnsureCalendarDayAsync();
            return null;
        },
        ["POST /api/v1/calendar/import"] = (_, _, _) => Task.FromResult<HttpContent?>(new MultipartFormDataContent
            { { new ByteArrayContent(Encoding.UTF8.GetBytes("2097-10-03,放假,国庆节\n")), "file", "holidays.csv" } }),
        ["GET /api/v1/users"] = None,
        ["GET /api/v1/users/{id}"] = None,
        ["POST /api/v1/users"] = Body((w, _, _) => new { username = Next("m"), displayName = "矩阵测试", role = "district", orgUnitId = w.Q02, password = LuoshiFactory.Password }),
        ["PUT /api/v1/users/{id}"] = async (w, id, _) => JsonContent.Create(new { displayName = await w.App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstAsync()) }),
        ["POST /api/v1/plans/parse"] = (_, _, _) => Task.FromResult<HttpContent?>(new StringContent(Ledgers.PlanText, Encoding.UTF8, "text/plain")),
        ["POST /api/v1/plans"] = (_, _, _) => Task.FromResult<HttpContent?>(new StringContent(Ledgers.PlanText, Encoding.UTF8, "text/plain")),
        ["GET /api/v1/plans"] = None,
        ["GET /api/v1/plans/{id}"] = None,
        ["GET /api/v1/plans/{id}/problems"] = None,
        ["GET /api/v1/plans/{id}/ledger.xlsx"] = None,
        ["GET /api/v1/plans/{id}/ledger.docx"] = None,
        ["GET /api/v1/plans/{id}/annual-report.pdf"] = None,
        ["GET /api/v1/plans/{id}/annual-report.docx"] = None,
        ["POST /api/v1/plans/{id}/publish"] = None,
        ["DELETE /api/v1/plans/{id}"] = None,
        ["PATCH /api/v1/plans/{id}"] = Body((_, _, _) => new { year = 2026 }),
        ["POST /api/v1/plans/{id}/tasks"] = Body((_, _, _) => new { title = "新增的任务" }),
        ["POST /api/v1/plans/{id}/copy-assignments"] = async (w, _, _) => JsonContent.Create(new { fromPlanId = (await w.ChainAsync(Stage.Published, true, fresh: false)).PlanId }),
        ["POST /api/v1/plans/{id}/carry-over"] = async (w, _, _) => JsonContent.Create(new { fromPlanId = await w.LastYearPlanAsync() }),
        ["GET /api/v1/tasks"] = None,
        ["GET /api/v1/tasks/{id}"] = None,
        ["PATCH /api/v1/tasks/{id}"] = Body((_, _, _) => new { text = "修改后的任务内容：新建改扩建公办幼儿园。" }),
        ["DELETE /api/v1/tasks/{id}"] = None,
        ["POST /api/v1/tasks/{id}/merge"] = async (w, id, _) => JsonContent.Create(new { intoTaskId = await w.SiblingAsync(id) }),
        ["POST /api/v1/tasks/{id}/split"] = Body((_, _, _) => new { at = 6, title = "拆分出的任务" }),
        ["POST /api/v1/tasks/{id}/children"] = Body((w, _, own) => new { responsibleOrgUnitIds = new[] { own ? w.SchoolQ01 : w.SchoolQ02 } }),
        ["POST /api/v1/tasks/bulk-assign"] = Body((w, id, own) => new { taskIds = new[] { id }, leadDepartmentId = own ? w.D03 : w.D05 }),
        ["POST /api/v1/tasks/{id}/completion"] = Body((_, _, _) => new { summary = "已全部完成" }),
        ["POST /api/v1/tasks/{id}/completion/approve"] = None,
        ["POST /api/v1/tasks/{id}/completion/refuse"] = Body((_, _, _) => new { reason = "佐证材料不全" }),
        ["POST /api/v1/tasks/{id}/reopen"] = Body((_, _, _) => new { reason = "需要补充" }),
        ["POST /api/v1/tasks/{id}/cancel"] = Body((_, _, _) => new { reason = "不再开展" }),
        ["POST /api/v1/tasks/{id}/targets"] = Body((_, _, _) => new { subject = "示范幼儿园", comparator = "=", value = 5, unit = "所" }),
        ["PATCH /api/v1/targets/{id}"] = Body((_, _, _) => new { value = 13 }),
        ["DELETE /api/v1/targets/{id}"] = None,
        ["PUT /api/v1/targets/{id}/indicator"] = Body((_, _, _) => new { indicatorId = (int?)null }),
        ["GET /api/v1/tasks/{id}/reports"] = None,
        ["POST /api/v1/tasks/{id}/reports"] = Body((_, _, _) => new { period = "2026-06", progress = 40, narrative = "已完成3所幼儿园的选址。" }),
        ["GET /api/v1/reports/{id}"] = None,
        ["POST /api/v1/reports/{id}/review"] = Body((_, _, _) => new { decision = "accept", comment = "同意" }),
        ["POST /api/v1/reports/{id}/attachments"] = (_, _, _) => Task.FromResult<HttpContent?>(Ledgers.Png("现场照片.png")),
        ["GET /api/v1/attachments/{id}"] = None,
        ["GET /api/v1/notifications"] = None,
        ["POST /api/v1/notifications/{id}/read"] = None,
        ["POST /api/v1/notifications/read-all"] = None,
        ["GET /api/v1/outbox"] = None,
        ["POST /api/v1/outbox/{id}/resend"] = None,
        ["GET /api/v1/org-units/{id}/channels"] = None,
        ["PUT /api/v1/org-units/{id}/channels"] = Body((_, _, _) => new { email = "matrix-unit@example.test" }),
        ["PUT /api/v1/org-units/{id}/leader"] = Body((_, _, _) => new { userId = (int?)null }),
        ["GET /api/v1/users/{id}/channels"] = None,
        ["PUT /api/v1/users/{id}/channels"] = Body((_, _, _) => new { email = "matrix-user@example.test", emailEnabled = true }),
        ["GET /api/v1/me/channels"] = None,
        ["PUT /api/v1/me/channels"] = Body((_, _, _) => new { email = "matrix-me@example.test", emailEnabled = false }),
        ["GET /api/v1/search"] = None,
        ["GET /api/v1/audit"] = None,
        ["GET /api/v1/audit/export.csv"] = None,
        ["GET /"] = None,
        ["GET /Login"] = None,
        ["GET /Logout"] = None,
        ["GET /Error"] = None,
        ["GET /Plans"] = None,
        ["GET /Plans/New"] = None,
        ["GET /Plans/{id}"] = None,
        ["GET /Plans/{id}/AnnualReport"] = None,
        ["GET /Tasks/{id}"] = None,
        ["GET /Account"] = None,
        ["GET /MyTasks"] = None,
        ["GET /Calendar"] = None,
        ["GET /Schedule"] = None,
        ["GET /Search"] = None,
        ["GET /Notifications"] = None,
        ["GET /Notices"] = None,
        ["GET /Analytics/Indicators"] = None,
        ["POST /Analytics/Indicators?handler=Save"] = Form(async (w, _, _) => [("Form.Code", Next("P")), ("Form.Name", Next("矩阵测试页面指标")),
            ("Form.Numerator", $"#{{{await w.ElementCodeAsync()}}}"), ("Form.Factor", "1")]),
        ["GET /Analytics/Pivot"] = None,
        ["GET /Analytics/Pivot?handler=Xlsx"] = None,
        ["GET /Analytics/Chart"] = None,
        ["POST /Notices?handler=Issue"] = Form((w, _, _) => Task.FromResult<(string, string)[]>([("Issue.OrgUnitId", S(w.SchoolQ01)), ("Issue.Kind", "urge"),
            ("Issue.Days", "3"), ("Issue.Reason", "矩阵测试页面督办")])),
        ["POST /Notices?handler=Answer"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id)), ("response", "矩阵测试页面办理情况")])),
        ["POST /Notices?handler=Close"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id))])),
        ["POST /Notices?handler=Return"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id)), ("comment", "矩阵测试页面退回")])),
        ["GET /Bulletins"] = None,
        ["POST /Bulletins?handler=Draft"] = Form((_, _, _) => Task.FromResult<(string, string)[]>([("period", PeriodOf(NextBulletinMonth()))])),
        ["POST /Bulletins?handler=Edit"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("period", PeriodOf(id)), ("problems", "矩阵测试页面存在问题")])),
        ["POST /Bulletins?handler=Publish"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("period", PeriodOf(id))])),
        ["GET /Inspections"] = None,
        ["POST /Inspections?handler=Record"] = Form((w, _, _) => Task.FromResult<(string, string)[]>([("Record.Title", "矩阵测试页面督导"),
            ("Record.Topic", "校园安全"), ("Record.StartDate", "2097-09-30"), ("Record.OrgUnitIds", S(w.SchoolQ01))])),
        ["GET /Inspections/{id}"] = None,
        ["POST /Inspections/{id}?handler=Add"] = Form(async (w, id, _) => [("Add.OrgUnitId", S(await w.InspectedUnitAsync(id))),
            ("Add.Description", "矩阵测试页面问题"), ("Add.Days", "3")]),
        ["POST /Inspections/{id}?handler=Rectify"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("findingId", S(id)),
            ("rectification", "矩阵测试页面整改情况")])),
        ["POST /Inspections/{id}?handler=Close"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("findingId", S(id))])),
        ["POST /Inspections/{id}?handler=Return"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("findingId", S(id)), ("comment", "矩阵测试页面退回")])),
        ["GET /Data"] = None,
        ["GET /Data/Definitions"] = None,
        ["POST /Data/Definitions?handler=Element"] = Form((_, _, _) => Task.FromResult<(string, string)[]>([("Element.Code", Next("PE")),
            ("Element.Name", Next("矩阵测试页面数据元")), ("Element.ValueType", "integer"), ("Element.Aggregation", "sum")])),
        ["POST /Data/Definitions?handler=Set"] = Form((_, _, _) => Task.FromResult<(string, string)[]>([("Set.Code", Next("PS")),
            ("Set.Name", Next("矩阵测试页面报表")), ("Set.PeriodType", "month"), ("Set.UnitKind", "school"), ("Set.DueWorkingDays", "5")])),
        ["GET /Data/Sets/{id}"] = None,
        ["POST /Data/Sets/{id}?handler=Import"] = async (w, id, own) => new MultipartFormDataContent
            { { await w.ImportCsvAsync(id, own), "file", "data.csv" }, { new StringContent(await w.TokenAsync()), "__RequestVerificationToken" } },
        ["GET /Data/Entry/{id}"] = None,
        ["POST /Data/Entry/{id}?handler=Save"] = Form(async (w, id, own) => [("unit", S(own ? w.SchoolQ01 : w.SchoolQ02)), ("period", "2026-03-02"),
            ("submit", "true"), ("Cells[0].ElementId", S(await w.ElementOfAsync(id))), ("Cells[0].Value", "1")]),
        ["POST /Data/Entry/{id}?handler=Zero"] = Form((w, _, own) => Task.FromResult<(string, string)[]>([("unit", S(own ? w.SchoolQ01 : w.SchoolQ02)),
            ("period", "2026-03-02")])),
        ["POST /Data/Entry/{id}?handler=Check"] = Form(async (w, id, own) => [("unit", S(own ? w.SchoolQ01 : w.SchoolQ02)), ("period", "2026-03-02"),
            ("Cells[0].ElementId", S(await w.ElementOfAsync(id))), ("Cells[0].Value", "1")]),
        ["POST /Data/Entry/{id}?handler=Rules"] = Form(async (w, id, own) => [("unit", S(own ? w.SchoolQ01 : w.SchoolQ02)), ("period", "2026-03-02"),
            ("Cells[0].ElementId", S(await w.ElementOfAsync(id))), ("Cells[0].Value", "1")]),
        ["POST /Data/Sets/{id}?handler=Rule"] = Form(async (w, id, _) => [("Rule.Name", Next("矩阵测试页面规则")),
            ("Rule.Left", $"#{{{await w.ElementCodeOfAsync(id)}}}"), ("Rule.Operator", "≤"), ("Rule.Right", "1000000"), ("Rule.Message", "矩阵测试提示"),
            ("Rule.Severity", "warning")]),
        ["POST /Data/Sets/{id}?handler=DeleteRule"] = Form(async (w, id, _) => [("ruleId", S(await w.RuleAsync(id)))]),
        ["POST /Data/Sets/{id}?handler=Lock"] = Form((_, _, _) => Task.FromResult<(string, string)[]>([("period", "2026-03-02"), ("locked", "false")])),
        ["POST /Data/Definitions?handler=Reuse"] = Form(async (w, _, _) =>
        {
            var (set, element) = await w.SetAskingAgainAsync();
            return [("set", S(set)), ("element", S(element))];
        }),
        ["GET /Data/Violations"] = None,
        ["GET /Data/Completeness"] = None,
        ["POST /Data/Completeness?handler=Urge"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("dataSetId", S(id)), ("period", "2026-03-02")])),
        ["GET /Data/Registry"] = None,
        ["GET /Audit"] = None,
        ["GET /Dashboard"] = None,
        ["GET /Rankings"] = None,
        ["GET /Rankings/Schemes"] = None,
        ["POST /Rankings/Schemes?handler=Save"] = Form((_, id, _) => Task.FromResult<(string, string)[]>(
            [("schemeId", S(id)), ("name", Next("矩阵测试方案")), ("w.district.tasks", "60"), ("w.district.notices", "40")])),
        ["GET /Rankings/Adjustments"] = None,
        ["POST /Rankings/Adjustments?handler=Propose"] = Form((w, _, _) => Task.FromResult<(string, string)[]>(
            [("orgUnitId", S(w.Q02)), ("period", ThisMonth), ("points", "-1"), ("basis", Next("矩阵测试减分"))])),
        ["POST /Rankings/Adjustments?handler=Approve"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id))])),
        ["POST /Rankings/Adjustments?handler=Reject"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id))])),
        ["GET /Admin/WorkCalendar"] = None,
        ["POST /Admin/WorkCalendar?handler=Save"] = Form((_, _, _) => Task.FromResult<(string, string)[]>([("year", "2097"), ("date", "2097-10-04"), ("workday", "放假"), ("name", "国庆节")])),
        ["POST /Admin/WorkCalendar?handler=Delete"] = Form(async (w, _, _) =>
        {
            await w.EnsureCalendarDayAsync();
            return [("year", "2097"), ("date", CalendarDate)];
        }),
        ["POST /Admin/WorkCalendar?handler=Import"] = async (w, _, _) => new MultipartFormDataContent
        {
            { new StringContent("2097"), "year" }, { new ByteArrayContent(Encoding.UTF8.GetBytes("2097-10-05,放假,国庆节\n")), "file", "holidays.csv" },
            { new StringContent(await w.TokenAsync()), "__RequestVerificationToken" },
        },
        ["GET /Admin/Units"] = None,
        ["GET /Admin/UnitEdit/{id}"] = None,
        ["GET /Admin/Users"] = None,
        ["GET /Admin/UserEdit/{id}"] = None,
        ["GET /Admin/Import"] = None,
        ["GET /Admin/Messages"] = None,
        ["GET /Admin/UnitChannels/{id}"] = None,
        ["GET /Admin/UserChannels/{id}"] = None,
        // The page forms: each posts what its form posts, with the caller's antiforgery token.
        ["POST /Tasks/{id}?handler=Edit"] = Form(async (w, id, _) =>
        {
            var task = await w.App.WithDbAsync(db => db.Tasks.AsNoTracking().Include(t => t.Units).FirstAsync(t => t.Id == id));
            return [("edit.Version", S(task.Version)), ("edit.LeadDepartmentId", S(task.LeadDepartmentId ?? 0)), ("edit.Category", "学前教育"), ("edit.Weight", "2"),
                .. task.ResponsibleOrgUnitIds.Select(u => ("edit.ResponsibleOrgUnitIds", S(u)))];
        }),
        ["POST /Tasks/{id}?handler=Report"] = Form((_, _, _) => Task.FromResult<(string, string)[]>(
            [("report.Period", "2026-06"), ("report.Progress", "40"), ("report.Narrative", "已完成3所幼儿园的选址。"), ("report.Key", Guid.NewGuid().ToString("N"))])),
        ["POST /Tasks/{id}?handler=Breakdown"] = Form(async (w, id, _) =>
        {
            var target = await w.App.WithDbAsync(db => db.Targets.AsNoTracking().Where(g => g.TaskId == id).OrderBy(g => g.Id).FirstAsync());
            return [("targetId", S(target.Id)), ("version", S(target.Version))];
        }),
        ["POST /Tasks/{id}?handler=Link"] = Form(async (w, id, _) =>
        {
            var target = await w.App.WithDbAsync(db => db.Targets.AsNoTracking().Where(g => g.TaskId == id).OrderBy(g => g.Id).FirstAsync());
            return [("targetId", S(target.Id)), ("indicatorId", "")];
        }),
        ["POST /Tasks/{id}?handler=Review"] = Form(async (w, id, _) =>
        {
            // The report the caller would see on the page: a school's own, otherwise the district's.
            var report = await w.App.WithDbAsync(db => db.Reports.Where(r => r.TaskId == id && r.Status == Domain.Reports.ReportStatus.Submitted
                && (w.CurrentCaller == "school" ? r.OrgUnitId == w.SchoolQ01 || r.OrgUnitId == w.SchoolQ02 : r.OrgUnitId == w.Q01 || r.OrgUnitId == w.Q02)).Select(r => r.Id).FirstAsync());
            return [("reportId", S(report)), ("decision", "accept"), ("comment", "同意")];
        }),
        ["POST /Tasks/{id}?handler=Completion"] = Form(("summary", "已全部完成")),
        ["POST /Tasks/{id}?handler=Decide"] = Form(("decision", "approve")),
        ["POST /Tasks/{id}?handler=Reopen"] = Form(("reason", "需要补充")),
        ["POST /Tasks/{id}?handler=Cancel"] = Form(("reason", "不再开展")),
        ["POST /Tasks/{id}?handler=Part"] = Form((w, _, own) => Task.FromResult<(string, string)[]>([("part.SchoolIds", S(own ? w.SchoolQ01 : w.SchoolQ02))])),
        ["POST /Plans/{id}?handler=EditTask"] = Form(async (w, id, _) =>
        {
            var task = await w.FirstTaskAsync(id);
            return [("taskId", S(task.Id)), ("version", S(task.Version)), ("title", "扩大普惠资源（核对后）"), ("text", task.Text), ("category", "学前教育")];
        }),
        ["POST /Plans/{id}?handler=MergeTask"] = Form(async (w, id, _) =>
        {
            var last = await w.App.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.PlanId == id).OrderByDescending(t => t.Ordinal).FirstAsync());
            return [("taskId", S(last.Id)), ("version", S(last.Version))];
        }),
        ["POST /Plans/{id}?handler=SplitTask"] = Form(async (w, id, _) =>
        {
            var task = await w.FirstTaskAsync(id);
            return [("taskId", S(task.Id)), ("version", S(task.Version)), ("at", "6"), ("splitTitle", "拆分出的任务")];
        }),
        ["POST /Plans/{id}?handler=DeleteTask"] = Form(async (w, id, _) =>
        {
            var task = await w.FirstTaskAsync(id);
            return [("taskId", S(task.Id)), ("version", S(task.Version))];
        }),
        ["POST /Plans/{id}?handler=EditTarget"] = Form(async (w, id, _) =>
        {
            var (target, version) = await w.PlanTargetAsync(id);
            return [("targetId", S(target)), ("version", S(version)), ("value", "13"), ("comparator", "="), ("unit", "所")];
        }),
        ["POST /Plans/{id}?handler=AddTarget"] = Form(async (w, id, _) =>
            [("taskId", S((await w.FirstTaskAsync(id)).Id)), ("subject", "示范幼儿园"), ("comparator", "="), ("value", "5"), ("unit", "所")]),
        ["POST /Plans/{id}?handler=DropTarget"] = Form(async (w, id, _) =>
        {
            var (target, version) = await w.PlanTargetAsync(id);
            return [("targetId", S(target)), ("version", S(version))];
        }),
        ["POST /Plans/{id}?handler=Publish"] = Form(),
        ["POST /Plans/{id}?handler=DeleteDraft"] = Form(),
        ["POST /Plans/{id}?handler=ChangePlan"] = Form(async (w, id, _) =>
            [("version", S(await w.App.WithDbAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.Version).FirstAsync()))), ("year", "2026")]),
        ["POST /Plans/{id}?handler=BulkAssign"] = Form(async (w, id, own) => [("taskIds", S((await w.FirstTaskAsync(id)).Id)), ("leadDepartmentId", S(own ? w.D03 : w.D05))]),
        ["GET /Plans/{id}?handler=AssignForm"] = None,
        ["POST /Plans/{id}?handler=AssignTask"] = Form(async (w, id, own) =>
        {
            var task = await w.FirstTaskAsync(id);
            return [("taskId", S(task.Id)), ("version", S(task.Version)), ("assign.LeadDepartmentId", S(own ? w.D03 : w.D05))];
        }),
        ["POST /Plans/{id}?handler=CopyAssignments"] = Form(async (w, _, _) => [("fromPlanId", S((await w.ChainAsync(Stage.Published, true, fresh: false)).PlanId))]),
        ["POST /Plans/{id}?handler=CarryOver"] = Form(async (w, _, _) => [("fromPlanId", S(await w.LastYearPlanAsync()))]),
        ["POST /Plans/New"] = Form(("text", Ledgers.PlanText)),
        ["POST /Login"] = Form((w, _, _) => Task.FromResult<(string, string)[]>([("username", w.CurrentUserName ?? "jiangdong"), ("password", LuoshiFactory.Password)])),
        ["POST /Logout"] = Form(),
        ["POST /Account?handler=End"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id))])),
        ["POST /Account?handler=Everywhere"] = Form(),
        ["POST /Notifications?handler=Read"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id))])),
        ["POST /Notifications?handler=ReadAll"] = Form(),
        ["POST /Admin/Units"] = Form((w, _, _) => Task.FromResult<(string, string)[]>([("code", Next("M")), ("name", Next("矩阵表单小学")), ("kind", "school"), ("parentId", S(w.Q02))])),
        ["POST /Admin/Units?handler=Leader"] = Form(async (w, id, _) =>
        {
            var leader = await w.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).FirstAsync());
            return [("id", S(id)), ("leaderUserId", S(leader))];
        }),
        ["POST /Admin/UnitEdit/{id}"] = Form(async (w, id, _) =>
        {
            var u = await w.App.WithDbAsync(db => db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == id));
            return [("version", S(u.Version)), ("code", u.Code), ("name", u.Name), ("kind", Domain.OrgUnits.OrgUnitKinds.ToCode(u.Kind)), ("parentId", u.ParentId is { } p ? S(p) : "")];
        }),
        ["POST /Admin/Users"] = Form((w, _, _) => Task.FromResult<(string, string)[]>(
            [("username", Next("f")), ("displayName", "矩阵表单"), ("role", "district"), ("orgUnitId", S(w.Q02)), ("password", LuoshiFactory.Password)])),
        ["POST /Admin/UserEdit/{id}"] = Form(async (w, id, _) =>
        {
            var u = await w.App.WithDbAsync(db => db.Users.AsNoTracking().FirstAsync(u => u.Id == id));
            return [("version", S(u.Version)), ("displayName", u.DisplayName), ("role", u.Role.ToCode()), ("orgUnitId", S(u.OrgUnitId))];
        }),
        ["POST /Admin/Messages?handler=Resend"] = Form((_, id, _) => Task.FromResult<(string, string)[]>([("id", S(id)), ("status", "dead")])),
        ["POST /Admin/UnitChannels/{id}"] = Form(("email", "matrix-unit@example.test")),
        ["POST /Admin/UserChannels/{id}"] = Form(("email", "matrix-user@example.test"), ("emailEnabled", "true")),
        ["POST /Account?handler=Channels"] = Form(("email", "matrix-me@example.test")),
        ["POST /Admin/Import"] = async (w, _, _) =>
        {
            var file = new ByteArrayContent(CityImport.Workbook([[Next("J"), Next("矩阵表单导入小学"), "school", "Q02"]], []));
            file.Headers.ContentType = new MediaTypeHeaderValue(CityImport.ContentType);
            return new MultipartFormDataContent { { file, "file", "city.xlsx" }, { new StringContent(await w.TokenAsync()), "__RequestVerificationToken" } };
        },
    };

    /// <summary>The calendar day the calendar's endpoints are called on (in a year nothing else uses).</summary>
    private const string CalendarDate = "2097-10-01";

    private static string S(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A page form's fields, sent form-encoded with the caller's antiforgery token (as the browser sends the form).</summary>
    private static Recipe Form(Func<World, int, bool, Task<(string, string)[]>> fields) => async (w, id, own) =>
    {
        var token = await w.TokenAsync();
        return Forms.Form(token, await fields(w, id, own));
    };

    private static Recipe Form(params (string, string)[] fields) => Form((_, _, _) => Task.FromResult(fields));

    /// <summary>What a fixture has gone through.</summary>
    public enum Stage { Draft, Published, Requested, Closed, Reported, Accepted }

    /// <summary>A plan with one assigned task (and its sibling), and what happened to it.</summary>
    public sealed record Chain(int PlanId, int TaskId, int SiblingId, int TargetId, int DistrictReport, int SchoolReport, int DistrictAttachment, int SchoolAttachment);

    /// <summary>The fixtures of one app: callers signed in as each role, and plans, tasks and reports made through the API.</summary>
    private sealed class World
    {
        /// <summary>Makes sure the calendar has a row on <see cref="CalendarDate"/>, so deleting it can succeed.</summary>
        public Task EnsureCalendarDayAsync() => App.WithDbAsync(async db =>
        {
            var date = DateOnly.Parse(CalendarDate, System.Globalization.CultureInfo.InvariantCulture);
            if (await db.CalendarDays.AnyAsync(d => d.Date == date)) return;
            db.CalendarDays.Add(new Domain.Calendar.CalendarDay { Date = date, Workday = false, Name = "国庆节" });
            await db.SaveChangesAsync();
        });

        public required LuoshiFactory App { get; init; }
        private readonly Dictionary<string, HttpClient> clients = [];
        private readonly Dictionary<string, int> userIds = [];
        private readonly Dictionary<string, string> userNames = [];
        private readonly Dictionary<string, int> unitOf = [];
        public int Q01, Q02, D03, D05, SchoolQ01, SchoolQ02;
        private HttpClient admin = null!, q01 = null!, q01School = null!, q02 = null!, q02School = null!;
        private int q02UserId;
        private string q02Name = "";
        private readonly Dictionary<(Stage, bool), Chain> shared = [];

        /// <summary>The words searched for: every accepted report's narrative starts with them.</summary>
        public static readonly string SearchWord = "矩阵" + Unique;

        /// <summary>A word found only in one accepted report, and the callers who may read that report.</summary>
        private readonly List<(string Marker, string[] Readers)> markers = [];

        /// <summary>The words of the reports the caller may not read; none may appear in any answer to the caller.</summary>
        public IEnumerable<string> Unreadable(string caller) => markers.Where(m => !m.Readers.Contains(caller)).Select(m => m.Marker);

        private static readonly Dictionary<string, (Role Role, string Unit)> Accounts = new()
        {
            ["admin"] = (Role.Admin, UserAccounts.BureauCode),
            ["leader"] = (Role.Leader, UserAccounts.BureauCode),
            ["supervisor"] = (Role.Supervisor, "D08"),
            ["department"] = (Role.Department, "D03"),
            ["district"] = (Role.District, "Q01"),
            ["school"] = (Role.School, "Q01-S01"),
        };

        public static async Task<World> CreateAsync(LuoshiFactory app)
        {
            var w = new World { App = app };
            var ids = await app.WithDbAsync(db => db.OrgUnits.ToDictionaryAsync(u => u.Code, u => u.Id));
            (w.Q01, w.Q02, w.D03, w.D05, w.SchoolQ01, w.SchoolQ02) = (ids["Q01"], ids["Q02"], ids["D03"], ids["D05"], ids["Q01-S01"], ids["Q02-S01"]);
            // Each role gets an account of its own, so that no other test's sign-out can end these sessions.
            foreach (var (caller, (role, unit)) in Accounts)
            {
                var name = await app.AddUserAsync(role, unit);
                w.clients[caller] = await app.SignedInAsync(name);
                w.userIds[caller] = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstAsync());
                w.userNames[caller] = name;
                w.unitOf[caller] = ids[unit];
            }
            w.clients["anonymous"] = app.NewClient();
            w.admin = w.clients["admin"];
            w.q01 = w.clients["district"];
            w.q01School = w.clients["school"];
            var q02Name = w.q02Name = await app.AddUserAsync(Role.District, "Q02");
            w.q02 = await app.SignedInAsync(q02Name);
            w.q02UserId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == q02Name).Select(u => u.Id).FirstAsync());
            w.q02School = await app.SignedInAsync(await app.AddUserAsync(Role.School, "Q02-S01"));
            // The reports whose words no answer may leak exist before the first cell, so every cell is checked against them.
            await w.ChainAsync(Stage.Accepted, own: true, fresh: false);
            await w.ChainAsync(Stage.Accepted, own: false, fresh: false);
            return w;
        }

        private int? lastYearPlan;

        /// <summary>A plan of the year before the fixtures' (2025), whose unfinished tasks a draft may carry over.</summary>
        public async Task<int> LastYearPlanAsync()
        {
            if (lastYearPlan is { } known) return known;
            var text = Ledgers.PlanText.Replace("2026年", "2025年", StringComparison.Ordinal);
            var plan = await admin.PostAsync("/api/v1/plans", new StringContent(text, System.Text.Encoding.UTF8, "text/plain")).SucceedsAsync("last year's plan");
            return (lastYearPlan = plan.GetProperty("id").GetInt32()).Value;
        }

        /// <summary>A plan whose task is led by D03 for Q01 and its school (own) or by D05 for Q02 and its school (other), taken to the stage.</summary>
        public async Task<Chain> ChainAsync(Stage stage, bool own, bool fresh)
        {
            if (!fresh && shared.TryGetValue((stage, own), out var known)) return known;
            var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
            var taskId = tasks.TaskTitled("扩大普惠资源");
            var siblingId = tasks.TaskTitled("提升保教质量");
            var targetId = tasks.First(t => t.GetProperty("id").GetInt32() == taskId).GetProperty("targets").EnumerateArray().First().GetProperty("id").GetInt32();
            var (district, school) = own ? (Q01, SchoolQ01) : (Q02, SchoolQ02);
            // Accepted: the own task is carried by 城南区 as well, whose report 江东区 and its school must never read.
            int[] units = stage == Stage.Accepted && own ? [district, school, Q02] : [district, school];
            await Ledgers.AssignAsync(admin, taskId, own ? D03 : D05, units);
            int districtReport = 0, schoolReport = 0, districtAttachment = 0, schoolAttachment = 0;
            if (stage != Stage.Draft)
                await Ledgers.PublishAsync(admin, planId);
            if (stage is Stage.Requested or Stage.Closed)
                await admin.PostAsJsonAsync($"/api/v1/tasks/{taskId}/completion", new { summary = "已完成" }).SucceedsAsync("request completion");
            if (stage == Stage.Closed)
                await admin.PostAsync($"/api/v1/tasks/{taskId}/completion/approve", null).SucceedsAsync("approve completion");
            if (stage == Stage.Reported)
            {
                (districtReport, districtAttachment) = await ReportAsync(own ? q01 : q02, taskId);
                (schoolReport, schoolAttachment) = await ReportAsync(own ? q01School : q02School, taskId);
            }
            if (stage == Stage.Accepted)
            {
                string[] overseers = ["admin", "leader", "supervisor"];
                if (own)
                {
                    districtReport = await AcceptedAsync(q01, taskId, "JDQ", [.. overseers, "department", "district"]);
                    schoolReport = await AcceptedAsync(q01School, taskId, "JDS", [.. overseers, "department", "district", "school"]);
                    await AcceptedAsync(q02, taskId, "CNX", [.. overseers, "department"]);
                }
                else
                {
                    districtReport = await AcceptedAsync(q02, taskId, "CNQ", overseers);
                    schoolReport = await AcceptedAsync(q02School, taskId, "CNS", overseers);
                }
            }
            var chain = new Chain(planId, taskId, siblingId, targetId, districtReport, schoolReport, districtAttachment, schoolAttachment);
            if (!fresh) shared[(stage, own)] = chain;
            return chain;
        }

        /// <summary>A report of the unit on the task, accepted, whose narrative holds a word of its own that only the readers may see.</summary>
        private async Task<int> AcceptedAsync(HttpClient unit, int taskId, string label, string[] readers)
        {
            var marker = label + Unique;
            var report = await unit.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period = "2026-05", progress = 50, narrative = $"{SearchWord}：{marker}已完成选址" })
                .SucceedsAsync("report");
            var id = report.GetProperty("id").GetInt32();
            await admin.PostAsJsonAsync($"/api/v1/reports/{id}/review", new { decision = "accept", comment = "同意" }).SucceedsAsync("accept");
            markers.Add((marker, readers));
            return id;
        }

        private static async Task<(int Report, int Attachment)> ReportAsync(HttpClient unit, int taskId)
        {
            var reportId = await Ledgers.ReportAsync(unit, taskId);
            var attachment = await unit.PostAsync($"/api/v1/reports/{reportId}/attachments", Ledgers.Png("选址照片.png")).SucceedsAsync("attach");
            return (reportId, attachment.GetProperty("id").GetInt32());
        }

        /// <summary>Who makes the current cell's request, and with which client and account (for the page forms' recipes).</summary>
        public string CurrentCaller { get; private set; } = "";

        public string? CurrentUserName => userNames.GetValueOrDefault(CurrentCaller);

        private HttpClient currentClient = null!;

        /// <summary>The antiforgery token a page gives the current caller (the sign-in page's when not signed in).</summary>
        public Task<string> TokenAsync() => currentClient.TokenAsync(CurrentCaller == "anonymous" ? "/Login" : "/Account");

        public Task<Domain.Tasks.PlanTask> FirstTaskAsync(int planId) =>
            App.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.PlanId == planId && t.Title.Contains("扩大普惠资源")).FirstAsync());

        public async Task<(int Id, int Version)> PlanTargetAsync(int planId)
        {
            var target = await App.WithDbAsync(db => db.Targets.AsNoTracking().Where(g => db.Tasks.Any(t => t.Id == g.TaskId && t.PlanId == planId))
                .OrderBy(g => g.Id).FirstAsync());
            return (target.Id, target.Version);
        }

        public async Task<int> SiblingAsync(int taskId) =>
            await App.WithDbAsync(async db =>
            {
                var planId = await db.Tasks.Where(t => t.Id == taskId).Select(t => t.PlanId).FirstAsync();
                return await db.Tasks.Where(t => t.PlanId == planId && t.Id != taskId && t.Title.Contains("提升保教质量")).Select(t => t.Id).FirstAsync();
            });

        private async Task<int> NotificationAsync(int userId)
        {
            using var scope = App.Services.CreateScope();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            await notifier.ToUsersAsync([userId], Notifier.Assigned, "矩阵测试通知", null);
            var db = scope.ServiceProvider.GetRequiredService<Data.LuoshiDb>();
            await db.SaveChangesAsync();
            return (int)await db.Notifications.Where(n => n.UserId == userId).MaxAsync(n => n.Id);
        }

        /// <summary>A message on the outbox's dead-letter list.</summary>
        private Task<int> DeadLetterAsync() => App.WithDbAsync(async db =>
        {
            var message = new Domain.Messaging.OutboxMessage
            {
                Key = "matrix:" + Guid.NewGuid().ToString("N"), Channel = Domain.Messaging.MessageChannel.Email, Address = "matrix@example.test",
                Kind = Notifier.Overdue, Text = "矩阵测试消息", Status = Domain.Messaging.OutboxStatus.Dead, Attempts = 8,
                CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
            };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return (int)message.Id;
        });

        /// <summary>A 督办单 from the supervisor (督导室) to <paramref name="unitId"/>, open or already answered.</summary>
        /// <summary>A bulletin of a month of its own, a draft or published (with a kept document); returns its month (see <see cref="PeriodOf"/>).</summary>
        private Task<int> BulletinAsync(bool published) => App.WithDbAsync(async db =>
        {
            var month = NextBulletinMonth();
            db.Bulletins.Add(new Domain.Bulletins.Bulletin
            {
                Period = PeriodOf(month), Overview = "矩阵测试总体情况", CreatedAt = DateTime.UtcNow,
                Status = published ? Domain.Bulletins.BulletinStatus.Published : Domain.Bulletins.BulletinStatus.Draft,
                Year = published ? 2097 : null, Sequence = published ? month : null, PublishedAt = published ? DateTime.UtcNow : null,
                Document = published
                    ? new Application.Documents.OfficialDocument("矩阵测试市教育局", "〔2097〕第1期", "矩阵测试通报").Text("矩阵测试")
                        .Write(new Parsing.Rendering.Office.DocumentInfo("矩阵测试通报", "矩阵测试", null, DateTime.UtcNow))
                    : null,
            });
            await db.SaveChangesAsync();
            return month;
        });

        /// <summary>A 督办单 by the supervisor to <paramref name="unitId"/>, open or answered; with <paramref name="file"/> answered with an
        /// attachment, whose id it returns.</summary>
        private Task<int> NoticeAsync(int unitId, bool answered, bool file = false) => App.WithDbAsync(async db =>
        {
            var sequence = (await db.Notices.Where(n => n.Year == 2097).MaxAsync(n => (int?)n.Sequence) ?? 0) + 1;
            var notice = new Domain.Supervision.Notice
            {
                Year = 2097, Sequence = sequence, Kind = Domain.Supervision.NoticeKind.Supervise, Level = Domain.Supervision.NoticeLevel.Supervise,
                OrgUnitId = unitId, Reason = "矩阵测试督办事由", IssuedById = userIds["supervisor"], IssuerUnitId = unitOf["supervisor"],
                IssuedAt = DateTime.UtcNow, RespondBy = new DateOnly(2097, 10, 9),
                Status = answered ? Domain.Supervision.NoticeStatus.Responded : Domain.Supervision.NoticeStatus.Open,
                Response = answered ? "矩阵测试已办理" : null, AnsweredAt = answered ? DateTime.UtcNow : null,
            };
            db.Notices.Add(notice);
            await db.SaveChangesAsync();
            if (!file) return notice.Id;
            var files = App.Services.GetRequiredService<Application.Reports.EvidenceFiles>();
            var (attachment, _) = await files.StoreAsync(new MemoryStream(Ledgers.PngBytes), "办理照片.png", Ledgers.PngBytes.Length, null);
            attachment!.NoticeId = notice.Id;
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync();
            return attachment.Id;
        });

        /// <summary>
        /// A 专项督导 by the supervisor (督导室) of <paramref name="unitId"/> with one finding there, open or with its rectification
        /// submitted, and optionally an evidence file; returns the inspection's, the finding's or the file's id as asked.
        /// </summary>
        private Task<int> InspectionAsync(int unitId, string what) => App.WithDbAsync(async db =>
        {
            var finding = new Domain.Supervision.Finding
            {
                OrgUnitId = unitId, Description = "矩阵测试发现的问题", Requirement = "立即整改", Deadline = new DateOnly(2097, 10, 9), CreatedAt = DateTime.UtcNow,
                Status = what == "open" ? Domain.Supervision.FindingStatus.Open : Domain.Supervision.FindingStatus.Submitted,
                Rectification = what == "open" ? null : "矩阵测试已整改", SubmittedAt = what == "open" ? null : DateTime.UtcNow,
            };
            var inspection = new Domain.Supervision.Inspection
            {
                Title = "矩阵测试专项督导", Topic = "校园安全专项督导", StartDate = new DateOnly(2097, 9, 30), EndDate = new DateOnly(2097, 9, 30),
                CreatedById = userIds["supervisor"], InspectorUnitId = unitOf["supervisor"], CreatedAt = DateTime.UtcNow,
                Units = [new() { OrgUnitId = unitId }], Findings = [finding],
            };
            db.Inspections.Add(inspection);
            await db.SaveChangesAsync();
            if (what != "file") return what == "inspection" ? inspection.Id : finding.Id;
            var files = App.Services.GetRequiredService<Application.Reports.EvidenceFiles>();
            var (attachment, _) = await files.StoreAsync(new MemoryStream(Ledgers.PngBytes), "整改照片.png", Ledgers.PngBytes.Length, null);
            attachment!.FindingId = finding.Id;
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync();
            return attachment.Id;
        });

        /// <summary>The unit an inspection fixture looked at.</summary>
        public Task<int> InspectedUnitAsync(int inspectionId) =>
            App.WithDbAsync(db => db.InspectedUnits.Where(u => u.InspectionId == inspectionId).Select(u => u.OrgUnitId).FirstAsync());

        /// <summary>A new session of the account (a sign-in of its own), so ending it leaves the cell's caller signed in.</summary>
        private async Task<int> NewSessionAsync(string userName)
        {
            var client = await App.SignedInAsync(userName);
            var list = await client.GetAsync("/api/v1/session/all").SucceedsAsync("list sessions");
            return list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetInt32();
        }

        private (int Set, int Element)? dataSet;

        /// <summary>A .csv import of one value of the set's element for the own (Q01-S01) or the other (Q02-S01) school.</summary>
        public async Task<HttpContent> ImportCsvAsync(int setId, bool own)
        {
            var elementId = await ElementOfAsync(setId);
            var code = await App.WithDbAsync(db => db.DataElements.Where(e => e.Id == elementId).Select(e => e.Code).FirstAsync());
            var csv = new ByteArrayContent(Encoding.UTF8.GetBytes($"单位代码,报告期,[{code}]\n{(own ? "Q01-S01" : "Q02-S01")},2026-03-02,1\n"));
            csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return csv;
        }

        /// <summary>The (first) element of a data set.</summary>
        public Task<int> ElementOfAsync(int setId) =>
            App.WithDbAsync(db => db.DataSets.Where(s => s.Id == setId).SelectMany(s => s.Elements).Select(e => e.DataElementId).FirstAsync());
        /// <summary>A stored 考核方案 of its own (version 1, districts: 任务 100), its scheme id.</summary>
        private Task<int> RankingSchemeAsync() => App.WithDbAsync(async db =>
        {
            var id = 1000 + Interlocked.Increment(ref schemes);
            db.RankingSchemeVersions.Add(new Domain.Rankings.RankingSchemeVersion
            {
                SchemeId = id, Version = 1, Name = $"矩阵测试方案{id}", CreatedAt = DateTime.UtcNow,
                Weights = [new() { Kind = Domain.OrgUnits.OrgUnitKind.District, CriterionKey = "tasks", Weight = 100 }],
            });
            await db.SaveChangesAsync();
            return id;
        });

        private static int schemes;

        /// <summary>A 加分/减分 for 城南区 this month, proposed by a 城南区 user and not yet reviewed.</summary>
        private Task<int> RankingAdjustmentAsync() => App.WithDbAsync(async db =>
        {
            var adjustment = new Domain.Rankings.RankingAdjustment
            {
                OrgUnitId = Q02, Period = ThisMonth, Points = 1, Basis = Next("矩阵测试加分"), ProposedById = q02UserId, ProposedAt = DateTime.UtcNow,
            };
            db.RankingAdjustments.Add(adjustment);
            await db.SaveChangesAsync();
            return adjustment.Id;
        });

        /// <summary>A daily data set for every school with one element and zero reports allowed; a new one when the cell files a report.</summary>
        private async Task<(int Set, int Element)> DataSetAsync(bool fresh)
        {
            if (!fresh && dataSet is { } known) return known;
            var made = await App.WithDbAsync(async db =>
            {
                var word = Guid.NewGuid().ToString("N")[..10];
                var element = new Domain.Data.DataElement { Code = $"M{word}", Name = $"矩阵测试数据{word}", ValueType = Domain.Data.DataValueType.Integer };
                db.DataElements.Add(element);
                await db.SaveChangesAsync();
                var set = new Domain.Data.DataSet
                {
                    Code = $"M{word}", Name = $"矩阵测试日报{word}", PeriodType = Domain.Data.PeriodType.Day, AllowZeroReport = true,
                    DueTime = new TimeOnly(16, 0), Elements = [new() { DataElementId = element.Id }],
                };
                db.DataSets.Add(set);
                await db.SaveChangesAsync();
                return (set.Id, element.Id);
            });
            if (!fresh) dataSet = made;
            return made;
        }

        /// <summary>The code of a data set's (first) element.</summary>
        public async Task<string> ElementCodeOfAsync(int setId)
        {
            var elementId = await ElementOfAsync(setId);
            return await App.WithDbAsync(db => db.DataElements.Where(e => e.Id == elementId).Select(e => e.Code).FirstAsync());
        }

        /// <summary>The shared data set (of the shared element).</summary>
        public async Task<int> SharedDataSetAsync() => (await DataSetAsync(fresh: false)).Set;

        /// <summary>A new validation rule of a data set over its first element.</summary>
        public async Task<int> RuleAsync(int setId)
        {
            var code = await ElementCodeOfAsync(setId);
            return await App.WithDbAsync(async db =>
            {
                var rule = new Domain.Data.ValidationRule
                {
                    DataSetId = setId, Name = "矩阵测试规则" + code, Left = $"#{{{code}}}", Operator = Domain.Data.RuleOperator.LessOrEqual, Right = "1000000",
                    Message = "矩阵测试提示", Severity = Domain.Data.RuleSeverity.Warning,
                };
                db.ValidationRules.Add(rule);
                await db.SaveChangesAsync();
                return rule.Id;
            });
        }

        /// <summary>A new monthly set asking a new element and the shared one (already asked by the shared set): what 最多报一次 offers to reuse.</summary>
        public async Task<(int Set, int Element)> SetAskingAgainAsync()
        {
            var shared = (await DataSetAsync(fresh: false)).Element;
            return await App.WithDbAsync(async db =>
            {
                var word = Guid.NewGuid().ToString("N")[..10];
                var own = new Domain.Data.DataElement { Code = $"R{word}", Name = $"矩阵测试复用{word}", ValueType = Domain.Data.DataValueType.Integer };
                db.DataElements.Add(own);
                await db.SaveChangesAsync();
                var set = new Domain.Data.DataSet
                {
                    Code = $"R{word}", Name = $"矩阵测试复用报表{word}", PeriodType = Domain.Data.PeriodType.Month,
                    Elements = [new() { DataElementId = own.Id, SortOrder = 1 }, new() { DataElementId = shared, SortOrder = 2 }],
                };
                db.DataSets.Add(set);
                await db.SaveChangesAsync();
                return (set.Id, shared);
            });
        }

        /// <summary>A new validation rule of the shared data set (a subject of its own for each request).</summary>
        private async Task<int> ValidationRuleAsync() => await RuleAsync(await SharedDataSetAsync());

        private int? indicator;

        /// <summary>The code of the shared data element (what an indicator's expression names).</summary>
        public async Task<string> ElementCodeAsync()
        {
            var element = (await DataSetAsync(fresh: false)).Element;
            return await App.WithDbAsync(db => db.DataElements.Where(e => e.Id == element).Select(e => e.Code).SingleAsync());
        }

        /// <summary>An indicator over the shared data element (the figures' reads share it).</summary>
        private async Task<int> IndicatorAsync()
        {
            if (indicator is { } known) return known;
            var code = await ElementCodeAsync();
            indicator = await App.WithDbAsync(async db =>
            {
                var made = new Domain.Indicators.Indicator { Code = "Z" + code, Name = "矩阵测试指标" + code, Numerator = $"#{{{code}}}", Factor = 1 };
                db.Indicators.Add(made);
                await db.SaveChangesAsync();
                return made.Id;
            });
            return indicator.Value;
        }

        /// <summary>The id the cell's request is about.</summary>
        private async Task<int> SubjectAsync(string subject, string caller, bool own, bool fresh)
        {
            var me = caller == "anonymous" ? "district" : caller;
            return subject switch
            {
                "-" or "session" => 0,
                "unit" => own ? unitOf[me] : Q02,
                "user" => own ? userIds[me] : q02UserId,
                "user-session" => await NewSessionAsync(own ? userNames[me] : q02Name),
                "notification" => await NotificationAsync(own ? userIds[me] : q02UserId),
                "outbox-message" => await DeadLetterAsync(),
                "notice" => await NoticeAsync(own ? unitOf[me] : Q02, answered: false),
                "answered-notice" => await NoticeAsync(own ? unitOf[me] : Q02, answered: true),
                "notice-file" => await NoticeAsync(own ? unitOf[me] : Q02, answered: true, file: true),
                "bulletin" => await BulletinAsync(published: true),
                "draft-bulletin" => await BulletinAsync(published: false),
                "inspection" => await InspectionAsync(own ? unitOf[me] : Q02, "inspection"),
                "finding" => await InspectionAsync(own ? unitOf[me] : Q02, "open"),
                "submitted-finding" => await InspectionAsync(own ? unitOf[me] : Q02, "submitted"),
                "finding-file" => await InspectionAsync(own ? unitOf[me] : Q02, "file"),
                "data-set" => (await DataSetAsync(fresh)).Set,
                "ranking-scheme" => await RankingSchemeAsync(),
                "ranking-adjustment" => await RankingAdjustmentAsync(),
                "data-element" => (await DataSetAsync(fresh: false)).Element,
                "indicator" => await IndicatorAsync(),
                "validation-rule" => await ValidationRuleAsync(),
                "plan" => (await ChainAsync(Stage.Published, own, fresh)).PlanId,
                "reported-plan" => (await ChainAsync(Stage.Accepted, own, fresh: false)).PlanId,
                "reported-task" => (await ChainAsync(Stage.Accepted, own, fresh: false)).TaskId,
                "draft-plan" => (await ChainAsync(Stage.Draft, own, fresh)).PlanId,
                "task" => (await ChainAsync(Stage.Published, own, fresh)).TaskId,
                "draft-task" => (await ChainAsync(Stage.Draft, own, fresh)).TaskId,
                "requested-task" => (await ChainAsync(Stage.Requested, own, fresh)).TaskId,
                "closed-task" => (await ChainAsync(Stage.Closed, own, fresh)).TaskId,
                "submitted-task" => (await ChainAsync(Stage.Reported, own, fresh)).TaskId,
                "target" => (await ChainAsync(Stage.Published, own, fresh)).TargetId,
                "report" => await ChainAsync(Stage.Reported, own, fresh) is var r && own && me == "school" ? r.SchoolReport : r.DistrictReport,
                "attachment" => await ChainAsync(Stage.Reported, own, fresh) is var a && own && me == "school" ? a.SchoolAttachment : a.DistrictAttachment,
                _ => throw new InvalidOperationException($"unknown subject {subject}"),
            };
        }

        /// <summary>
        /// Makes the cell's request. A call that would change something gets fresh fixtures when it is expected to
        /// succeed; refusals and reads share them.
        /// </summary>
        public async Task<Answer> RunAsync(AccessMatrix.Row row, string caller, bool own, bool allowed)
        {
            var (method, path) = (row.Endpoint.Split(' ')[0], row.Endpoint.Split(' ')[1]);
            var fresh = allowed && method != "GET";
            var id = await SubjectAsync(row.Subject, caller, own, fresh);
            var client = clients[caller];
            CurrentCaller = caller;
            if (row.Subject == "session")
            {
                var name = caller == "anonymous" ? null : await App.AddUserAsync(Accounts[caller].Role, Accounts[caller].Unit);
                client = name is null ? App.NewClient() : await App.SignedInAsync(name);
                if (method == "POST" && path == "/api/v1/session")
                {
                    var signIn = await client.PostAsJsonAsync(path, new { username = name ?? "jiangdong", password = LuoshiFactory.Password });
                    return new((int)signIn.StatusCode, await signIn.Content.ReadAsStringAsync(), signIn.Content.Headers.ContentType?.MediaType, null);
                }
            }
            var url = path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{year}", "2097", StringComparison.Ordinal).Replace("{period}", PeriodOf(id), StringComparison.Ordinal).Replace("{date}", CalendarDate, StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal).Replace("{documentName?}", "v1", StringComparison.Ordinal);
            if (url is "/api/v1/search" or "/Search") url += "?q=" + Uri.EscapeDataString(SearchWord);
            if (url == "/api/v1/completeness" || url == "/api/v1/validation-rules/violations") url += $"?dataSetId={S(id)}&period=2026-03-02";
            if (url.EndsWith("/locks", StringComparison.Ordinal) && method == "GET") url += "?period=2026-03-02";
            if (url == "/api/v1/analytics") url += $"?indicatorId={S(id)}&period=2026-03&orgUnitId={S(own ? unitOf[caller == "anonymous" ? "district" : caller] : Q02)}";
            // A part of the review fetched for one item names the item as well as the plan.
            if (row.Endpoint == "GET /Plans/{id}?handler=AssignForm") url += "&taskId=" + S((await FirstTaskAsync(id)).Id);
            currentClient = client;
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = await Recipes[row.Endpoint](this, id, own) };
            if (method is "PUT" or "PATCH") request.Headers.TryAddWithoutValidation("If-Match", "*");
            var response = await client.SendAsync(request);
            var type = response.Content.Headers.ContentType?.MediaType;
            // A spreadsheet's or Word document's text is read out of it (it is zipped), so its cells are searched like any other answer.
            var body = type == CityImport.ContentType ? WorkbookText(await response.Content.ReadAsByteArrayAsync())
                : type == WordContentType ? WordText(await response.Content.ReadAsByteArrayAsync())
                : await response.Content.ReadAsStringAsync();
            return new((int)response.StatusCode, body, type, response.Headers.Location?.ToString());
        }
    }
}

/// <summary>The rows of <c>access-matrix.md</c>.</summary>
public static class AccessMatrix
{
    public sealed record Row(string Endpoint, string Subject, IReadOnlyDictionary<string, string> Cells)
    {
        /// <summary>"allow", "302", "401", "403" or "404" for the caller on their own unit's record or another's.</summary>
        public string Expected(string caller, bool own)
        {
            var parts = Cells[caller].Split('/', StringSplitOptions.TrimEntries);
            return parts.Length == 1 || own ? parts[0] : parts[1];
        }
    }

    public static IReadOnlyList<Row> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "access-matrix.md");
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("| endpoint", StringComparison.Ordinal) || line.StartsWith("| ---", StringComparison.Ordinal)) continue;
            var cols = line.Trim().Trim('|').Split('|', StringSplitOptions.TrimEntries);
            Assert.True(cols.Length == 2 + AccessMatrixTests.Callers.Length, $"access-matrix.md: a row needs {2 + AccessMatrixTests.Callers.Length} columns: {line}");
            var cells = AccessMatrixTests.Callers.Select((c, i) => (c, cols[2 + i])).ToDictionary(x => x.c, x => x.Item2);
            foreach (var cell in cells.Values.SelectMany(v => v.Split('/', StringSplitOptions.TrimEntries)))
                Assert.True(cell is "allow" or "302" or "401" or "403" or "404", $"access-matrix.md: unknown outcome “{cell}” in {line}");
            rows.Add(new Row(cols[0], cols[1], cells));
        }
        Assert.NotEmpty(rows);
        return rows;
    }
}
