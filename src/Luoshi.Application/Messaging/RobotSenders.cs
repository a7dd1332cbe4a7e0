using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Luoshi.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Messaging;

/// <summary>Posts JSON to a group robot's webhook and checks its answer: HTTP 2xx and <c>{"errcode":0}</c>.</summary>
public sealed class RobotPoster(IHttpClientFactory clients)
{
    public const string ClientName = "luoshi-robots";

    public async Task PostAsync(string url, object body, CancellationToken ct)
    {
        using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(url, body, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new MessageNotSentException($"机器人回答 HTTP {(int)response.StatusCode}：{Shorten(answer)}");
        try
        {
            using var json = JsonDocument.Parse(answer);
            if (json.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() != 0)
                throw new MessageNotSentException($"机器人拒绝了消息：{Shorten(answer)}");
        }
        catch (JsonException)
        {
            throw new MessageNotSentException($"机器人的回答不是 JSON：{Shorten(answer)}");
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}

/// <summary>The 企业微信 group robot: <c>{"msgtype":"markdown","markdown":{"content":…}}</c> (content at most 4096 bytes).</summary>
public sealed class WeComRobot(RobotPoster poster, MessageText words) : IMessageSender
{
    public const int MaxBytes = 4096;

    public MessageChannel Channel => MessageChannel.WeCom;

    public Task SendAsync(OutboxMessage message, CancellationToken ct) =>
        poster.PostAsync(message.Address, new { msgtype = "markdown", markdown = new { content = Utf8Prefix(words.Markdown(message), MaxBytes) } }, ct);

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="bytes"/> UTF-8 bytes, cut between characters.</summary>
    public static string Utf8Prefix(string text, int bytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= bytes) return text;
        var end = text.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > bytes) end--;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }
}

/// <summary>
/// The 钉钉 custom robot: <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c>. A robot with a signing secret (加签)
/// gets <c>&amp;timestamp=</c> (milliseconds) and <c>&amp;sign=</c>: Base64 of HmacSHA256 over "timestamp\nsecret" keyed by the secret, URL-encoded.
/// </summary>
public sealed class DingTalkRobot(RobotPoster poster, MessageText words, LuoshiDb db, TimeProvider time) : IMessageSender
{
    public MessageChannel Channel => MessageChannel.DingTalk;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var secret = message.OrgUnitId is { } unit
            ? await db.UnitChannels.AsNoTracking().Where(c => c.OrgUnitId == unit).Select(c => c.DingTalkSecret).FirstOrDefaultAsync(ct)
            : null;
        var url = string.IsNullOrEmpty(secret) ? message.Address : Signed(message.Address, secret, time.GetUtcNow());
        await poster.PostAsync(url, new { msgtype = "markdown", markdown = new { title = words.Title(message), text = words.Markdown(message) } }, ct);
    }

    public static string Signed(string webhook, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var separator = webhook.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return $"{webhook}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(Sign(timestamp, secret))}";
    }

    public static string Sign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
}
