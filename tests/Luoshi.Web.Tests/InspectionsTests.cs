using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Luoshi.Application.Supervision;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// 专项督导 with 整改 (issue 13 item 7) through HTTP on a demo city of its own: an inspection of two schools with three
/// findings due in working days across the 2026 国庆 week (worked out by hand below), rectified with evidence by a school,
/// returned and closed item by item by the inspector; refused to units the caller may not inspect or rectify for, and
/// after closing; overdue items and the month's 整改 figures for the ranking.
/// </summary>
public sealed class InspectionsTests
{
    /// <summary>Wednesday 30 September 2026, 10:00 in Beijing.</summary>
    private static readonly DateTimeOffset Inspected = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Beijing(int month, int day) => new(2026, month, day, 2, 0, 0, TimeSpan.Zero);

    private static List<JsonElement> FindingsOf(JsonElement inspection) => [.. inspection.GetProperty("findings").EnumerateArray()];

    private static async Task<List<string>> DescriptionsAsync(HttpClient client, string box) =>
        [.. (await client.GetJsonAsync($"/api/v1/inspections?box={box}")).GetProperty("items").EnumerateArray().SelectMany(FindingsOf)
            .Select(f => f.GetProperty("description").GetString()!)];

    [Theory, Databases]
    public async Task An_inspection_of_two_schools_is_rectified_returned_and_closed_item_by_item(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(Inspected));
        var (s01, s02, q02School) = (await data.UnitIdAsync("Q01-S01"), await data.UnitIdAsync("Q01-S02"), await data.UnitIdAsync("Q02-S01"));
        var supervisor = await app.SignedInAsync("supervisor");
        var school = await app.SignedInAsync("school");
        var district = await app.SignedInAsync("jiangdong");
        var otherDistrict = await app.SignedInAsync(await data.AddUserAsync(Role.District, "Q02"));
        var word = Guid.NewGuid().ToString("N")[..6];

        // Found Wed 30 Sep; 1–7 October are off, Sat 10 October is a 调休 working day, Sun 11 is off:
        // 5 working days are Thu 8, Fri 9, Sat 10, Mon 12, Tue 13 → 13 October; 3 working days → Sat 10 October.
        var created = await supervisor.PostAsJsonAsync("/api/v1/inspections", new
        {
            title = $"2026年秋季开学校园安全专项督导{word}", topic = "校园安全专项督导", startDate = "2026-09-29", endDate = "2026-09-30",
            summary = "抽查江东区两所学校的消防、食堂和校车安全。", orgUnitIds = new[] { s01, s02 },
            findings = new object[]
            {
                new { orgUnitId = s01, description = $"消防通道堆放杂物{word}", severity = "较重", requirement = "立即清理并建立巡查制度", days = 5 },
                new { orgUnitId = s01, description = $"食堂留样记录不全{word}", severity = "一般", requirement = "补齐留样记录", deadline = "2026-10-20" },
                new { orgUnitId = s02, description = $"校车安全员未随车{word}", severity = "严重", requirement = "配齐随车安全员", days = 3 },
            },
        }).SucceedsAsync("record");
        var id = created.GetProperty("id").GetInt32();
        var findings = FindingsOf(created);
        Assert.Equal([("2026-10-13", "serious", "open"), ("2026-10-20", "minor", "open"), ("2026-10-10", "grave", "open")],
            findings.Select(f => (f.GetProperty("deadline").GetString(), f.GetProperty("severity").GetString(), f.GetProperty("status").GetString())));
        var (fire, canteen, bus) = (findings[0].GetProperty("id").GetInt32(), findings[1].GetProperty("id").GetInt32(), findings[2].GetProperty("id").GetInt32());

        // The school's people are told (bell, and so mail and robots through the outbox).
        var told = await data.WithDbAsync(db => db.Notifications.Where(n => n.Kind == Inspections.FindingIssued)
            .Join(db.Users.Where(u => u.UserName == "school"), n => n.UserId, u => u.Id, (n, _) => n.Text).ToListAsync());
        Assert.Contains(told, t => t.Contains("校园安全专项督导发现问题 2 项") && t.Contains("2026年10月13日"));

