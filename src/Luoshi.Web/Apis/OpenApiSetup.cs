using System.Text.Json.Nodes;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Luoshi.Web.Apis;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> as clients need it: the session cookie as the security scheme, an operationId per
/// operation, the problem answers each kind of call can give, the conditional headers, the upload bodies, enums for codes, and
/// no server address taken from the request.
/// </summary>
public static class OpenApiSetup
{
    public const string CookieScheme = "sessionCookie";

    /// <summary>The API reference page (Scalar, served from this server without any other site), for signed-in users.</summary>
    public const string ReferencePath = "/api/docs";

    public static void MapLuoshiOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(ReferencePath, o => o.WithTitle("落实 Luoshi API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
    }

    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> ProblemWords = new()
    {
        ["400"] = "输入有误", ["401"] = "未登录或会话已结束", ["403"] = "无权进行此操作", ["404"] = "不存在或不可见",
        ["409"] = "与当前状态冲突", ["412"] = "记录已被他人修改（If-Match 不是当前版本）", ["413"] = "太大", ["415"] = "文件类型不受支持",
        ["422"] = "文档无法读取，或 Idempotency-Key 已用于另一请求", ["428"] = "缺少 If-Match", ["429"] = "登录失败次数过多",
    };

    public static IServiceCollection AddLuoshiOpenApi(this IServiceCollection services) => services.AddOpenApi("v1", o =>
    {
        o.AddDocumentTransformer((doc, _, _) =>
        {
            Describe(doc);
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            Complete(operation, context);
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (EnumOf(context.JsonPropertyInfo?.DeclaringType, context.JsonPropertyInfo?.Name) is { } values)
                schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
            return Task.CompletedTask;
        });
    });

    private static void Describe(OpenApiDocument doc)
    {
        doc.Info.Title = "落实 Luoshi API";
        doc.Info.Description = "教育工作任务落实平台的 HTTP 接口（/api/v1）。登录（POST /api/v1/session）后以会话 Cookie 调用；错误一律为 application/problem+json。";
        // Relative: the document is the same whichever address it was read from.
        doc.Servers = [new OpenApiServer { Url = "/", Description = "本服务器" }];
        doc.Components ??= new OpenApiComponents();
        doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        doc.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Auth.AuthSetup.CookieName,
            Description = "POST /api/v1/session 登录后得到的会话 Cookie",
        };
        doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, doc)] = [] }];
    }

    private static void Complete(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var path = "/" + (description.RelativePath ?? "").TrimEnd('/');
        var handler = description.ActionDescriptor.EndpointMetadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault();
        operation.OperationId = OperationId(method, path, handler);
        var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        if (anonymous) operation.Security = [];

        var hasId = path.Contains('{', StringComparison.Ordinal);
        var changes = !HttpMethods.IsGet(method);
        var versioned = hasId && (HttpMethods.IsPatch(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)
            || path.EndsWith("/merge", StringComparison.Ordinal) || path.EndsWith("/split", StringComparison.Ordinal));
        operation.Parameters ??= [];
        if (versioned)
        {
            operation.Parameters.Add(Header("If-Match", "上次读取时的 ETag；PATCH/PUT 必须提供（否则 428），不是当前版本时 412", HttpMethods.IsPatch(method)
                || HttpMethods.IsPut(method)));
        }
        var etag = HttpMethods.IsGet(method) && hasId && !path.Contains("/attachments/", StringComparison.Ordinal)
            && !path.EndsWith("/reports", StringComparison.Ordinal) && !path.Contains("ledger", StringComparison.Ordinal);
        if (etag) operation.Parameters.Add(Header("If-None-Match", "之前得到的 ETag；记录未变时回答 304，没有正文", false));
        if (HttpMethods.IsPost(method) && path == "/api/v1/tasks/{id}/reports")
            operation.Parameters.Add(Header("Idempotency-Key", "最多 100 个可见 ASCII 字符；同一请求重发得到第一次的回答，24 小时内有效", false));
        if (HttpMethods.IsPost(method) && path is "/api/v1/plans/parse" or "/api/v1/plans") operation.RequestBody = DocumentBody();

        operation.Responses ??= [];
        var codes = new List<string> { "400" };
        if (!anonymous) codes.AddRange(["401", "403"]);
        if (hasId) codes.Add("404");
        if (changes && !anonymous) codes.Add("409");
        if (versioned) codes.AddRange(["412", "428"]);
        if (operation.RequestBody is not null && path.StartsWith("/api/v1/plans", StringComparison.Ordinal)) codes.AddRange(["413", "415", "422"]);
        if (path == "/api/v1/tasks/{id}/reports" && HttpMethods.IsPost(method)) codes.Add("422");
        if (anonymous && path == "/api/v1/session") codes.AddRange(["401", "429"]);
        foreach (var code in codes.Distinct())
            if (!operation.Responses.ContainsKey(code)) operation.Responses[code] = new OpenApiResponse { Description = ProblemWords[code] };
        foreach (var (code, response) in operation.Responses.ToList())
        {
            if (!code.StartsWith('4') || response is not OpenApiResponse r) continue;
            r.Description = string.IsNullOrEmpty(r.Description) || r.Description is "Bad Request" or "Not Found" ? ProblemWords.GetValueOrDefault(code, "请求被拒绝")
                : r.Description;
            r.Content ??= new Dictionary<string, OpenApiMediaType>();
            r.Content.Clear();
            r.Content[ProblemJson] = new OpenApiMediaType { Schema = ProblemSchema() };
        }
        if (etag)
        {
            operation.Responses["304"] = new OpenApiResponse { Description = "未修改（If-None-Match 与当前 ETag 相同）" };
            if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okay)
            {
                okay.Headers ??= new Dictionary<string, IOpenApiHeader>();
                okay.Headers["ETag"] = new OpenApiHeader { Description = "记录的版本，修改时放进 If-Match", Schema = Text() };
            }
        }
    }

    /// <summary>Unique and stable: the handler's class (without "Api") and method, e.g. <c>tasksList</c>; else the method and path.</summary>
    private static string OperationId(string method, string path, System.Reflection.MethodInfo? handler)
    {
        if (handler?.DeclaringType is { } type && !handler.Name.Contains('<', StringComparison.Ordinal))
        {
            var owner = type.Name.EndsWith("Api", StringComparison.Ordinal) ? type.Name[..^3] : type.Name;
            return char.ToLowerInvariant(owner[0]) + owner[1..] + handler.Name;
        }
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('{', '}'))
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..].Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static OpenApiParameter Header(string name, string description, bool required) => new()
    {
        Name = name, In = ParameterLocation.Header, Description = description, Required = required, Schema = Text(),
    };

    private static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 问题详情：detail 为中文说明，code 为稳定的问题代码",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text(), ["title"] = Text(), ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = Text(), ["code"] = Text(),
        },
    };

    /// <summary>A plan document: a multipart field <c>file</c> (.docx, .txt, .html) or the text itself.</summary>
    private static OpenApiRequestBody DocumentBody() => new()
    {
        Required = true,
        Description = "工作计划文档：multipart 字段 file（.docx、.txt、.html，不超过 10 MB），或 text/plain 正文",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            },
            ["text/plain"] = new() { Schema = Text() },
        },
    };

    /// <summary>The codes a string property can hold, for the properties that hold codes.</summary>
    private static IEnumerable<string>? EnumOf(Type? owner, string? property) => (owner?.Name, property) switch
    {
        (_, "role") => Roles.All.Select(r => r.ToCode()),
        ("TaskDto", "status") => Enum.GetValues<WorkStatus>().Select(s => s.ToCode()),
        ("PlanDto", "status") => Enum.GetValues<PlanStatus>().Select(s => s.ToCode()),
        ("ReportDto", "status") => Enum.GetValues<ReportStatus>().Select(s => s.ToCode()),
        ("OrgUnitDto", "kind") => Enum.GetValues<OrgUnitKind>().Select(k => k.ToCode()),
        _ => null,
    };
}
