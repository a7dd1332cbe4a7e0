using Luoshi.Domain.Messaging;

namespace Luoshi.Application.Messaging;

/// <summary>Sends one queued message over its channel; throws <see cref="MessageNotSentException"/> (or any I/O error) when it did not go.</summary>
public interface IMessageSender
{
    MessageChannel Channel { get; }

    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>A message the far end refused or could not take; the reason is kept on the message.</summary>
public sealed class MessageNotSentException(string reason) : Exception(reason);

/// <summary>The words of a message outside the browser: a title, the text, and the link into the app when the site's address is known.</summary>
public sealed class MessageText(MessagingSettings settings)
{
    public const string Brand = "落实";

    public static string KindName(string kind) => kind switch
    {
        Notifications.Notifier.Assigned => "任务交办",
        Notifications.Notifier.ReportReturned => "进展反馈退回",
        Notifications.Notifier.ReportSubmitted => "进展反馈待审核",
        Notifications.Notifier.ReportAccepted => "进展反馈已采纳",
        Notifications.Notifier.MilestoneSoon => "节点临近",
        Notifications.Notifier.Overdue => "任务逾期",
        Notifications.Notifier.CompletionApproved => "办结已同意",
        Notifications.Notifier.CompletionRequested => "办结申请",
        Jobs.DataReportReminders.Kind => "数据报送催办",
        _ => "提醒",
    };

    /// <summary>The title: <c>【落实】任务逾期</c>.</summary>
    public string Title(OutboxMessage m) => $"【{Brand}】{KindName(m.Kind)}";

    /// <summary>The full address of the message's page, or null when the site's address is not configured.</summary>
    public string? Url(OutboxMessage m) =>
        m.Link is { } link && !string.IsNullOrWhiteSpace(settings.SiteUrl) ? settings.SiteUrl.TrimEnd('/') + link : null;

    /// <summary>Plain text for mail: the text, then where to open it.</summary>
    public string Plain(OutboxMessage m) =>
        m.Text + "\n\n" + (Url(m) is { } url ? $"查看：{url}\n\n" : "") + $"——{Brand}（教育工作任务落实平台）自动发送，请勿直接回复。";

    /// <summary>Markdown for the group robots: a heading, the text, a link.</summary>
    public string Markdown(OutboxMessage m) =>
        $"#### {Title(m)}\n\n{m.Text}" + (Url(m) is { } url ? $"\n\n[查看详情]({url})" : "");
}