        // The school sees its own two findings only; it rectifies the fire lane with a photo and the canteen in words.
        Assert.Equal([$"消防通道堆放杂物{word}", $"食堂留样记录不全{word}"], await DescriptionsAsync(school, "mine"));
        // A file that is not evidence is refused in Chinese and nothing is kept: the item stays open.
        var bad = new MultipartFormDataContent { { new StringContent("已整改"), "rectification" }, { new ByteArrayContent("MZ this program cannot be run"u8.ToArray()), "file", "a.exe" } };
        Assert.Contains("a.exe", (await (await school.PostAsync($"/api/v1/inspections/findings/{fire}/rectification", bad)).AssertProblemAsync(415))
            .GetProperty("detail").GetString());
        Assert.Equal(Domain.Supervision.FindingStatus.Open, await data.WithDbAsync(db => db.Findings.Where(f => f.Id == fire).Select(f => f.Status).SingleAsync()));
        Assert.Equal(0, await data.WithDbAsync(db => db.Attachments.CountAsync(a => a.FindingId == fire)));
        var form = new MultipartFormDataContent { { new StringContent("已清理消防通道，每日巡查登记。"), "rectification" } };
        form.Add(new ByteArrayContent(Ledgers.PngBytes), "file", "整改后照片.png");
        var submitted = await school.PostAsync($"/api/v1/inspections/findings/{fire}/rectification", form).SucceedsAsync("rectify with a photo");
        Assert.Equal(("submitted", "已清理消防通道，每日巡查登记。"), (submitted.GetProperty("status").GetString(), submitted.GetProperty("rectification").GetString()));
        var photo = submitted.GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal("整改后照片.png", photo.GetProperty("fileName").GetString());
        var url = photo.GetProperty("url").GetString()!;
        Assert.Equal(Ledgers.PngBytes, await supervisor.GetByteArrayAsync(url));
        Assert.Equal(Ledgers.PngBytes, await school.GetByteArrayAsync(url));
        await (await otherDistrict.GetAsync(url)).AssertProblemAsync(404);
        await school.PostAsJsonAsync($"/api/v1/inspections/findings/{canteen}/rectification", new { rectification = "已补齐9月留样记录。" })
            .SucceedsAsync("rectify in words");

        // Another unit may not rectify.
        var blank = await school.PostAsJsonAsync($"/api/v1/inspections/findings/{canteen}/rectification", new { rectification = "再次" });
        Assert.Equal("inspection.already-submitted", (await blank.AssertProblemAsync(409)).GetProperty("code").GetString());
        var notTheirs = await district.PostAsJsonAsync($"/api/v1/inspections/findings/{bus}/rectification", new { rectification = "代为整改" });
        Assert.Equal("inspection.not-your-unit", (await notTheirs.AssertProblemAsync(403)).GetProperty("code").GetString());
        await (await otherDistrict.PostAsJsonAsync($"/api/v1/inspections/findings/{bus}/rectification", new { rectification = "代为整改" }))
            .AssertProblemAsync(404);
        await (await otherDistrict.GetAsync($"/api/v1/inspections/{id}")).AssertProblemAsync(404);

        // The school may not decide; the inspector returns the fire lane and closes the canteen.
        await (await school.PostAsync($"/api/v1/inspections/findings/{canteen}/close", null)).AssertProblemAsync(403);
        var noReason = await supervisor.PostAsJsonAsync($"/api/v1/inspections/findings/{fire}/return", new { comment = " " });
        Assert.Equal("退回整改时请写明原因", (await noReason.AssertProblemAsync(400)).GetProperty("detail").GetString());
        var back = await supervisor.PostAsJsonAsync($"/api/v1/inspections/findings/{fire}/return", new { comment = "照片看不出巡查登记，请补充" })
            .SucceedsAsync("return");
        Assert.Equal(("open", "照片看不出巡查登记，请补充"), (back.GetProperty("status").GetString(), back.GetProperty("returnComment").GetString()));
        var closed = await supervisor.PostAsync($"/api/v1/inspections/findings/{canteen}/close", null).SucceedsAsync("close");
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        await (await supervisor.PostAsync($"/api/v1/inspections/findings/{bus}/close", null)).AssertProblemAsync(409);

