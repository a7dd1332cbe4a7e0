using System.Net;
using System.Net.Http.Json;
using System.Text;
using Luoshi.Application.Auditing;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>The audit trail: every change is there with who, what before and after, and from where; only oversight reads it.</summary>
public sealed class AuditTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task A_change_shows_up_with_its_author_before_and_after(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var parent = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "Q02").Select(u => u.Id).FirstAsync());
        var code = "A-" + Guid.NewGuid().ToString("N")[..8];
        var before = DateTime.UtcNow.AddSeconds(-1);
        var created = await (await admin.PostAsync("/api/v1/org-units", JsonContent.Create(new { code, name = "审计测试小学", kind = "school", parentId = parent }))).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var after = DateTime.UtcNow.AddSeconds(1);

        var supervisor = await app.SignedInAsync("supervisor");
        var page = await supervisor.GetJsonAsync($"/api/v1/audit?entity=OrgUnit&entityId={id}");
        var entry = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("create", entry.GetProperty("action").GetString());
        Assert.Equal("admin", entry.GetProperty("userName").GetString());
        Assert.Equal("审计测试小学", entry.GetProperty("after").GetProperty("name").GetString());
        Assert.True(entry.TryGetProperty("ip", out _)); // the test server has no client address to record
        Assert.InRange(entry.GetProperty("at").GetDateTime().ToUniversalTime(), before, after); // the time of the change

        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = await supervisor.GetAsync($"/api/v1/audit/export.csv?entity=OrgUnit&entityId={id}&from={today}&to={today}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF编号,时间（北京时间）", text);
        Assert.Contains("审计测试小学", text);

        var html = await supervisor.GetStringAsync($"/Audit?entity=OrgUnit&entityId={id}");
        Assert.Contains("审计测试小学", html);
        Assert.Contains("共 1 条", html);

        // The export itself is in the trail.
        var exports = await supervisor.GetJsonAsync("/api/v1/audit?entity=AuditEntry&action=export");
        Assert.Equal(1, exports.GetProperty("total").GetInt32());
    }

    [Theory, Databases]
    public async Task The_trail_reads_in_Chinese_on_the_page_and_in_the_csv_and_the_task_history_shows_target_changes(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Domain.People.Role.Department, "D03");
        var clerk = await app.SignedInAsync(name);
        var (planId, tasks) = await Ledgers.DraftPlanAsync(clerk);
        var taskId = tasks.TaskTitled("扩大普惠资源");
        var task = await clerk.GetJsonAsync($"/api/v1/tasks/{taskId}");
        var oldCategory = task.GetProperty("category").GetString();
        var newCategory = oldCategory == "其他" ? "学前教育" : "其他";
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{taskId}")
        {
            Content = JsonContent.Create(new { category = newCategory, leadDepartmentId = await app.UnitIdAsync("D03") }),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        (await clerk.SendAsync(patch)).EnsureSuccessStatusCode();
        var target = task.GetProperty("targets").EnumerateArray().First(g => !g.GetProperty("placeholder").GetBoolean());
        var targetPatch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/targets/{target.GetProperty("id").GetInt32()}")
        {
            Content = JsonContent.Create(new { value = 15 }),
        };
        targetPatch.Headers.TryAddWithoutValidation("If-Match", "*");
        (await clerk.SendAsync(targetPatch)).EnsureSuccessStatusCode();
        var oldValue = target.GetProperty("value").GetDecimal().ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        await app.NewClient().PostAsJsonAsync("/api/v1/session", new { username = "无此用户" + name, password = "错误的密码1" });

        // The page: the person by name, the task by its title, each changed field by its Chinese name with Chinese values.
        var supervisor = await app.SignedInAsync("supervisor");
        var id = taskId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var html = WebUtility.HtmlDecode(await supervisor.GetStringAsync($"/Audit?entity=PlanTask&entityId={id}&action=update"));
        Assert.Contains("测试" + name, html);
        Assert.Contains("任务“扩大普惠资源”", html);
        Assert.Contains($"<span class=\"field\">类别</span>：<span class=\"before\">{oldCategory}</span><span> → </span><span class=\"after\">{newCategory}</span>", html);
        Assert.Contains("<span class=\"field\">牵头处室</span>：<span class=\"after\">基础教育处</span>", html);
        Assert.DoesNotContain("\"category\"", html);
        // Sign-ins name who signed in; a failed one, the name typed.
        var signIns = WebUtility.HtmlDecode(await supervisor.GetStringAsync($"/Audit?action=signIn&entity=User"));
        Assert.Contains("测试" + name, signIns);
        Assert.Contains("无此用户" + name, WebUtility.HtmlDecode(await supervisor.GetStringAsync("/Audit?action=signInFailed")));

        // The CSV reads the same.
        var csv = Encoding.UTF8.GetString(await supervisor.GetByteArrayAsync($"/api/v1/audit/export.csv?entity=PlanTask&entityId={id}&action=update"));
        Assert.StartsWith("\uFEFF编号,时间（北京时间）,用户编号,用户,操作,对象,变更内容,IP 地址", csv);
        Assert.Contains($",测试{name},修改,任务“扩大普惠资源”,类别：{oldCategory} → {newCategory}；牵头处室：基础教育处,", csv);

        // The task's own history shows the target's new value.
        var history = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/Tasks/{taskId}"));
        Assert.Matches($"目标“[^”]+”的数值：{oldValue} → 15", history);
    }

    /// <summary>A field added to a record later must be given its Chinese name (or be hidden), or the audit page shows its code.</summary>
    [Fact]
    public async Task Every_field_the_trail_records_has_a_Chinese_name()
    {
        var app = await demo.For(TestDatabase.Sqlite);
        var missing = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(t => AuditReader.Entities.ContainsKey(t.ClrType.Name) && t.ClrType.Name != "AuditEntry") // the trail does not audit itself
            .SelectMany(t => t.GetProperties().Where(p => p.Name != "PasswordHash")
                .Select(p => (Entity: t.ClrType.Name, Field: System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name))))
            .Where(f => !AuditReader.Fields.ContainsKey(f.Field) && !AuditReader.Hidden.Contains(f.Field))
            .Select(f => $"{f.Entity}.{f.Field}").ToList()));
        Assert.True(missing.Count == 0, "no Chinese name for: " + string.Join(", ", missing));
        Assert.Contains("TaskUnit", AuditReader.Entities.Keys);
    }

    [Theory, Databases]
    public async Task Only_admins_and_supervisors_read_the_trail_and_bad_dates_are_explained(TestDatabase database)
    {
        var app = await demo.For(database);
        foreach (var user in new[] { "leader", "jichu", "jiangdong", "school" })
        {
            var client = await app.SignedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/export.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Audit")).StatusCode);
        }
        var admin = await app.SignedInAsync("admin");
        var bad = await admin.GetAsync("/api/v1/audit?from=2026-13-45");
        var problem = await bad.AssertProblemAsync(400);
        Assert.Contains("开始日期", problem.ToString());
    }

    [Theory, Databases]
    public async Task The_trail_cannot_be_rewritten(TestDatabase database)
    {
        var app = await demo.For(database);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync();
            entry.UserName = "someone-else";
            await db.SaveChangesAsync();
        }));
        Assert.Contains("只能追加", error.Message);
    }
}
