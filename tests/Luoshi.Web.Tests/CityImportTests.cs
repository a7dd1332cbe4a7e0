using System.Net;
using System.Net.Http.Headers;
using Luoshi.Application.OrgUnits;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>Importing a city's units and users from a spreadsheet: the whole file or nothing.</summary>
public sealed class CityImportTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private static MultipartFormDataContent Upload(byte[] bytes, string name = "city.xlsx")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(CityImport.ContentType);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Theory, Databases]
    public async Task A_good_file_imports_units_and_users(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var p = Guid.NewGuid().ToString("N")[..6];
        var file = CityImport.Workbook(
            [[$"{p}-Q", "高新区教育局", "区县", "BUREAU"], [$"{p}-S1", "高新区第一小学", "学校", $"{p}-Q"], [$"{p}-S2", "高新区实验幼儿园", "school", $"{p}-Q"]],
            [[$"gx{p}", "周涛", "区县教育局", $"{p}-Q", "Gaoxin-2026!"], [$"gx{p}s", "吴芳", "school", $"{p}-S1", "Gaoxin-2026!"]]);
        var response = await admin.PostAsync("/api/v1/org-units/import", Upload(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        Assert.Equal(3, result.GetProperty("orgUnitsCreated").GetInt32());
        Assert.Equal(2, result.GetProperty("usersCreated").GetInt32());

        var client = app.NewClient();
        var signIn = await client.PostAsync("/api/v1/session", System.Net.Http.Json.JsonContent.Create(new { username = $"gx{p}s", password = "Gaoxin-2026!" }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("高新区第一小学", (await client.GetJsonAsync("/api/v1/me")).GetProperty("orgUnitName").GetString());
    }

    [Theory, Databases]
    public async Task A_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (units, users) = await app.WithDbAsync(async db => (await db.OrgUnits.CountAsync(), await db.Users.CountAsync()));
        var p = Guid.NewGuid().ToString("N")[..6];
        var file = CityImport.Workbook(
            [[$"{p}-Q", "经开区教育局", "district", "BUREAU"], [$"{p}-S1", "", "school", $"{p}-Q"], [$"{p}-S2", "经开区小学", "school", "NOPE"], [$"{p}-S3", "经开区中学", "星球", $"{p}-Q"]],
            [[$"jk{p}", "郑伟", "district", $"{p}-Q", "short"]]);
        var response = await admin.PostAsync("/api/v1/org-units/import", Upload(file));
        var problem = await response.AssertProblemAsync(400);
        var rows = problem.GetProperty("errors").GetProperty("rows").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(rows, r => r.StartsWith("“单位”第 3 行", StringComparison.Ordinal) && r.Contains("名称不能为空"));
        Assert.Contains(rows, r => r.StartsWith("“单位”第 4 行", StringComparison.Ordinal) && r.Contains("NOPE"));
        Assert.Contains(rows, r => r.StartsWith("“单位”第 5 行", StringComparison.Ordinal) && r.Contains("类型"));
        Assert.Contains(rows, r => r.StartsWith("“用户”第 2 行", StringComparison.Ordinal) && r.Contains("密码"));
        // Not even the good rows: no unit or user was added.
        Assert.Equal((units, users), await app.WithDbAsync(async db => (await db.OrgUnits.CountAsync(), await db.Users.CountAsync())));
    }

    [Theory, Databases]
    public async Task A_city_of_a_thousand_schools_imports_in_one_file(TestDatabase database)
    {
        using var app = await new LuoshiFactory(database, demo: false).StartAsync();
        var admin = await app.SignedInAsync("admin");
        var units = new List<string[]>();
        var users = new List<string[]>();
        for (var d = 1; d <= 10; d++)
        {
            units.Add([$"D{d:00}", $"第{d}区教育局", "district", "BUREAU"]);
            users.Add([$"district{d:00}", $"第{d}区联络员", "district", $"D{d:00}", "Import-2026!"]);
            for (var s = 1; s <= 100; s++)
                units.Add([$"D{d:00}-S{s:000}", $"第{d}区第{s}小学", "school", $"D{d:00}"]);
        }
        for (var s = 1; s <= 100; s++)
            users.Add([$"school{s:000}", $"第1区第{s}小学联络员", "school", $"D01-S{s:000}", "Import-2026!"]);
        var response = await admin.PostAsync("/api/v1/org-units/import", Upload(CityImport.Workbook([.. units], [.. users])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        Assert.Equal(1010, result.GetProperty("orgUnitsCreated").GetInt32());
        Assert.Equal(110, result.GetProperty("usersCreated").GetInt32());
        Assert.Equal(1000, await app.WithDbAsync(db => db.OrgUnits.CountAsync(u => u.Kind == Domain.OrgUnits.OrgUnitKind.School)));
    }

    [Theory, Databases]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var response = await admin.PostAsync("/api/v1/org-units/import", Upload("这不是表格"u8.ToArray()));
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains(".xlsx", problem.GetProperty("errors").GetProperty("rows")[0].GetString());
    }

    [Theory, Databases]
    public async Task The_templates_sample_rows_import_as_they_are_and_it_carries_no_password(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var template = await admin.GetByteArrayAsync("/api/v1/org-units/import-template.xlsx");
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(template), false))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == CityImport.UsersSheet);
            var users = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet!
                .Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(["用户名", "姓名", "角色", "单位代码"], users[0]);
            Assert.All(users, row => Assert.Equal(4, row.Count));
            Assert.Equal("区县", users[1][2]);
        }

        // Uploaded unchanged, the sample creates 示例区教育局 (Q99), its school and the user q99, whose password is made up and shown once.
        var response = await admin.PostAsync("/api/v1/org-units/import", Upload(template));
        var result = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, result);
        var outcome = System.Text.Json.JsonDocument.Parse(result).RootElement;
        Assert.Equal(2, outcome.GetProperty("orgUnitsCreated").GetInt32());
        Assert.Equal(1, outcome.GetProperty("usersCreated").GetInt32());
        var issued = Assert.Single(outcome.GetProperty("passwords").EnumerateArray().ToList());
        Assert.Equal("q99", issued.GetProperty("username").GetString());
        var client = app.NewClient();
        var signIn = await client.PostAsync("/api/v1/session", System.Net.Http.Json.JsonContent.Create(new { username = "q99", password = issued.GetProperty("password").GetString() }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var me = await client.GetJsonAsync("/api/v1/me");
        Assert.Equal("district", me.GetProperty("role").GetString());
        Assert.Equal("示例区教育局", me.GetProperty("orgUnitName").GetString());
        Assert.Equal("学校", await app.WithDbAsync(async db => Domain.OrgUnits.OrgUnitKinds.ToChinese((await db.OrgUnits.SingleAsync(u => u.Code == "Q99-S01")).Kind)));
    }

    [Theory, Databases]
    public async Task Kinds_and_roles_are_read_in_Chinese_and_a_wrong_one_is_told_the_Chinese_names(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var p = Guid.NewGuid().ToString("N")[..6];
        var file = CityImport.Workbook([[$"{p}-S", "中文类型小学", "星球", "Q01"]], [[$"cn{p}", "王五", "校长", "Q01"]]);
        var problem = await (await admin.PostAsync("/api/v1/org-units/import", Upload(file))).AssertProblemAsync(400);
        var rows = problem.GetProperty("errors").GetProperty("rows").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(rows, r => r.StartsWith("“单位”第 2 行", StringComparison.Ordinal) && r.Contains("星球") && r.Contains("区县") && r.Contains("学校"));
        Assert.Contains(rows, r => r.StartsWith("“用户”第 2 行", StringComparison.Ordinal) && r.Contains("校长") && r.Contains("区县") && r.Contains("学校")
            && r.Contains("处室"));

        file = CityImport.Workbook([[$"{p}-S", "中文类型小学", "学校", "Q01"]], [[$"cn{p}", "王五", "学校", $"{p}-S"], [$"cq{p}", "赵六", "处室", "D03"]]);
        var response = await admin.PostAsync("/api/v1/org-units/import", Upload(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("usersCreated").GetInt32());
    }

    [Theory, Databases]
    public async Task The_template_downloads_as_a_spreadsheet(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var response = await admin.GetAsync("/api/v1/org-units/import-template.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CityImport.ContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }
}
