using System.Net.Http.Json;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Luoshi.Web.Tests.Infrastructure.ChinaTimes;

namespace Luoshi.Web.Tests;

/// <summary>
/// The monthly 督查通报 (issue 14 item 3) on a store of its own: six districts whose October tasks are done 5, 4, 3, 2, 1 and
/// 0 times out of 5 (ranked 甲 … 己 by the task criterion alone), 己区's undone tasks red, one late report. Drafted,
/// edited, published (〔2026〕第1期, every unit told), then never changed; districts read and download it but may not draft.
/// </summary>
public sealed class BulletinsTests
{
    /// <summary>Thursday 5 November 2026, 10:00 in Beijing.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 2, 0, 0, TimeSpan.Zero);

    private static readonly string[] Names = ["甲区", "乙区", "丙区", "丁区", "戊区", "己区"];

    /// <summary>Seeds the fixture under the code prefix <paramref name="code"/>; the red task of 己区 is named <paramref name="redTask"/>.</summary>
    private static Task SeedAsync(LuoshiFactory data, string code, string redTask) => data.WithDbAsync(async db =>
    {
        var bureau = new OrgUnit { Code = code, Name = "通报测试市教育局", Kind = OrgUnitKind.Bureau };
        var districts = Names.Select((n, i) => new OrgUnit { Code = $"{code}{i}", Name = n, Kind = OrgUnitKind.District, Parent = bureau }).ToList();
        db.OrgUnits.Add(bureau);
        db.OrgUnits.AddRange(districts);
        await db.SaveChangesAsync();
        var plan = new Plan { Title = "2026年通报测试工作要点", Year = 2026, Status = PlanStatus.Published, OrgUnitId = bureau.Id, CreatedAt = China(1, 5, 9) };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        PlanTask? late = null;
        for (var d = 0; d < districts.Count; d++)
            for (var j = 0; j < 5; j++)
            {
                var done = j < 5 - d;
                var task = new PlanTask
                {
                    PlanId = plan.Id, Title = d == 5 && j == 0 ? redTask : $"{Names[d]}十月任务{j + 1}", DueDate = new DateOnly(2026, 10, 20),
                    Closure = done ? TaskClosure.Done : TaskClosure.Open, ClosedAt = done ? China(10, 15, 10) : null,
                    Units = [new TaskUnit { OrgUnitId = districts[d].Id, Role = TaskUnitRole.Responsible }],
                };
                db.Tasks.Add(task);
                if (d == 5 && j == 0) late = task;
            }
        await db.SaveChangesAsync();
        db.Reports.Add(new ProgressReport
        {
            TaskId = late!.Id, OrgUnitId = districts[5].Id, Period = "2026-10", Status = ReportStatus.Submitted, Late = true, Live = true,
            SubmittedAt = China(10, 30, 9), CreatedAt = China(10, 29, 9),
        });
        await db.SaveChangesAsync();
    });