        // After closing, a rectification is a conflict.
        var late = await school.PostAsJsonAsync($"/api/v1/inspections/findings/{canteen}/rectification", new { rectification = "补充" });
        var conflict = await late.AssertProblemAsync(409);
        Assert.Equal(("inspection.closed", "该整改问题已销号，不能再办理"), (conflict.GetProperty("code").GetString(), conflict.GetProperty("detail").GetString()));

        // Every change is in the audit trail.
        Assert.True(await data.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Entity == "Finding" && e.Action == "update"
            && e.After!.Contains("已补齐9月留样记录"))));
        var audit = WebUtility.HtmlDecode(await supervisor.GetStringAsync($"/Audit?entity=Finding&entityId={canteen}"));
        Assert.Contains($"整改问题“食堂留样记录不全{word}”", audit);
        Assert.Contains("<span class=\"field\">整改情况</span>", audit);
        Assert.Contains("<span class=\"field\">严重程度</span>：<span class=\"after\">一般</span>", audit);
        // A finding's status reads in the words of 整改, not a report's or in English.
        Assert.Contains("<span class=\"after\">已销号</span>", audit);
        Assert.DoesNotContain(">Closed<", audit);
        Assert.DoesNotContain(">Submitted<", audit);

        // Tuesday 13 October is the fire lane's last day: not yet overdue; the bus (due Saturday 10th) is.
        await using (var onTheDay = data.At(new FakeTimeProvider(Beijing(10, 13))))
        {
            var today = await DescriptionsAsync(await onTheDay.SignedInAsync("supervisor"), "overdue");
            Assert.Equal([$"校车安全员未随车{word}"], today.Where(d => d.EndsWith(word, StringComparison.Ordinal)));
        }
        // Wednesday 14 October: the returned fire lane is overdue too; the closed canteen never is.
        await using var later = data.At(new FakeTimeProvider(Beijing(10, 14)));
        var overdue = await DescriptionsAsync(await later.SignedInAsync("supervisor"), "overdue");
        Assert.Equal([$"消防通道堆放杂物{word}", $"校车安全员未随车{word}"], overdue.Where(d => d.EndsWith(word, StringComparison.Ordinal)));
        Assert.Equal([$"消防通道堆放杂物{word}"], await DescriptionsAsync(await later.SignedInAsync("school"), "overdue"));

        // October's 整改 figures: 第一中学 had two items due, one closed on time and one open past its deadline; 第二中学 one, open.
        var stats = await data.WithDbAsync(db => new RectificationStats(db).ForMonthAsync(2026, 10));
        Assert.Equal((2, 1, 1), stats.Where(s => s.OrgUnitId == s01).Select(s => (s.Due, s.ClosedOnTime, s.OpenOverdue)).Single());
        Assert.Equal((1, 0, 1), stats.Where(s => s.OrgUnitId == s02).Select(s => (s.Due, s.ClosedOnTime, s.OpenOverdue)).Single());
        Assert.Equal([fire, canteen], stats.Single(s => s.OrgUnitId == s01).FindingIds);
        Assert.DoesNotContain(stats, s => s.OrgUnitId == q02School);
    }

    [Theory, Databases]
    public async Task Only_inspectors_and_districts_of_their_own_schools_record_inspections(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(Inspected));
        var (q01, s01, q02School, d03) = (await data.UnitIdAsync("Q01"), await data.UnitIdAsync("Q01-S01"), await data.UnitIdAsync("Q02-S01"),
            await data.UnitIdAsync("D03"));
        object Inspection(params int[] units) => new { title = "课后服务专项督导", topic = "课后服务", startDate = "2026-09-30", orgUnitIds = units };

        // A district inspects its own schools, not another district's nor itself; schools and departments inspect nobody.
        var own = await (await app.SignedInAsync("jiangdong")).PostAsJsonAsync("/api/v1/inspections", Inspection(s01)).SucceedsAsync("district");
        Assert.Equal("课后服务专项督导", own.GetProperty("title").GetString());
        var foreign = await (await app.SignedInAsync("jiangdong")).PostAsJsonAsync("/api/v1/inspections", Inspection(q02School));
        Assert.Equal("inspection.forbidden", (await foreign.AssertProblemAsync(403)).GetProperty("code").GetString());
        var otherDistrict = await app.SignedInAsync(await data.AddUserAsync(Role.District, "Q02"));
        await (await otherDistrict.PostAsJsonAsync("/api/v1/inspections", Inspection(s01))).AssertProblemAsync(403);
        await (await otherDistrict.PostAsJsonAsync("/api/v1/inspections", Inspection(q01))).AssertProblemAsync(403);
        await (await (await app.SignedInAsync("school")).PostAsJsonAsync("/api/v1/inspections", Inspection(s01))).AssertProblemAsync(403);
        await (await (await app.SignedInAsync("jichu")).PostAsJsonAsync("/api/v1/inspections", Inspection(s01))).AssertProblemAsync(403);

        // Bad input is refused in Chinese, every reason at once, and nothing is stored.
        var leader = await app.SignedInAsync("leader");
        var before = await data.WithDbAsync(db => db.Inspections.CountAsync());
        var empty = await (await leader.PostAsJsonAsync("/api/v1/inspections", new { title = " ", orgUnitIds = Array.Empty<int>() })).AssertProblemAsync(400);
        foreach (var words in new[] { "请填写督导名称", "请填写督导专项", "请填写督导日期", "请选择被督导单位" })
            Assert.Contains(words, empty.GetProperty("detail").GetString());
        await (await leader.PostAsJsonAsync("/api/v1/inspections", Inspection(d03))).AssertProblemAsync(400);
        var twice = await leader.PostAsJsonAsync("/api/v1/inspections", new
        {
            title = "食品安全专项督导", topic = "食品安全", startDate = "2026-09-30", orgUnitIds = new[] { s01 },
            findings = new object[] { new { orgUnitId = s01, description = "冰箱生熟混放", deadline = "2026-10-09", days = 3 },
                new { orgUnitId = q02School, description = "不在督导范围", days = 3 } },
        });
        var detail = (await twice.AssertProblemAsync(400)).GetProperty("detail").GetString();
        Assert.Contains("整改时限只能填日期或工作日数之一", detail);
        Assert.Contains("不在本次督导的单位中", detail);
        Assert.Equal(before, await data.WithDbAsync(db => db.Inspections.CountAsync()));

        // Findings are added later by the inspecting side only.
        var id = own.GetProperty("id").GetInt32();
        await (await (await app.SignedInAsync("school")).PostAsJsonAsync($"/api/v1/inspections/{id}/findings",
            new { findings = new[] { new { orgUnitId = s01, description = "自己登记", days = 3 } } })).AssertProblemAsync(403);
        var added = await (await app.SignedInAsync("jiangdong")).PostAsJsonAsync($"/api/v1/inspections/{id}/findings",
            new { findings = new[] { new { orgUnitId = s01, description = "课后服务收费未公示", severity = "serious", days = 10 } } }).SucceedsAsync("add");
        Assert.Equal("2026-10-20", FindingsOf(added).Single().GetProperty("deadline").GetString());
    }

    [Theory, Databases]
    public async Task The_demo_city_has_an_inspection_with_findings_in_every_state(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        Assert.True(await data.WithDbAsync(db => new Application.Demo.DemoInspection(db).SeedAsync(new DateOnly(2026, 11, 23))));
        await using var app = data.At(new FakeTimeProvider(Beijing(11, 23)));

        // 江东区第一中学 has one item closed, one waiting for the supervisor and one returned and now overdue.
        var mine = (await (await app.SignedInAsync("school")).GetJsonAsync("/api/v1/inspections?box=mine")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("title").GetString() == Application.Demo.DemoInspection.Title(2026));
        Assert.Equal([("closed", false), ("submitted", false), ("open", true)],
            FindingsOf(mine).Select(f => (f.GetProperty("status").GetString(), f.GetProperty("overdue").GetBoolean())));
        Assert.Equal("请说明修复完成情况并附检测记录。", FindingsOf(mine)[2].GetProperty("returnComment").GetString());
        // The supervisor sees all five: the bus is overdue, the laboratory not yet due.
        var all = (await (await app.SignedInAsync("supervisor")).GetJsonAsync("/api/v1/inspections?box=issued")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("title").GetString() == Application.Demo.DemoInspection.Title(2026));
        Assert.Equal([false, false, true, true, false], FindingsOf(all).Select(f => f.GetProperty("overdue").GetBoolean()));
        var page = WebUtility.HtmlDecode(await (await app.SignedInAsync("supervisor")).GetStringAsync($"/Inspections/{all.GetProperty("id").GetInt32()}"));
        Assert.Contains("校车随车安全员未全程随车", page);
        Assert.Contains("已逾期", page);
    }

    [Theory, Databases]
    public async Task The_inspection_pages_record_findings_as_lines_rectify_and_close_in_Chinese(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(Inspected));
        var (s01, s02) = (await data.UnitIdAsync("Q01-S01"), await data.UnitIdAsync("Q01-S02"));
        var district = await app.SignedInAsync("jiangdong");
        var word = Guid.NewGuid().ToString("N")[..6];
        var token = await district.TokenAsync("/Inspections");
        (string, string)[] Record(string findings) => [("Record.Title", $"课后服务专项督导{word}"), ("Record.Topic", "课后服务"),
            ("Record.StartDate", "2026-09-30"), ("Record.OrgUnitIds", s01.ToString()), ("Record.OrgUnitIds", s02.ToString()), ("Record.Findings", findings)];

        // A line that does not read as a finding is refused in Chinese, with its number; nothing is stored.
        var bad = await district.PostAsync("/Inspections?handler=Record", Forms.Form(token, Record("江东区第一中学｜收费未公示\n无名学校｜问题｜一般｜要求｜3")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refusal = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("第 1 行应为“单位｜问题｜严重程度｜整改要求｜整改时限”", refusal);
        Assert.Contains("找不到单位“无名学校”", refusal);
        Assert.False(await data.WithDbAsync(db => db.Inspections.AnyAsync(i => i.Title.EndsWith(word))));

        // Lines by unit name or code, deadlines as a date or in working days (3 from Wed 30 Sep: the 调休 Saturday 10 October).
        var recorded = await district.PostAsync("/Inspections?handler=Record", Forms.Form(token, Record(
            $"江东区第一中学｜课后服务收费未公示{word}｜较重｜公示收费标准｜2026-10-16\nQ01-S02｜课后服务签到缺失{word}｜｜｜3个工作日")));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var page = recorded.Headers.Location!.OriginalString.Split('?')[0];
        var findings = await data.WithDbAsync(db => db.Findings.Where(f => f.Description.EndsWith(word)).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([(s01, new DateOnly(2026, 10, 16)), (s02, new DateOnly(2026, 10, 10))], findings.Select(f => (f.OrgUnitId, f.Deadline)));

        // The school rectifies on the inspection page; an empty rectification is refused in Chinese.
        var school = await app.SignedInAsync("school");
        var html = WebUtility.HtmlDecode(await school.GetStringAsync(page));
        Assert.Contains($"课后服务收费未公示{word}", html);
        Assert.DoesNotContain($"课后服务签到缺失{word}", html);
        var schoolToken = Forms.TokenIn(html);
        var empty = await school.PostAsync($"{page}?handler=Rectify", Forms.Form(schoolToken, ("findingId", findings[0].Id.ToString()), ("rectification", " ")));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写整改情况", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        var rectified = await school.PostAsync($"{page}?handler=Rectify", Forms.Form(schoolToken, ("findingId", findings[0].Id.ToString()),
            ("rectification", "已在校门口公示收费标准。")));
        Assert.Equal(HttpStatusCode.Redirect, rectified.StatusCode);

        // The district that inspected closes it; the school then cannot rectify again.
        var closed = await district.PostAsync($"{page}?handler=Close", Forms.Form(await district.TokenAsync(page), ("findingId", findings[0].Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("已销号", WebUtility.HtmlDecode(await school.GetStringAsync(page)));
        var late = await school.PostAsync($"{page}?handler=Rectify", Forms.Form(schoolToken, ("findingId", findings[0].Id.ToString()), ("rectification", "补充")));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("该整改问题已销号", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()));
    }
}
