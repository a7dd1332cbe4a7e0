using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Luoshi.Application.Messaging;
using Luoshi.Application.Notifications;
using Luoshi.Data;
using Luoshi.Domain.Messaging;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Luoshi.Web.Tests;

/// <summary>
/// Messages outside the browser (issue 13 item 8): every bell notification is also queued in the outbox for the
/// recipients' mail and their units' mailboxes and group robots, and the dispatcher sends it to a local SMTP server and a
/// local HTTP receiver started by the test, with retries, dead letters and never twice. Nothing leaves the machine.
/// </summary>
public sealed class OutboxTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private const string SiteUrl = "https://luoshi.example.test";

    [Theory, Databases]
    public async Task A_returned_report_reaches_the_districts_mailbox_in_Chinese(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, admin);
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        var address = $"q01-{Guid.NewGuid():N}@example.test";
        await district.PutAsJsonAsync("/api/v1/me/channels", new { email = address, emailEnabled = true }).SucceedsAsync("own mail");

        var report = await Ledgers.ReportAsync(district, taskId, "2026-04");
        await admin.PostAsJsonAsync($"/api/v1/reports/{report}/review", new { decision = "return", comment = "请补充数据" }).SucceedsAsync("return");
        // Queued with the bell, not sent during the request.
        var queued = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Address == address));
        Assert.Equal(OutboxStatus.Pending, queued.Status);

        await using var smtp = LocalSmtpServer.Start();
        var run = await SendAsync(app, smtp.Port, DateTimeOffset.UtcNow);
        Assert.True(run.Sent >= 1);

        var mail = Assert.Single(smtp.To(address));
        Assert.Equal("【落实】进展反馈退回：" + queued.Text[..Math.Min(60, queued.Text.Length)], mail.Subject);
        Assert.StartsWith("进展反馈被退回：", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("（2026-04）", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{SiteUrl}/Tasks/{taskId}", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == queued.Id))).Status);
        // The bell has it too.
        var bell = await district.GetJsonAsync("/api/v1/notifications");
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("text").GetString()!.StartsWith("进展反馈被退回：", StringComparison.Ordinal));
    }

    [Theory, Databases]
    public async Task WeCom_and_DingTalk_robots_receive_their_markdown_and_a_valid_DingTalk_signature(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        await using var robots = await LocalRobotReceiver.StartAsync();
        var (unitId, _) = await NewUnitAsync(app, admin);
        const string secret = "SEC0123456789abcdef测试";
        await admin.PutAsJsonAsync($"/api/v1/org-units/{unitId}/channels", new
        {
            weComWebhook = $"{robots.BaseUrl}/cgi-bin/webhook/send?key=wecom-{unitId}",
            dingTalkWebhook = $"{robots.BaseUrl}/robot/send?access_token=ding-{unitId}",
            dingTalkSecret = secret,
        }).SucceedsAsync("unit channels");
        var shown = await admin.GetJsonAsync($"/api/v1/org-units/{unitId}/channels");
        Assert.True(shown.GetProperty("dingTalkSigned").GetBoolean());
        Assert.False(shown.TryGetProperty("dingTalkSecret", out _)); // the secret is never shown again

        var text = $"任务已逾期：落实“双减”课后服务全覆盖 {Guid.NewGuid():N}";
        var key = $"overdue-test:{Guid.NewGuid():N}";
        await NotifyAsync(app, unitId, text, key);
        await NotifyAsync(app, unitId, text, key); // the same reminder again: queued once
        var before = DateTimeOffset.UtcNow;
        await SendAsync(app, LocalSmtpServer.FreePort(), DateTimeOffset.UtcNow);
        await SendAsync(app, LocalSmtpServer.FreePort(), DateTimeOffset.UtcNow.AddHours(1));

        var wecom = Assert.Single(robots.Posts, p => p.Query["key"] == $"wecom-{unitId}");
        Assert.Equal("/cgi-bin/webhook/send", wecom.Path);
        using (var json = JsonDocument.Parse(wecom.Body))
        {
            Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
            var content = json.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
            Assert.Contains(text, content, StringComparison.Ordinal);
            Assert.Contains("【落实】任务逾期", content, StringComparison.Ordinal);
            Assert.Contains($"]({SiteUrl}/Tasks/1)", content, StringComparison.Ordinal);
        }

        var ding = Assert.Single(robots.Posts, p => p.Query["access_token"] == $"ding-{unitId}");
        using (var json = JsonDocument.Parse(ding.Body))
        {
            Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
            Assert.Equal("【落实】任务逾期", json.RootElement.GetProperty("markdown").GetProperty("title").GetString());
            Assert.Contains(text, json.RootElement.GetProperty("markdown").GetProperty("text").GetString()!, StringComparison.Ordinal);
        }
        // 加签: timestamp in milliseconds, sign = Base64(HmacSHA256(key: secret, "timestamp\nsecret")), URL-encoded in the query.
        var timestamp = ding.Query["timestamp"].ToString();
        var sent = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(sent, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
        Assert.Equal(expected, ding.Query["sign"].ToString());
    }

    [Theory, Databases]
    public async Task A_mail_server_that_is_down_loses_nothing_and_sends_nothing_twice_when_it_is_back(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (unitId, _) = await NewUnitAsync(app, admin);
        var address = $"unit-{Guid.NewGuid():N}@example.test";
        await admin.PutAsJsonAsync($"/api/v1/org-units/{unitId}/channels", new { email = address }).SucceedsAsync("unit mail");
        var texts = Enumerable.Range(1, 3).Select(i => $"节点将到期（第{i}项）：{Guid.NewGuid():N}").ToList();
        foreach (var text in texts) await NotifyAsync(app, unitId, text, null);

        var port = LocalSmtpServer.FreePort(); // nothing listens there: the mail server is down
        var now = DateTimeOffset.UtcNow;
        await SendAsync(app, port, now);
        await SendAsync(app, port, now); // not due again yet: no second attempt
        var waiting = await RowsAsync(app, address);
        Assert.Equal(3, waiting.Count);
        Assert.All(waiting, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.True(m.NextAttemptAt > now.UtcDateTime);
            Assert.False(string.IsNullOrEmpty(m.LastError));
        });

        await using var smtp = LocalSmtpServer.Start(port); // back
        await SendAsync(app, port, now.AddHours(1));
        await SendAsync(app, port, now.AddHours(2));
        var received = smtp.To(address).Select(m => m.TextBody ?? "").ToList();
        Assert.Equal(3, received.Count);
        foreach (var text in texts) Assert.Single(received, body => body.StartsWith(text, StringComparison.Ordinal));
        Assert.All(await RowsAsync(app, address), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Theory, Databases]
    public async Task Two_dispatchers_running_at_once_send_each_message_once(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (unitId, _) = await NewUnitAsync(app, admin);
        var address = $"race-{Guid.NewGuid():N}@example.test";
        await admin.PutAsJsonAsync($"/api/v1/org-units/{unitId}/channels", new { email = address }).SucceedsAsync("unit mail");
        for (var i = 0; i < 8; i++) await NotifyAsync(app, unitId, $"任务已交办（{i}）：{Guid.NewGuid():N}", null);

        await using var smtp = LocalSmtpServer.Start();
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SendAsync(app, smtp.Port, now))));

        Assert.Equal(8, smtp.To(address).Count());
        Assert.Equal(8, smtp.To(address).Select(m => m.TextBody).Distinct().Count());
        Assert.All(await RowsAsync(app, address), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    [Theory, Databases]
    public async Task After_repeated_failures_a_message_is_a_dead_letter_that_admins_see_and_resend_and_others_may_not(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (unitId, _) = await NewUnitAsync(app, admin);
        var address = $"dead-{Guid.NewGuid():N}@example.test";
        await admin.PutAsJsonAsync($"/api/v1/org-units/{unitId}/channels", new { email = address }).SucceedsAsync("unit mail");
        var text = $"办结申请已同意：{Guid.NewGuid():N}";
        await NotifyAsync(app, unitId, text, null);

        var port = LocalSmtpServer.FreePort();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++) await SendAsync(app, port, now.AddHours(2 * i), maxAttempts: 3);
        var dead = Assert.Single(await RowsAsync(app, address));
        Assert.Equal((OutboxStatus.Dead, 3), (dead.Status, dead.Attempts));
        await SendAsync(app, port, now.AddDays(1), maxAttempts: 3); // a dead letter is not tried again by itself
        Assert.Equal(3, (await RowsAsync(app, address)).Single().Attempts);

        var list = await admin.GetJsonAsync("/api/v1/outbox?status=dead&pageSize=500");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetInt64() == dead.Id);
        Assert.Equal(address, item.GetProperty("recipient").GetString());
        var page = await (await admin.GetAsync("/Admin/Messages?status=dead")).Content.ReadAsStringAsync();
        Assert.Contains(text, page, StringComparison.Ordinal);

        foreach (var role in new[] { (Role.District, "Q01"), (Role.Supervisor, "D08"), (Role.Leader, Luoshi.Application.People.UserAccounts.BureauCode) })
        {
            var other = await app.SignedInAsync(await app.AddUserAsync(role.Item1, role.Item2));
            await (await other.GetAsync("/api/v1/outbox?status=dead")).AssertProblemAsync(403);
            await (await other.PostAsync($"/api/v1/outbox/{dead.Id}/resend", null)).AssertProblemAsync(403);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/Admin/Messages")).StatusCode);
        }
        Assert.Equal(OutboxStatus.Dead, (await RowsAsync(app, address)).Single().Status);

        await admin.PostAsync($"/api/v1/outbox/{dead.Id}/resend", null).SucceedsAsync("resend");
        await using var smtp = LocalSmtpServer.Start(port);
        await SendAsync(app, port, DateTimeOffset.UtcNow, maxAttempts: 3);
        Assert.Single(smtp.To(address));
        Assert.Equal(OutboxStatus.Sent, (await RowsAsync(app, address)).Single().Status);
        await (await admin.PostAsync($"/api/v1/outbox/{dead.Id}/resend", null)).AssertProblemAsync(409); // sent: not again
    }

    [Theory, Databases]
    public async Task Bad_channel_settings_are_refused_in_Chinese_and_change_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (unitId, _) = await NewUnitAsync(app, admin);
        await admin.PutAsJsonAsync($"/api/v1/org-units/{unitId}/channels", new { email = "office@example.test" }).SucceedsAsync("unit mail");

        var problem = await (await admin.PutAsJsonAsync($"/api/v1/org-units/{unitId}/channels",
            new { email = "不是邮箱", weComWebhook = "ftp://example.test/hook", dingTalkWebhook = "" })).AssertProblemAsync(400);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("邮箱地址“不是邮箱”无效", detail, StringComparison.Ordinal);
        Assert.Equal("office@example.test", (await admin.GetJsonAsync($"/api/v1/org-units/{unitId}/channels")).GetProperty("email").GetString());

        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        (await (await district.PutAsJsonAsync("/api/v1/me/channels", new { emailEnabled = true })).AssertProblemAsync(400))
            .GetProperty("detail").GetString()!.Contains("邮箱", StringComparison.Ordinal);
        Assert.False((await district.GetJsonAsync("/api/v1/me/channels")).GetProperty("emailEnabled").GetBoolean());
        await (await district.PutAsJsonAsync($"/api/v1/org-units/{unitId}/channels", new { email = "x@example.test" })).AssertProblemAsync(403);
    }

    /// <summary>A school of its own under 城南区 with one user, so the test's messages are its own.</summary>
    private static async Task<(int UnitId, string UserName)> NewUnitAsync(LuoshiFactory app, HttpClient admin)
    {
        var code = "MSG" + Guid.NewGuid().ToString("N")[..8];
        var unit = await admin.PostAsJsonAsync("/api/v1/org-units", new { code, name = "消息测试学校" + code, kind = "school", parentId = await app.UnitIdAsync("Q02") })
            .SucceedsAsync("new unit");
        return (unit.GetProperty("id").GetInt32(), await app.AddUserAsync(Role.School, code));
    }

    /// <summary>A bell notification to the unit's people, as the app's use cases make them (saved with the caller's save).</summary>
    private static async Task NotifyAsync(LuoshiFactory app, int unitId, string text, string? dedupKey)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Notifier>().ToUnitsAsync([unitId], Notifier.Overdue, text, "/Tasks/1", dedupKey);
        await scope.ServiceProvider.GetRequiredService<LuoshiDb>().SaveChangesAsync();
    }

    private static Task<List<OutboxMessage>> RowsAsync(LuoshiFactory app, string address) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Address == address).OrderBy(m => m.Id).ToListAsync());

    /// <summary>One run of the app's dispatcher as of <paramref name="now"/>, with the test's mail server and the app's robot senders.</summary>
    private static async Task<OutboxRun> SendAsync(LuoshiFactory app, int smtpPort, DateTimeOffset now, int maxAttempts = 8)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LuoshiDb>();
        var settings = new MessagingSettings { MaxAttempts = maxAttempts, SiteUrl = SiteUrl };
        var words = new MessageText(settings);
        var smtp = Options.Create(new SmtpSettings { Host = "127.0.0.1", Port = smtpPort, Tls = "none", TimeoutSeconds = 10 });
        var poster = services.GetRequiredService<RobotPoster>();
        IMessageSender[] senders = [new SmtpMailSender(smtp, words), new WeComRobot(poster, words), new DingTalkRobot(poster, words, db, TimeProvider.System)];
        return await new OutboxDispatcher(db, senders, Options.Create(settings)).SendDueAsync(now, CancellationToken.None);
    }
}