    [Theory, Databases]
    public async Task A_supervisor_drafts_edits_and_publishes_and_a_published_bulletin_never_changes(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        await SeedAsync(data, "BT", "己区逾期的校舍维修任务");
        await using var app = data.At(new FakeTimeProvider(Now));
        var supervisor = await app.SignedInAsync(await data.AddUserAsync(Role.Supervisor, "BT"));
        var district = await app.SignedInAsync(await data.AddUserAsync(Role.District, "BT5"));

        // A district may neither draft nor see a draft.
        await (await district.PostAsJsonAsync("/api/v1/bulletins", new { period = "2026-10" })).AssertProblemAsync(403);
        var draft = await supervisor.PostAsJsonAsync("/api/v1/bulletins", new { period = "2026-10" }).SucceedsAsync("draft");
        Assert.Equal(("draft", "关于2026年10月教育重点工作落实情况的通报"), (draft.GetProperty("status").GetString(), draft.GetProperty("title").GetString()));
        Assert.Contains("到期任务30项，按时办结15项", draft.GetProperty("overview").GetString());
        await (await supervisor.PostAsJsonAsync("/api/v1/bulletins", new { period = "2026-10" })).AssertProblemAsync(409);
        await (await supervisor.PostAsJsonAsync("/api/v1/bulletins", new { period = "2026-12" })).AssertProblemAsync(400);
        await (await district.GetAsync("/api/v1/bulletins/2026-10")).AssertProblemAsync(404);
        await (await district.GetAsync("/api/v1/bulletins/2026-10.docx")).AssertProblemAsync(404);
        Assert.Equal(0, (await district.GetJsonAsync("/api/v1/bulletins")).GetProperty("items").GetArrayLength());

        await (await district.PutAsJsonAsync("/api/v1/bulletins/2026-10", new { problems = "区县改的" })).AssertProblemAsync(403);
        var edited = await supervisor.PutAsJsonAsync("/api/v1/bulletins/2026-10", new { problems = "个别区县校舍维修进度滞后。" }).SucceedsAsync("edit");
        Assert.Equal("个别区县校舍维修进度滞后。", edited.GetProperty("problems").GetString());
        Assert.Contains("到期任务30项", edited.GetProperty("overview").GetString());

        await (await district.PostAsync("/api/v1/bulletins/2026-10/publish", null)).AssertProblemAsync(403);
        var published = await supervisor.PostAsync("/api/v1/bulletins/2026-10/publish", null).SucceedsAsync("publish");
        Assert.Equal(("published", "〔2026〕第1期"), (published.GetProperty("status").GetString(), published.GetProperty("number").GetString()));

        // Kept: no edit, no second publication, no second draft.
        Assert.Contains("已印发", (await (await supervisor.PutAsJsonAsync("/api/v1/bulletins/2026-10", new { problems = "改" })).AssertProblemAsync(409))
            .GetProperty("detail").GetString());
        await (await supervisor.PostAsync("/api/v1/bulletins/2026-10/publish", null)).AssertProblemAsync(409);
        Assert.Equal("个别区县校舍维修进度滞后。", (await supervisor.GetJsonAsync("/api/v1/bulletins/2026-10")).GetProperty("problems").GetString());

        // The district is told in its bell, lists it and downloads the published document.
        var bell = await district.GetJsonAsync("/api/v1/notifications");
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("2026年10月"));
        Assert.Equal("〔2026〕第1期", (await district.GetJsonAsync("/api/v1/bulletins")).GetProperty("items")[0].GetProperty("number").GetString());
        var docx = await district.GetAsync("/api/v1/bulletins/2026-10.docx");
        docx.EnsureSuccessStatusCode();
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("〔2026〕第1期", text);
        Assert.Contains("个别区县校舍维修进度滞后。", text);
    }

    /// <summary>
    /// The bulletin ranks by the scheme the ranking uses, not the code's default: once the stored scheme weighs districts on
    /// 督办 alone, the only district with a 督办单 due (己区, answered on time) is first with 100 and the others are unranked,
    /// and the document names the edited scheme.
    /// </summary>
    [Theory, Databases]
    public async Task The_bulletins_ranking_follows_the_stored_scheme(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        await SeedAsync(data, "BS", "己区逾期的食堂改造任务");
        await data.WithDbAsync(async db =>
        {
            var last = await db.OrgUnits.Where(u => u.Code == "BS5").Select(u => u.Id).SingleAsync();
            db.Notices.Add(new Luoshi.Domain.Supervision.Notice
            {
                Year = 2026, Sequence = 990, Kind = Luoshi.Domain.Supervision.NoticeKind.Supervise, Level = Luoshi.Domain.Supervision.NoticeLevel.Supervise,
                OrgUnitId = last, Reason = "通报方案测试", IssuedAt = China(10, 10, 9), RespondBy = new DateOnly(2026, 10, 16),
                Status = Luoshi.Domain.Supervision.NoticeStatus.Responded, AnsweredAt = China(10, 15, 9),
            });
            await db.SaveChangesAsync();
            return 0;
        });
        await using var app = data.At(new FakeTimeProvider(Now));
        var supervisor = await app.SignedInAsync(await data.AddUserAsync(Role.Supervisor, "BS"));
        await supervisor.PutAsJsonAsync("/api/v1/ranking-schemes/1", new
        {
            name = "督办专项考核方案",
            weights = new Dictionary<string, object[]> { ["district"] = [new { key = "notices", weight = 100 }] },
        }).SucceedsAsync("scheme");
        await supervisor.PostAsJsonAsync("/api/v1/bulletins", new { period = "2026-10" }).SucceedsAsync("draft");
        var docx = await supervisor.GetAsync("/api/v1/bulletins/2026-10.docx");
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("按照《督办专项考核方案》", text);
        Assert.Contains("1己区100.00", text);
        Assert.DoesNotContain("1甲区", text);
        // The live ranking agrees.
        var ranking = await supervisor.GetJsonAsync("/api/v1/rankings?period=2026-10");
        Assert.Equal(["己区"], ranking.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("rank").ValueKind != System.Text.Json.JsonValueKind.Null)
            .Select(i => i.GetProperty("name").GetString()));
    }

    /// <summary>The published .docx printed by LibreOffice and read back by pdftotext (SQLite only: the file does not depend on the database).</summary>
    [PrintFact]
    public async Task The_published_bulletin_prints_its_number_title_ranking_red_tasks_and_the_first_and_last_named()
    {
        await using var data = await new LuoshiFactory(TestDatabase.Sqlite, demo: false).StartAsync();
        await SeedAsync(data, "BP", "己区逾期的操场改造任务");
        await using var app = data.At(new FakeTimeProvider(Now));
        var supervisor = await app.SignedInAsync(await data.AddUserAsync(Role.Supervisor, "BP"));
        await supervisor.PostAsJsonAsync("/api/v1/bulletins", new { period = "2026-10" }).SucceedsAsync("draft");
        await supervisor.PostAsync("/api/v1/bulletins/2026-10/publish", null).SucceedsAsync("publish");
        var bytes = await (await supervisor.GetAsync("/api/v1/bulletins/2026-10.docx")).Content.ReadAsByteArrayAsync();

        var folder = Directory.CreateTempSubdirectory("luoshi-bulletin-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "bulletin.docx"), bytes);
            await PrintedLedgerTests.ConvertAsync(folder.FullName, "bulletin.docx");
            var printed = string.Concat((await PrintedLedgerTests.PdfTextAsync(Path.Combine(folder.FullName, "bulletin.pdf"))).Where(c => !char.IsWhiteSpace(c)));
            Assert.Contains("市教育局督查通报〔2026〕第1期", printed);
            Assert.Contains("〔2026〕第1期", printed);
            Assert.Contains("关于2026年10月教育重点工作落实情况的通报", printed);
            Assert.Contains("—1—", printed);
            // The ranking table: 甲区 first — all five tasks on time (30 of the 45 points that apply), none of the September
            // reports owed for them sent (15) → 66.67 —, 己区 last with 0.
            Assert.Contains("1甲区66.67", printed);
            Assert.Contains("6己区0.00", printed);
            // The red task with its unit, the praise and the naming.
            Assert.Contains("己区逾期的操场改造任务己区2026年10月20日", printed);
            Assert.Contains("甲区、乙区、丙区工作落实成效明显", printed);
            Assert.Contains("丁区、戊区、己区排名靠后", printed);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
