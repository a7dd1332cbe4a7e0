using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary>Reads a plan document from a request: a multipart field <c>file</c>, or the body itself as text/plain.</summary>
public static class DocumentUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>What a user is told about a document over <see cref="MaxBytes"/>.</summary>
    public static readonly string TooLargeMessage = $"文档超过 {MaxBytes / 1024 / 1024} MB，请拆分后再上传";

    public sealed record Document(byte[] Content, string? FileName);

    public static async Task<(Document? Document, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes + 64 * 1024) return (null, TooLarge());
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                var limits = new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxBytes + 64 * 1024 };
                form = await request.ReadFormAsync(limits, ct);
            }
            catch (InvalidDataException)
            {
                return (null, TooLarge());
            }
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
                return (null, TypedResults.Problem(statusCode: 400, detail: "请在表单字段 file 中上传计划文档（.txt、.html、.docx 或任务分解表 .xlsx）"));
            if (file.Length > MaxBytes) return (null, TooLarge());
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            return (new Document(buffer.ToArray(), file.FileName), null);
        }
        var type = request.ContentType ?? "";
        if (type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || type.Length == 0)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > MaxBytes) return (null, TooLarge());
                buffer.Write(chunk, 0, n);
            }
            if (buffer.Length == 0) return (null, TypedResults.Problem(statusCode: 400, detail: "请求体是空的：请提交计划文本，或以 multipart 表单上传文件"));
            var name = type.Contains("html", StringComparison.OrdinalIgnoreCase) ? "plan.html" : "plan.txt";
            return (new Document(buffer.ToArray(), name), null);
        }
        return (null, TypedResults.Problem(statusCode: 415, detail: "请以 multipart/form-data（字段 file）上传文件，或以 text/plain 提交文本"));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: 413, detail: TooLargeMessage);
}
