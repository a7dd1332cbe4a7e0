using Luoshi.Domain.Messaging;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Luoshi.Application.Messaging;

/// <summary>Sends mail through the configured SMTP server (MailKit); the subject and body are UTF-8, so Chinese arrives intact.</summary>
public sealed class SmtpMailSender(IOptions<SmtpSettings> options, MessageText words) : IMessageSender
{
    public MessageChannel Channel => MessageChannel.Email;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            throw new MessageNotSentException("未配置邮件服务器（Luoshi__Smtp__Host）");
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.Address));
        mail.Subject = $"{words.Title(message)}：{Shorten(message.Text, 60)}";
        // The key makes the Message-Id, so a mail sent again after a lost answer can be recognised as the same one.
        mail.MessageId = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.Key)))[..32]}@luoshi";
        mail.Body = new TextPart("plain") { Text = words.Plain(message) };

        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, SecurityOf(smtp), ct);
        if (!string.IsNullOrEmpty(smtp.User))
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
    }

    private static SecureSocketOptions SecurityOf(SmtpSettings smtp) => smtp.Tls.Trim().ToLowerInvariant() switch
    {
        "none" or "off" or "false" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" or "tls" or "true" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > length ? line[..length] + "…" : line;
    }
}
