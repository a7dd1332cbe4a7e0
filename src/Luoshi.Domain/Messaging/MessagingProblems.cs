using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Messaging;

/// <summary>Every refusal about message channels and the outbox, worded once in Chinese and English.</summary>
public static class MessagingProblems
{
    private static readonly ProblemCatalog Catalog = new("messaging");

    public static readonly ProblemType EmailInvalid = Catalog.Invalid("email-invalid", "邮箱地址“{0}”无效", "“{0}” is not an e-mail address");
    public static readonly ProblemType EmailRequired = Catalog.Invalid("email-required", "接收邮件前请先填写邮箱地址",
        "Give an e-mail address before choosing to receive mail");
    public static readonly ProblemType WebhookInvalid = Catalog.Invalid("webhook-invalid", "{0}机器人的 Webhook 地址无效，应为 http:// 或 https:// 开头的完整地址",
        "The {0} robot's webhook is not a full http:// or https:// address");
    public static readonly ProblemType TooLong = Catalog.Invalid("too-long", "{0}不能超过 {1} 个字符", "{0} cannot be longer than {1} characters");
    public static readonly ProblemType SecretWithoutWebhook = Catalog.Invalid("secret-without-webhook", "填写钉钉加签密钥时须同时填写钉钉机器人的 Webhook 地址",
        "A DingTalk signing secret needs the DingTalk robot's webhook");
    public static readonly ProblemType UnitNotFound = Catalog.Of(ProblemKind.NotFound, "unit-not-found", "找不到该单位", "No such unit");
    public static readonly ProblemType UserNotFound = Catalog.Of(ProblemKind.NotFound, "user-not-found", "找不到该用户", "No such user");
    public static readonly ProblemType MessageNotFound = Catalog.Of(ProblemKind.NotFound, "message-not-found", "找不到该消息", "No such message");
    public static readonly ProblemType AlreadySent = Catalog.Of(ProblemKind.Conflict, "already-sent", "该消息已发送，不能重发",
        "The message has been sent; it is not sent again");
}
