using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Infrastructure;

/// <summary>Optimistic concurrency over HTTP: responses carry an <c>ETag</c> of the record's version, changes must send it back in <c>If-Match</c>.</summary>
public static class Versions
{
    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, int version) => response.Headers.ETag = ETag(version);

    /// <summary>Null when the request may go ahead; otherwise the 428 or 412 problem to return.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, int currentVersion)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return TypedResults.Problem(statusCode: 428, detail: "修改前请先读取记录，并在 If-Match 请求头中带上它的 ETag");
        if (header.Trim() == "*") return null;
        var expected = header.Trim().TrimStart('W', '/').Trim('"');
        return expected == currentVersion.ToString(CultureInfo.InvariantCulture)
            ? null
            : Stale();
    }

    public static ProblemHttpResult Stale() =>
        TypedResults.Problem(statusCode: 412, detail: "该记录在您读取之后已被他人修改，请刷新查看最新内容后再提交");

    /// <summary>Saves, turning a concurrent change between our read and our write into a 412.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync(Func<Task> save)
    {
        try
        {
            await save();
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
    }
}
