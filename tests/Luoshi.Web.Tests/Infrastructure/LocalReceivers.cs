using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using MimeKit;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 for the tests (EHLO, MAIL, RCPT, DATA, QUIT), keeping every mail it receives;
/// nothing leaves the machine. Started on a port of its own (0: any free port).
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public int Port { get; }

    private LocalSmtpServer(int port)
    {
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(AcceptAsync);
    }

    public static LocalSmtpServer Start(int port = 0) => new(port);

    /// <summary>A port that nothing listens on now (a mail server that is down).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public IEnumerable<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost ESMTP test");
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with .");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stop.Token) is { } d && d != ".")
                        data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                    Received.Enqueue(await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString()))));
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await loop; } catch (Exception) { }
        stop.Dispose();
    }
}

/// <summary>A local HTTP receiver (Kestrel on 127.0.0.1, a free port) that answers like a group robot and keeps what it was sent.</summary>
public sealed class LocalRobotReceiver : IAsyncDisposable
{
    public sealed record Post(string Path, IQueryCollection Query, string Body);

    private readonly WebApplication app;

    public ConcurrentQueue<Post> Posts { get; } = new();

    public string BaseUrl { get; private set; } = "";

    private LocalRobotReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            Posts.Enqueue(new(http.Request.Path, http.Request.Query, await reader.ReadToEndAsync()));
            return Results.Text("{\"errcode\":0,\"errmsg\":\"ok\"}", "application/json");
        });
    }

    public static async Task<LocalRobotReceiver> StartAsync()
    {
        var receiver = new LocalRobotReceiver();
        await receiver.app.StartAsync();
        receiver.BaseUrl = receiver.app.Urls.First();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
