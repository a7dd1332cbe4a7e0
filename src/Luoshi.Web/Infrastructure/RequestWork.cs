namespace Luoshi.Web.Infrastructure;

/// <summary>Long work done for one request (reading an uploaded document) stops when nobody waits for it any more.</summary>
public static class RequestWork
{
    /// <summary>What a client is told when the server stopped while its document was being read.</summary>
    public const string StoppingMessage = "服务器正在停止，文档没有读完，请稍后重新上传";

    /// <summary>Cancelled when the client hangs up or the server begins to stop.</summary>
    public static CancellationToken UntilGoneOrStopping(this HttpContext http)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.RegisterForDispose(linked);
        return linked.Token;
    }

    /// <summary>The work stopped because the server is stopping while the client still waits (not because it hung up).</summary>
    public static bool StoppedByServer(this HttpContext http, OperationCanceledException _) => !http.RequestAborted.IsCancellationRequested;
}
