using System.Text.RegularExpressions;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Luoshi.Web.Tests.Infrastructure.ChinaTimes;

namespace Luoshi.Web.Tests;

/// <summary>
/// The 年度评估报告 (issue 14 item 5) on a store of its own, as of Thursday 5 November 2026: a plan of four tasks — one
/// closed on time, one closed late, one overdue, one in progress —, a target met (新建幼儿园 4 of 3, claimed by 甲区's June
/// report with 幼儿园验收报告.pdf), a target missed (培训教师 60 of 100, 乙区's September report with 培训签到表.xlsx) and one
/// without a figure. The page, the PDF (read back by pdftotext, its fonts embedded) and the .docx (printed by LibreOffice).
/// </summary>
public sealed class AnnualReportTests
{
    /// <summary>Thursday 5 November 2026, 10:00 in Beijing.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 2, 0, 0, TimeSpan.Zero);

    private sealed record Fixture(int PlanId, int EmptyPlanId, int MetFile, int MissedFile, int MetReport, int MetTask);

    private static Task<Fixture> SeedAsync(LuoshiFactory data, string code) => data.WithDbAsync(async db =>
    {
        var bureau = new OrgUnit { Code = code, Name = "年报测试市教育局", Kind = OrgUnitKind.Bureau };
        var jia = new OrgUnit { Code = $"{code}0", Name = "甲区", Kind = OrgUnitKind.District, Parent = bureau };
        var yi = new OrgUnit { Code = $"{code}1", Name = "乙区", Kind = OrgUnitKind.District, Parent = bureau };
        var department = new OrgUnit { Code = $"{code}D", Name = "年报测试处", Kind = OrgUnitKind.Department, Parent = bureau };
        db.OrgUnits.AddRange(bureau, jia, yi, department);
        await db.SaveChangesAsync();
        var plan = new Plan { Title = "2026年年报测试工作要点", Year = 2026, Status = PlanStatus.Published, OrgUnitId = bureau.Id, CreatedAt = China(1, 5, 9) };
        var empty = new Plan { Title = "2026年无反馈测试工作要点", Year = 2026, Status = PlanStatus.Published, OrgUnitId = bureau.Id, CreatedAt = China(1, 5, 9) };
        db.Plans.AddRange(plan, empty);
        await db.SaveChangesAsync();
        PlanTask Task(int planId, int ordinal, string title, OrgUnit unit, DateOnly due, DateTime? closed, int progress = 0) => new()
        {
            PlanId = planId, Ordinal = ordinal, Number = $"{ordinal}.", Title = title, DueDate = due, LeadDepartmentId = department.Id, Progress = progress,
            Closure = closed is null ? TaskClosure.Open : TaskClosure.Done, ClosedAt = closed, Category = TaskCategory.Preschool,
            Units = [new TaskUnit { OrgUnitId = unit.Id, Role = TaskUnitRole.Responsible }],
        };
        var onTime = Task(plan.Id, 1, "按时办结的幼儿园建设任务", jia, new DateOnly(2026, 6, 30), China(6, 20, 10));
        var late = Task(plan.Id, 2, "逾期办结的课后服务任务", yi, new DateOnly(2026, 6, 30), China(7, 10, 10));
        var overdue = Task(plan.Id, 3, "逾期未办结的操场改造任务", yi, new DateOnly(2026, 9, 30), null, 50);
        var running = Task(plan.Id, 4, "进行中的教师培训任务", jia, new DateOnly(2026, 12, 31), null, 60);
        var quiet = Task(empty.Id, 1, "无反馈的安全检查任务", jia, new DateOnly(2026, 12, 31), null);
        onTime.Targets.Add(new Target { Subject = "新建幼儿园", Comparator = Comparator.AtLeast, Value = 3, Unit = "所", Actual = 4, SourceText = "新建幼儿园3所" });
        running.Targets.Add(new Target { Subject = "培训教师", Comparator = Comparator.AtLeast, Value = 100, Unit = "人", Actual = 60, SourceText = "培训教师100人" });
        overdue.Targets.Add(new Target { Subject = "改造操场", Comparator = Comparator.Equal, Value = 2, Unit = "个", SourceText = "改造操场2个" });
        db.Tasks.AddRange(onTime, late, overdue, running, quiet);
        await db.SaveChangesAsync();
        ProgressReport Accepted(PlanTask task, OrgUnit unit, string period, DateTime reviewed, decimal value, string file) => new()
        {
            TaskId = task.Id, OrgUnitId = unit.Id, Period = period, Status = ReportStatus.Accepted, Live = true, Progress = 100,
            SubmittedAt = reviewed.AddDays(-2), ReviewedAt = reviewed, CreatedAt = reviewed.AddDays(-3),
            Values = [new ReportValue { TargetId = task.Targets[0].Id, Value = value }],
            Attachments = [new Attachment { FileName = file, ContentType = "application/octet-stream", StoredName = $"{Guid.NewGuid():N}", Size = 10, UploadedAt = reviewed }],
        };
        var met = Accepted(onTime, jia, "2026-06", China(6, 25, 10), 4, "幼儿园验收报告.pdf");
        var missed = Accepted(running, yi, "2026-09", China(10, 8, 10), 60, "培训签到表.xlsx");
        db.Reports.AddRange(met, missed);
        await db.SaveChangesAsync();
        return new Fixture(plan.Id, empty.Id, met.Attachments[0].Id, missed.Attachments[0].Id, met.Id, onTime.Id);
    });

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Theory, Databases]
    public async Task Bureau_roles_read_the_page_with_outcomes_and_cited_evidence_units_get_403_and_an_unknown_plan_404(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var f = await SeedAsync(data, "AR");
        await using var app = data.At(new FakeTimeProvider(Now));
        var supervisor = await app.SignedInAsync(await data.AddUserAsync(Role.Supervisor, "AR"));
        var district = await app.SignedInAsync(await data.AddUserAsync(Role.District, "AR0"));
        var otherDepartment = await app.SignedInAsync(await data.AddUserAsync(Role.Department, "ARD"));

        var page = await supervisor.GetStringAsync($"/Plans/{f.PlanId}/AnnualReport");
        Assert.Contains("《2026年年报测试工作要点》2026年度评估报告", page);
        foreach (var (id, count) in new[] { ("on-time", 1), ("late", 1), ("in-progress", 1), ("overdue", 1), ("met", 1), ("missed", 1) })
            Assert.Contains($"data-testid=\"annual-{id}\">{count}<", page);
        Assert.Contains("逾期未办结的操场改造任务", page);
        Assert.Contains($"href=\"/api/v1/attachments/{f.MetFile}\">幼儿园验收报告.pdf</a>", page);
        Assert.Contains($"href=\"/Tasks/{f.MetTask}#report-{f.MetReport}\"", page);
        Assert.Contains($"href=\"/api/v1/attachments/{f.MissedFile}\">培训签到表.xlsx</a>", page);
        Assert.Contains("data-testid=\"annual-ranks-districts\"", page);
        Assert.Contains("data-testid=\"annual-chart-outcomes\"", page);
        // The plan page links to it.
        Assert.Contains($"href=\"/Plans/{f.PlanId}/AnnualReport\"", await supervisor.GetStringAsync($"/Plans/{f.PlanId}"));

        // Units may not: the report ranks every unit and names their shortfalls (a department that does not own the plan neither).
        foreach (var client in new[] { district, otherDepartment })
        {
            Assert.Equal(403, (int)(await client.GetAsync($"/Plans/{f.PlanId}/AnnualReport")).StatusCode);
            await (await client.GetAsync($"/api/v1/plans/{f.PlanId}/annual-report.pdf")).AssertProblemAsync(403);
            await (await client.GetAsync($"/api/v1/plans/{f.PlanId}/annual-report.docx")).AssertProblemAsync(403);
        }
        Assert.DoesNotContain("/AnnualReport", await district.GetStringAsync($"/Plans/{f.PlanId}"));
        var missing = await (await supervisor.GetAsync("/api/v1/plans/987654/annual-report.pdf")).AssertProblemAsync(404);
        Assert.Contains("找不到该计划", missing.GetProperty("detail").GetString());
        await (await supervisor.GetAsync("/api/v1/plans/987654/annual-report.docx")).AssertProblemAsync(404);
        Assert.Equal(404, (int)(await supervisor.GetAsync("/Plans/987654/AnnualReport")).StatusCode);

        // A plan without any report still has its report.
        var quiet = await supervisor.GetStringAsync($"/Plans/{f.EmptyPlanId}/AnnualReport");
        Assert.Contains("data-testid=\"annual-met-empty\"", quiet);
        Assert.Contains("暂无数据", quiet);
    }

    [Theory, Databases]
    public async Task The_pdf_reads_back_in_Chinese_with_its_fonts_embedded_tasks_targets_with_evidence_and_each_units_ranks(TestDatabase database)
    {
        Assert.True(PrintTools.PdfToText is not null, "没有 pdftotext（poppler-utils）");
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var f = await SeedAsync(data, "AP");
        await using var app = data.At(new FakeTimeProvider(Now));
        var leader = await app.SignedInAsync(await data.AddUserAsync(Role.Leader, "AP"));

        var response = await leader.GetAsync($"/api/v1/plans/{f.PlanId}/annual-report.pdf");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var folder = Directory.CreateTempSubdirectory("luoshi-annual-");
        try
        {
            var pdf = Path.Combine(folder.FullName, "annual.pdf");
            await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
            var printed = Squeeze(await PrintedLedgerTests.PdfTextAsync(pdf));
            AssertReport(printed, f);
            Assert.Contains("2.逾期办结的课后服务任务年报测试处乙区2026年6月30日2026年7月10日逾期办结", printed);
            Assert.Contains("—1—", printed);
            // Every ranking month of 甲区 as the ranking API gives it.
            Assert.Contains("甲区" + await RanksAsync(leader, "甲区"), printed);

            // Each font is embedded (pdffonts' "emb" column).
            var (code, fonts) = await PrintedLedgerTests.RunAsync(Path.Combine(Path.GetDirectoryName(PrintTools.PdfToText!)!, "pdffonts"), folder.FullName, [pdf]);
            Assert.Equal(0, code);
            var rows = fonts.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, row => Assert.Matches(@"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row));

            // The plan without reports: "暂无数据" where the targets would be.
            var quiet = await leader.GetAsync($"/api/v1/plans/{f.EmptyPlanId}/annual-report.pdf");
            quiet.EnsureSuccessStatusCode();
            var quietPdf = Path.Combine(folder.FullName, "quiet.pdf");
            await File.WriteAllBytesAsync(quietPdf, await quiet.Content.ReadAsByteArrayAsync());
            var quietText = Squeeze(await PrintedLedgerTests.PdfTextAsync(quietPdf));
            Assert.Contains("无反馈的安全检查任务", quietText);
            Assert.Contains("已达成的目标：暂无数据", quietText);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("LUOSHI_KEEP_PRINT") is null) folder.Delete(recursive: true);
        }
    }

    /// <summary>The .docx printed by LibreOffice and read back by pdftotext (SQLite only: the file does not depend on the database).</summary>
    [PrintFact]
    public async Task The_docx_prints_the_same_tasks_targets_evidence_ranks_and_both_charts()
    {
        await using var data = await new LuoshiFactory(TestDatabase.Sqlite, demo: false).StartAsync();
        var f = await SeedAsync(data, "AD");
        await using var app = data.At(new FakeTimeProvider(Now));
        var admin = await app.SignedInAsync(await data.AddUserAsync(Role.Admin, "AD"));
        var bytes = await (await admin.GetAsync($"/api/v1/plans/{f.PlanId}/annual-report.docx")).Content.ReadAsByteArrayAsync();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false))
            Assert.Equal(2, document.MainDocumentPart!.ImageParts.Count());

        var folder = Directory.CreateTempSubdirectory("luoshi-annual-docx-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "annual.docx"), bytes);
            await PrintedLedgerTests.ConvertAsync(folder.FullName, "annual.docx");
            var printed = Squeeze(await PrintedLedgerTests.PdfTextAsync(Path.Combine(folder.FullName, "annual.pdf")));
            AssertReport(printed, f);
            Assert.Contains("甲区" + await RanksAsync(admin, "甲区"), printed);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("LUOSHI_KEEP_PRINT") is null) folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The demo city's plan (<c>serve --demo</c>) as of today: a report with closed, late and overdue tasks, targets met and
    /// missed each citing the accepted reports that claimed them, and every district ranked month by month.
    /// </summary>
    [Fact]
    public async Task The_demo_citys_plan_gives_a_meaningful_annual_report()
    {
        await using var app = await DemoApps.OwnAsync(TestDatabase.Sqlite);
        var today = Luoshi.Domain.Time.ChinaClock.System.Today;
        await app.WithDbAsync(db => new Luoshi.Application.Demo.DemoYear(db, new Luoshi.Application.Plans.PlanWorkflow(db,
            new Luoshi.Application.Access.TaskScope(db), new Luoshi.Application.Notifications.Notifier(db), Luoshi.Domain.Time.ChinaClock.System))
            .SeedAsync(LuoshiFactory.Password, today));
        var planId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Plans.Select(p => p.Id), default));
        var leader = await app.SignedInAsync("leader");
        Luoshi.Application.Evaluation.AnnualReport.View report;
        using (var scope = app.Services.CreateScope())
            report = (await scope.ServiceProvider.GetRequiredService<Luoshi.Application.Evaluation.AnnualReport>()
                .ForAsync(new Luoshi.Application.Access.Caller(0, Role.Leader, 0), planId)).Value!;
        Assert.True(report.Summary.DoneOnTime + report.Summary.DoneLate > 0, "no task closed");
        Assert.True(report.Summary.InProgress + report.Summary.Overdue > 0, "every task closed");
        Assert.NotEmpty(report.Met.Concat(report.Missed));
        Assert.All(report.Met.Concat(report.Missed), t => Assert.NotEmpty(t.Evidence));
        Assert.Equal(today.Month, report.Months.Count);
        Assert.Equal(6, report.Districts.Count);
        Assert.Contains(report.Districts, d => d.Ranks.Any(r => r is not null));

        var pdf = await leader.GetAsync($"/api/v1/plans/{planId}/annual-report.pdf");
        pdf.EnsureSuccessStatusCode();
        var docx = await leader.GetAsync($"/api/v1/plans/{planId}/annual-report.docx");
        docx.EnsureSuccessStatusCode();
        if (Environment.GetEnvironmentVariable("LUOSHI_KEEP_PRINT") is { } keep)
            await File.WriteAllBytesAsync(Path.Combine(keep, "demo-annual.pdf"), await pdf.Content.ReadAsByteArrayAsync());
    }

    /// <summary>What both files say: the title, the figures, a task row, the met and the missed target with their evidence.</summary>
    private static void AssertReport(string printed, Fixture f)
    {
        Assert.Contains("年报测试市教育局年度评估报告", printed);
        Assert.Contains("《2026年年报测试工作要点》2026年度评估报告", printed);
        Assert.Contains("共有任务4项，已办结2项（其中按时办结1项、逾期办结1项）", printed);
        // A task row: number, title, lead, responsible unit, deadline, closed date (none), outcome.
        Assert.Contains("3.逾期未办结的操场改造任务年报测试处乙区2026年9月30日—逾期未办结", printed);
        // The met target with 甲区's June report and its attachment, the missed one with 乙区's September report.
        Assert.Matches(new Regex("新建幼儿园不低于3所4所甲区2026-06进展反馈（2026年6月25日，报4）.*?附件：幼儿园验收报告\\.pdf.*?/api/v1/attachments/" + f.MetFile), printed);
        Assert.Matches(new Regex("培训教师不低于100人60人乙区2026-09进展反馈（2026年10月8日，报60）.*?附件：培训签到表\\.xlsx.*?/api/v1/attachments/" + f.MissedFile), printed);
        Assert.Contains("暂无数据的目标：3.逾期未办结的操场改造任务（改造操场达到2个）", printed);
    }

    /// <summary>The unit's rank in each month January–November, from the ranking API, as the report's table prints them.</summary>
    private static async Task<string> RanksAsync(HttpClient client, string unit)
    {
        var ranks = "";
        for (var m = 1; m <= 11; m++)
        {
            var ranking = await client.GetJsonAsync($"/api/v1/rankings?period=2026-{m:00}&kind=district");
            var row = ranking.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == unit);
            ranks += row.GetProperty("rank").ValueKind == System.Text.Json.JsonValueKind.Number ? row.GetProperty("rank").GetInt32().ToString() : "—";
        }
        return ranks;
    }
}
