using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Luoshi.Domain.Tasks;
using Luoshi.Tests.Shared;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>A bureau's existing 任务分解表 (.xlsx) uploaded as a new plan: a draft with its tasks, units, deadlines and targets, or nothing.</summary>
public sealed partial class PlanImportTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Theory, Databases]
    public async Task A_titled_breakdown_table_with_group_rows_becomes_a_draft_with_units_deadlines_and_targets(TestDatabase database)
    {
        var app = await demo.For(database);
        var department = await app.SignedInAsync("jichu");
        var name = $"分解表{Guid.NewGuid():N}.xlsx";
        var response = await department.PostAsync("/api/v1/plans", Upload(TaskWorkbooks.TitledWithGroups(), name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("江州市2026年教育工作要点任务分解表", created.GetProperty("title").GetString());
        Assert.Equal(2026, created.GetProperty("year").GetInt32());
        Assert.Equal("draft", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetInt32();

        var tasks = await TasksAsync(app, id);
        Assert.Equal(5, tasks.Count);
        var group = tasks[0];
        Assert.Equal(1, group.Level);
        Assert.Contains("深化基础教育改革", group.Title);
        var first = tasks[1];
        Assert.Equal(group.Id, first.ParentId);
        Assert.Equal(2, first.Level);
        Assert.StartsWith("推进集团化办学", first.Title);
        Assert.Equal(await UnitIdAsync(app, "基础教育处"), first.LeadDepartmentId);
        Assert.Equal(await UnitIdsAsync(app, "江东区教育局", "城南区教育局"), first.Units.Where(u => u.Role == TaskUnitRole.Responsible)
            .Select(u => u.OrgUnitId).Order().ToArray());
        Assert.Equal(new DateOnly(2026, 6, 30), first.DueDate);
        Assert.Contains(first.Targets, t => t.Value == 10);
        Assert.Equal(new DateOnly(2026, 9, 30), tasks[2].DueDate);
        Assert.Contains(tasks[2].Targets, t => t.Value == 3000);
        Assert.Equal(await UnitIdAsync(app, "组织人事处"), tasks[4].LeadDepartmentId);
        Assert.Equal(new DateOnly(2026, 11, 30), tasks[4].DueDate);
        Assert.Equal(tasks[3].Id, tasks[4].ParentId);

        // The review page shows it as any draft, its source pane the table's rows.
        var review = await department.GetStringAsync($"/Plans/{id}");
        Assert.Contains("推进集团化办学", review);
        Assert.Contains("新增教育集团10个", review);
    }

    [Theory, Databases]
    public async Task Columns_in_another_order_with_a_merged_group_column_and_Excel_dates_map_each_row(TestDatabase database)
    {
        var app = await demo.For(database);
        var department = await app.SignedInAsync("jichu");
        var response = await department.PostAsync("/api/v1/plans", Upload(TaskWorkbooks.MergedGroupColumn(), $"分解表{Guid.NewGuid():N}.xlsx"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tasks = await TasksAsync(app, (await response.ReadJsonAsync()).GetProperty("id").GetInt32());
        var rows = tasks.Where(t => t.Level == 2).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(2, tasks.Count(t => t.Level == 1));
        Assert.Equal(rows[0].ParentId, rows[1].ParentId); // the merged 类别 cell covers both rows
        Assert.NotEqual(rows[1].ParentId, rows[2].ParentId);
        Assert.Equal(await UnitIdAsync(app, "教育信息化处"), rows[1].LeadDepartmentId);
        Assert.Equal(await UnitIdsAsync(app, "城南区教育局"), rows[1].Units.Where(u => u.Role == TaskUnitRole.Responsible).Select(u => u.OrgUnitId).ToArray());
        Assert.Equal(new DateOnly(2026, 10, 31), rows[1].DueDate);
        Assert.Equal(new DateOnly(2026, 6, 30), rows[0].DueDate);
        Assert.Equal(await UnitIdAsync(app, "安全稳定处"), rows[2].LeadDepartmentId);
    }

    [Theory, Databases]
    public async Task A_table_with_three_bad_rows_is_refused_listing_all_three_and_no_plan_is_created(TestDatabase database)
    {
        var app = await demo.For(database);
        var department = await app.SignedInAsync("jichu");
        var name = $"错表{Guid.NewGuid():N}.xlsx";
        var file = TaskWorkbooks.Xlsx(
        [
            ["江州市2026年教育工作任务分解表"],
            ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
            [1, "推进集团化办学", "基础教育处", "江东区", "2026年6月底前"],
            [2, "扩大学前教育资源", "学前教育处", "江南区", "2026年9月底前"],
            [3, null, "基础教育处", "城北区", "2026年9月底前"],
            [4, "开展校长职级制改革", "组织人事处", "临湖区", "尽快安排"],
            [5, "建设智慧校园", "教育信息化处", "白沙县", new DateOnly(2026, 12, 31)],
        ]);
        var response = await department.PostAsync("/api/v1/plans", Upload(file, name));
        var problem = await response.AssertProblemAsync(422);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["第 4 行：责任单位“江南区”不存在", "第 5 行：没有工作任务", "第 6 行：完成时限“尽快安排”不是可识别的日期"], errors);
        Assert.Contains("第 4 行：责任单位“江南区”不存在", problem.GetProperty("detail").GetString());
        Assert.False(await app.WithDbAsync(db => db.Plans.AnyAsync(p => p.SourceFileName == name)));
    }

    [Theory, Databases]
    public async Task Hostile_or_odd_workbooks_get_a_Chinese_422_and_nothing_is_stored(TestDatabase database)
    {
        var app = await demo.For(database);
        var department = await app.SignedInAsync("jichu");
        var cases = new (byte[] File, string Says)[]
        {
            ("序号\t工作任务\n1\t推进"u8.ToArray(), "不是有效的 .xlsx 电子表格"),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], "取消密码"), // an encrypted workbook is an OLE file
            (MillionRows(), "解压后超过 8 MB"),
            (TaskWorkbooks.Xlsx([["姓名", "电话"], ["张三", "123"]]), "没有找到任务分解表的表头"),
        };
        foreach (var (file, says) in cases)
        {
            var name = $"表{Guid.NewGuid():N}.xlsx";
            var response = await department.PostAsync("/api/v1/plans", Upload(file, name));
            var problem = await response.AssertProblemAsync(422);
            Assert.Contains(says, problem.GetProperty("detail").GetString());
            Assert.False(await app.WithDbAsync(db => db.Plans.AnyAsync(p => p.SourceFileName == name)));
        }
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync("/healthz")).StatusCode);
    }

    [Theory, Databases]
    public async Task The_new_plan_page_accepts_an_xlsx_and_the_parse_api_reads_one(TestDatabase database)
    {
        var app = await demo.For(database);
        var department = await app.SignedInAsync("jichu");
        var page = await department.GetStringAsync("/Plans/New");
        Assert.Contains(".xlsx", AcceptAttribute().Match(page).Groups[1].Value);
        Assert.Contains("任务分解表 .xlsx", page);

        var form = Upload(TaskWorkbooks.TitledWithGroups(), $"分解表{Guid.NewGuid():N}.xlsx");
        form.Add(new StringContent(Forms.TokenIn(page)), "__RequestVerificationToken");
        var posted = await department.PostAsync("/Plans/New", form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Matches(@"^/Plans/\d+$", posted.Headers.Location!.OriginalString);

        var parsed = await department.PostAsync("/api/v1/plans/parse", Upload(TaskWorkbooks.TitledWithGroups(), "分解表.xlsx"));
        Assert.Equal(HttpStatusCode.OK, parsed.StatusCode);
        var json = await parsed.ReadJsonAsync();
        Assert.Equal(2026, json.GetProperty("year").GetInt32());
        Assert.Equal(5, json.GetProperty("items").GetArrayLength());
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    /// <summary>A zip whose one sheet has a million rows: some 50 MB of XML that packs into a small upload.</summary>
    private static byte[] MillionRows()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            writer.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            for (var r = 1; r <= 1_000_000; r++)
            {
                writer.Write("<row r=\"");
                writer.Write(r);
                writer.Write("\"><c t=\"inlineStr\"><is><t>任务</t></is></c></row>");
            }

            writer.Write("</sheetData></worksheet>");
        }

        return stream.ToArray();
    }

    private static Task<List<PlanTask>> TasksAsync(LuoshiFactory app, int planId) =>
        app.WithDbAsync(db => db.Tasks.AsNoTracking().Include(t => t.Units).Include(t => t.Targets).Where(t => t.PlanId == planId)
            .OrderBy(t => t.Ordinal).ToListAsync());

    private static Task<int?> UnitIdAsync(LuoshiFactory app, string name) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == name).Select(u => (int?)u.Id).SingleAsync());

    private static Task<int[]> UnitIdsAsync(LuoshiFactory app, params string[] names) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => names.Contains(u.Name)).Select(u => u.Id).OrderBy(i => i).ToArrayAsync());

    [GeneratedRegex("type=\"file\" name=\"file\" accept=\"([^\"]*)\"")]
    private static partial Regex AcceptAttribute();
}
