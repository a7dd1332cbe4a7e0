using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// Importing a data set's values from .csv/.xlsx (issue 15): stored whole or not at all, a failed import lists exactly
/// its bad rows and why, the template is the set's own, and hostile files are a Chinese 4xx.
/// </summary>
public sealed class DataImportTests
{
    private static MultipartFormDataContent File(byte[] bytes, string name, string type)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static MultipartFormDataContent Csv(string text) => File(Encoding.UTF8.GetBytes(text), "data.csv", "text/csv");

    [Theory, Databases]
    public async Task An_import_of_20000_rows_with_3_bad_ones_lists_exactly_those_3_and_stores_nothing(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var schools = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Parent!.Code == "Q01" && u.Kind == OrgUnitKind.School)
            .OrderBy(u => u.Code).Select(u => u.Code).ToListAsync());
        var district = await app.SignedInAsync("jiangdong");

        // 20,000 rows of the daily set: each school of 江东区 for each day back from 9 March 2026; rows 5, 1234 and 20001 are bad.
        var csv = new StringBuilder($"单位代码,报告期,安全隐患数{s.Word}[AQ{s.Word}]\n");
        var first = new DateOnly(2026, 3, 9);
        for (var i = 0; i < 20_000; i++)
        {
            var (unit, day) = (schools[i % schools.Count], first.AddDays(-(i / schools.Count)).ToString("yyyy-MM-dd"));
            var row = i + 2;
            csv.Append(row switch
            {
                5 => $"{unit},{day},两处\n",
                1234 => $"NOPE{s.Word},{day},1\n",
                20001 => $"{unit},2026-13-01,1\n",
                _ => $"{unit},{day},{i % 3}\n",
            });
        }
        var refused = await district.PostAsync($"/api/v1/data-sets/{s.DailySet}/import", Csv(csv.ToString()));
        var problem = await refused.AssertProblemAsync(400);
        var rows = problem.GetProperty("errors").GetProperty("rows").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal($"第 5 行：“安全隐患数{s.Word}”应为整数，“两处”不是", rows[0]);
        Assert.Equal($"第 1234 行：找不到单位代码“NOPE{s.Word}”", rows[1]);
        Assert.StartsWith("第 20001 行：报告期“2026-13-01”无法识别", rows[2]);
        Assert.Contains("未导入任何数据", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await data.WithDbAsync(db => db.DataValues.CountAsync(v => v.DataElementId == s.Safe)));
    }

    [Theory, Databases]
    public async Task A_good_import_from_the_template_is_stored_and_hostile_files_are_refused_in_Chinese(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var school = await app.SignedInAsync("school");

        // The template is a workbook whose header names the set's columns; filled in (as .csv here) it imports.
        var template = await school.GetAsync($"/api/v1/data-sets/{s.MonthlySet}/import-template.xlsx");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // a zip, as .xlsx is
        var stored = await school.PostAsync($"/api/v1/data-sets/{s.MonthlySet}/import",
            Csv($"\uFEFF单位代码,报告期,在园幼儿总数{s.Word}[ZS{s.Word}],\"公办园在园幼儿数{s.Word}·城区[GB{s.Word}.城区]\"\nQ01-S01,2026-02,320,180\nQ01-S01,2026-01,318,\n"))
            .SucceedsAsync("import");
        Assert.Equal((2, 3), (stored.GetProperty("rows").GetInt32(), stored.GetProperty("saved").GetInt32()));
        Assert.Equal([318m, 320m], await data.WithDbAsync(db => db.DataValues.Where(v => v.DataElementId == s.Total).OrderBy(v => v.Period).Select(v => v.Numeric!.Value).ToListAsync()));

        // Not a spreadsheet, a header that is not the template's, another district's school, too large: Chinese 4xx, nothing stored.
        Assert.Contains("不是有效的 .xlsx", (await (await school.PostAsync($"/api/v1/data-sets/{s.MonthlySet}/import",
            File(Encoding.UTF8.GetBytes("not a workbook"), "data.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))).AssertProblemAsync(400))
            .GetProperty("detail").GetString());
        Assert.Contains("表头", (await (await school.PostAsync($"/api/v1/data-sets/{s.MonthlySet}/import", Csv("名称,数值\n甲,1\n"))).AssertProblemAsync(400))
            .GetProperty("detail").GetString());
        await (await school.PostAsync($"/api/v1/data-sets/{s.MonthlySet}/import", Csv($"单位代码,报告期,[ZS{s.Word}]\nQ02-S01,2026-02,1\n"))).AssertProblemAsync(403);
        await (await school.PostAsync($"/api/v1/data-sets/{s.MonthlySet}/import",
            File(new byte[11 * 1024 * 1024], "big.csv", "text/csv"))).AssertProblemAsync(413);
        Assert.Equal(2, await data.WithDbAsync(db => db.DataValues.CountAsync(v => v.DataElementId == s.Total)));
    }
}
