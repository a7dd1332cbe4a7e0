using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Luoshi.Cli.Tests;

/// <summary>
/// Stopping an instance (systemd sends SIGTERM) must not cut off a user mid-request: the request in flight is answered,
/// the instance stops taking new connections at once (the load balancer sends them to another), and it exits cleanly.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task A_request_in_flight_at_SIGTERM_is_answered_new_connections_are_refused_and_the_server_exits_0()
    {
        using var data = TemporaryData.Use("shutdown");
        using var server = await LuoshiProcess.ServeAsync(data.Path, demo: true,
            environment: new Dictionary<string, string> { ["Luoshi__ShutdownSeconds"] = "60" });
        var password = server.DemoPassword ?? throw new InvalidOperationException("没有显示演示密码：\n" + server.Output);
        var body = new HeldBackContent(Encoding.UTF8.GetBytes($$"""{"username":"jiangdong","password":"{{password}}"}"""), "application/json");
        using var client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(2) };

        // The sign-in's headers and the first half of its body are sent; the server is reading the rest when SIGTERM comes.
        var signingIn = client.PostAsync("/api/v1/session", body);
        await body.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        server.Terminate();

        var port = new Uri(server.Url).Port;
        Assert.True(await RefusesConnectionsWithinAsync(port, TimeSpan.FromSeconds(30)),
            "收到 SIGTERM 后仍接受新连接：\n" + server.Output);
        Assert.False(signingIn.IsCompleted, "停机时正在进行的请求没有等到请求体发完就结束了");
        Assert.False(server.HasExited, "进程没有等正在进行的请求完成就退出了");

        body.SendTheRest();
        using var answer = await signingIn;
        Assert.True(answer.StatusCode == HttpStatusCode.OK,
            $"停机时正在进行的登录得到 {(int)answer.StatusCode}：{await answer.Content.ReadAsStringAsync()}\n{server.Output}");

        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(60)), "进程在停机时限内没有退出：\n" + server.Output);
        Assert.Equal(0, server.ExitCode);
    }

    /// <summary>Whether a new TCP connection to the port is refused or reset (the listener closed) before the time is up.</summary>
    private static async Task<bool> RefusesConnectionsWithinAsync(int port, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
            }
            // Refused once the listener is closed; reset when the connection reached its backlog just as it closed: either way
            // the new connection is not served.
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>A request body sent in two halves: the second only when the test says so.</summary>
    private sealed class HeldBackContent(byte[] bytes) : HttpContent
    {
        private readonly TaskCompletionSource firstHalfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBackContent(byte[] bytes, string type) : this(bytes) => Headers.ContentType = new(type);

        public Task FirstHalfSent => firstHalfSent.Task;

        public void SendTheRest() => rest.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = bytes.Length / 2;
            await stream.WriteAsync(bytes.AsMemory(0, half));
            await stream.FlushAsync();
            firstHalfSent.TrySetResult();
            await rest.Task;
            await stream.WriteAsync(bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
