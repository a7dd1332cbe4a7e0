using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Luoshi.Cli.Tests;

/// <summary>
/// A real nginx started by a test (<c>nginx -p DIR -c DIR/nginx.conf</c>, never the system's service) serving the repository's
/// <c>deploy/nginx-luoshi.conf</c> rendered for the test: the two instances' ports in place of 8081 and 8082, random ports in place
/// of 80 and 443, a self-signed certificate and the logs in the test's folder. Everything else is the file as deployed.
/// </summary>
public sealed class NginxSite : IDisposable
{
    /// <summary>The nginx binary: <c>LUOSHI_TEST_NGINX</c> (set by test.sh) or Debian's <c>/usr/sbin/nginx</c>.</summary>
    public static string Binary => Environment.GetEnvironmentVariable("LUOSHI_TEST_NGINX") is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    private readonly Process process;

    private NginxSite(Process process, string folder, int httpsPort, X509Certificate2 certificate)
    {
        this.process = process;
        Folder = folder;
        HttpsUrl = new Uri($"https://127.0.0.1:{httpsPort}");
        Certificate = certificate;
    }

    public string Folder { get; }

    public Uri HttpsUrl { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>What nginx wrote to the site's access log so far.</summary>
    public string AccessLog => File.Exists(Path.Combine(Folder, "luoshi.access.log")) ? File.ReadAllText(Path.Combine(Folder, "luoshi.access.log")) : "";

    /// <summary>The repository's file, as the deployment document installs it.</summary>
    public static string SiteFile => Path.Combine(RepositoryRoot(), "deploy", "nginx-luoshi.conf");

    /// <summary>Renders the site for <paramref name="upstreams"/> (two instances' <c>host:port</c>) and starts nginx on it.</summary>
    public static async Task<NginxSite> StartAsync(string folder, string firstUpstream, string secondUpstream)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"没有 nginx（{Binary}）：CI=true 时两实例测试需要它（test.sh 以 root 运行时用 apt-get 安装）");
        var certificate = WriteCertificate(folder);
        var httpPort = FreePort();
        var httpsPort = FreePort();
        var site = Render(File.ReadAllText(SiteFile), [
            ("127.0.0.1:8081", firstUpstream),
            ("127.0.0.1:8082", secondUpstream),
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"),
            ("listen 443 ssl", $"listen 127.0.0.1:{httpsPort} ssl"),
            ("/etc/ssl/luoshi/", folder + "/"),
            ("/var/log/nginx/", folder + "/"),
        ]);
        File.WriteAllText(Path.Combine(folder, "luoshi.conf"), site);
        // Debian's /etc/nginx/nginx.conf in short: the site is included in the http block. Temporary files stay in the folder.
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                access_log {{folder}}/access.log;
                include {{folder}}/luoshi.conf;
            }
            """);
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-p", folder + "/", "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log") })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx 未能启动");
        var nginx = new NginxSite(process, folder, httpsPort, certificate);
        try
        {
            await nginx.WaitListeningAsync(httpsPort);
            return nginx;
        }
        catch
        {
            nginx.Dispose();
            throw;
        }
    }

    /// <summary>Replaces each placeholder, which must be in the file: a renamed line in the site fails the test instead of going unrendered.</summary>
    private static string Render(string text, IEnumerable<(string From, string To)> replacements)
    {
        foreach (var (from, to) in replacements)
        {
            Assert.True(text.Contains(from, StringComparison.Ordinal), $"deploy/nginx-luoshi.conf 中没有“{from}”，测试无法渲染它");
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return text;
    }

    private async Task WaitListeningAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx 退出（{process.ExitCode}）：{await process.StandardError.ReadToEndAsync()}"
                    + ErrorLog());
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("nginx 没有开始监听" + ErrorLog());
    }

    private string ErrorLog() =>
        File.Exists(Path.Combine(Folder, "error.log")) ? "\n" + File.ReadAllText(Path.Combine(Folder, "error.log")) : "";

    /// <summary>A self-signed certificate for 127.0.0.1, written where the rendered site expects its certificate and key.</summary>
    private static X509Certificate2 WriteCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "fullchain.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding Luoshi.slnx, above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Luoshi.slnx) was not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        Certificate.Dispose();
    }
}
