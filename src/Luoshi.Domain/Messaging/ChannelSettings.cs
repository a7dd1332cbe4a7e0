namespace Luoshi.Domain.Messaging;

/// <summary>Where a unit is reached outside the browser: its mailbox and its group robots (企业微信, 钉钉).</summary>
public class UnitChannels
{
    public const int EmailLength = 200;
    public const int WebhookLength = 500;
    public const int SecretLength = 200;

    public int OrgUnitId { get; set; }

    public string? Email { get; set; }

    /// <summary>The 企业微信 group robot's webhook (<c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>).</summary>
    public string? WeComWebhook { get; set; }

    /// <summary>The 钉钉 custom robot's webhook (<c>https://oapi.dingtalk.com/robot/send?access_token=…</c>).</summary>
    public string? DingTalkWebhook { get; set; }

    /// <summary>The 钉钉 robot's signing secret (加签, <c>SEC…</c>); empty when the robot is not signed.</summary>
    public string? DingTalkSecret { get; set; }

    public bool IsEmpty => Email is null && WeComWebhook is null && DingTalkWebhook is null;
}

/// <summary>Where a person is reached outside the browser: an e-mail address, and whether they want mail at all.</summary>
public class UserChannels
{
    public int UserId { get; set; }

    public string? Email { get; set; }

    /// <summary>The person's choice: mail is sent only when they have opted in (the bell is always on).</summary>
    public bool EmailEnabled { get; set; }
}
