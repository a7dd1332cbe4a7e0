using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Every error the app returns is RFC 7807 problem+json with a Chinese title and a machine-readable type,
/// never a stack trace; browsers get a Chinese error page instead.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://luoshi.dev/problems/";

    public static string TitleFor(int status) => status switch
    {
        400 => "请求有误",
        401 => "请先登录",
        403 => "没有权限执行此操作",
        404 => "找不到请求的内容",
        405 => "不支持此请求方法",
        409 => "操作与当前状态冲突",
        412 => "内容已被他人修改，请刷新后重试",
        413 => "上传的内容太大",
        415 => "不支持的内容类型",
        422 => "无法处理提交的内容",
        428 => "缺少 If-Match 请求头",
        429 => "尝试次数过多，请稍后再试",
        503 => "服务暂时不可用",
        _ when status >= 500 => "服务器内部错误",
        _ => "请求未能完成",
    };

    public static string TypeFor(int status) => TypeBase + status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        412 => "precondition-failed",
        413 => "too-large",
        415 => "unsupported-media-type",
        422 => "unprocessable",
        428 => "precondition-required",
        429 => "too-many-requests",
        _ when status >= 500 => "server-error",
        _ => "error",
    };

    public static void AddLuoshiProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            // Replace the framework's English defaults; keep titles our own code chose.
            if (problem.Title is null || problem.Title.All(char.IsAscii))
                problem.Title = TitleFor(status);
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
                problem.Type = TypeFor(status);
            problem.Extensions.Remove("exception");
            problem.Extensions.Remove("traceId");
        });
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    public static void UseLuoshiProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (IsApi(http.Request))
            {
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = http.Response.StatusCode },
                });
            }
            else if (!http.Response.HasStarted)
            {
                var status = http.Response.StatusCode;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync($$"""
                    <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>{{status}} · 落实</title><link rel="stylesheet" href="/css/site.css"></head>
                    <body class="error-page"><main><h1>{{status}}</h1><p>{{TitleFor(status)}}</p><p><a href="/">返回首页</a></p></main></body></html>
                    """);
            }
        });
    }

    /// <summary>Ends a request refused before it reached an endpoint: a problem with the detail for the API, the Chinese error page
    /// otherwise.</summary>
    public static Task RefuseAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        if (!IsApi(http.Request)) return Task.CompletedTask;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail, Title = TitleFor(status), Type = TypeFor(status) },
        }).AsTask();
    }

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    /// <summary>A 400 (or 413) for requests the framework cannot read: malformed JSON, wrong types, bodies too large.</summary>
    private sealed class BadRequestHandler(IProblemDetailsService problems, ILogger<BadRequestHandler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                BadHttpRequestException { StatusCode: 413 } => (413, "请求体超过允许的大小"),
                BadHttpRequestException { InnerException: JsonException } => (400, "请求体不是有效的 JSON，或字段的类型不正确"),
                BadHttpRequestException b when b.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase) =>
                    (400, "请求体不是有效的 JSON，或字段的类型不正确"),
                BadHttpRequestException b when b.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) =>
                    (415, "请求的内容类型不受支持，请使用 application/json"),
                BadHttpRequestException b => (b.StatusCode, "请求参数缺失或格式不正确"),
                JsonException => (400, "请求体不是有效的 JSON，或字段的类型不正确"),
                _ => (500, "服务器处理请求时出错，已记录，请稍后再试"),
            };
            // A handled exception is no longer logged by the framework (.NET 10): the 500 says "已记录", so it is logged here.
            if (status >= 500) log.LogError(exception, "请求 {Method} {Path} 出错", http.Request.Method, http.Request.Path);
            if (http.Response.HasStarted) return false;
            http.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = status, Detail = detail, Title = TitleFor(status), Type = TypeFor(status) },
            });
        }
    }
}
