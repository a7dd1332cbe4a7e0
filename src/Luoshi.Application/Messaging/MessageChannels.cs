using Luoshi.Domain.Messaging;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Messaging;

/// <summary>A unit's channels as shown: the secret itself is never shown again, only whether there is one.</summary>
public sealed record UnitChannelsView(int OrgUnitId, string? Email, string? WeComWebhook, string? DingTalkWebhook, bool DingTalkSigned);

/// <summary>A unit's channels as entered; a null <see cref="DingTalkSecret"/> keeps the stored secret, an empty one removes it.</summary>
public sealed record UnitChannelsInput(string? Email, string? WeComWebhook, string? DingTalkWebhook, string? DingTalkSecret);

public sealed record UserChannelsView(int UserId, string? Email, bool EmailEnabled);

public sealed record UserChannelsInput(string? Email, bool EmailEnabled);

/// <summary>
/// Where units and people are reached outside the browser: administrators set a unit's mailbox and group robots and a
/// person's mail; everyone sets their own mail and whether they want it. One home for the checks the pages and the API share.
/// </summary>
public sealed class MessageChannels(LuoshiDb db)
{
    public async Task<Outcome<UnitChannelsView>> UnitAsync(int orgUnitId, CancellationToken ct = default)
    {
        if (!await db.OrgUnits.AnyAsync(u => u.Id == orgUnitId, ct)) return MessagingProblems.UnitNotFound;
        var c = await db.UnitChannels.AsNoTracking().FirstOrDefaultAsync(x => x.OrgUnitId == orgUnitId, ct);
        return ViewOf(orgUnitId, c);
    }

    public async Task<Outcome<UnitChannelsView>> SetUnitAsync(int orgUnitId, UnitChannelsInput input, CancellationToken ct = default)
    {
        if (!await db.OrgUnits.AnyAsync(u => u.Id == orgUnitId, ct)) return MessagingProblems.UnitNotFound;
        var problems = new List<Problem>();
        var email = Email(input.Email, problems);
        var wecom = Webhook(input.WeComWebhook, "企业微信", problems);
        var ding = Webhook(input.DingTalkWebhook, "钉钉", problems);
        var secret = input.DingTalkSecret?.Trim();
        if (secret is { Length: > UnitChannels.SecretLength }) problems.Add(MessagingProblems.TooLong.With("钉钉加签密钥", UnitChannels.SecretLength));
        var stored = await db.UnitChannels.FirstOrDefaultAsync(x => x.OrgUnitId == orgUnitId, ct);
        var keptSecret = secret is null ? stored?.DingTalkSecret : secret.Length == 0 ? null : secret;
        if (keptSecret is not null && ding is null && secret is { Length: > 0 }) problems.Add(MessagingProblems.SecretWithoutWebhook);
        if (problems.Count > 0) return problems;

        var c = stored ?? db.UnitChannels.Add(new UnitChannels { OrgUnitId = orgUnitId }).Entity;
        c.Email = email;
        c.WeComWebhook = wecom;
        c.DingTalkWebhook = ding;
        c.DingTalkSecret = ding is null ? null : keptSecret;
        if (c.IsEmpty && stored is not null) db.UnitChannels.Remove(c);
        else if (c.IsEmpty) db.Entry(c).State = EntityState.Detached;
        await db.SaveChangesAsync(ct);
        return ViewOf(orgUnitId, c.IsEmpty ? null : c);
    }

    public async Task<Outcome<UserChannelsView>> UserAsync(int userId, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return MessagingProblems.UserNotFound;
        var c = await db.UserChannels.AsNoTracking().FirstOrDefaultAsync(x => x.UserId == userId, ct);
        return new UserChannelsView(userId, c?.Email, c?.EmailEnabled ?? false);
    }

    public async Task<Outcome<UserChannelsView>> SetUserAsync(int userId, UserChannelsInput input, CancellationToken ct = default)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return MessagingProblems.UserNotFound;
        var problems = new List<Problem>();
        var email = Email(input.Email, problems);
        if (input.EmailEnabled && email is null && problems.Count == 0) problems.Add(MessagingProblems.EmailRequired);
        if (problems.Count > 0) return problems;
        var c = await db.UserChannels.FirstOrDefaultAsync(x => x.UserId == userId, ct)
            ?? db.UserChannels.Add(new UserChannels { UserId = userId }).Entity;
        c.Email = email;
        c.EmailEnabled = input.EmailEnabled;
        await db.SaveChangesAsync(ct);
        return new UserChannelsView(userId, c.Email, c.EmailEnabled);
    }

    private static UnitChannelsView ViewOf(int orgUnitId, UnitChannels? c) =>
        new(orgUnitId, c?.Email, c?.WeComWebhook, c?.DingTalkWebhook, !string.IsNullOrEmpty(c?.DingTalkSecret));

    private static string? Email(string? value, List<Problem> problems)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email)) return null;
        if (email.Length > UnitChannels.EmailLength) problems.Add(MessagingProblems.TooLong.With("邮箱地址", UnitChannels.EmailLength));
        else if (!MimeKit.MailboxAddress.TryParse(email, out var parsed) || parsed.Address != email || !email.Contains('@', StringComparison.Ordinal)
            || email.Any(char.IsWhiteSpace))
            problems.Add(MessagingProblems.EmailInvalid.With(email));
        return email;
    }

    private static string? Webhook(string? value, string robot, List<Problem> problems)
    {
        var url = value?.Trim();
        if (string.IsNullOrEmpty(url)) return null;
        if (url.Length > UnitChannels.WebhookLength) problems.Add(MessagingProblems.TooLong.With($"{robot}机器人的 Webhook 地址", UnitChannels.WebhookLength));
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            problems.Add(MessagingProblems.WebhookInvalid.With(robot));
        return url;
    }
}
