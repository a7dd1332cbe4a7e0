using System.Globalization;
using Luoshi.Application;
using Luoshi.Domain.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Infrastructure;

/// <summary>Optimistic concurrency over HTTP: responses carry an <c>ETag</c> of the record's version, changes send it back in
/// <c>If-Match</c>.</summary>
public static class Versions
{
    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, int version) => response.Headers.ETag = ETag(version);

    /// <summary>
    /// The version the request's <c>If-Match</c> names: missing without the header, any for <c>*</c>; an ETag that is not
    /// one of ours names no version there is (so the change is refused as stale).
    /// </summary>
    public static ReadVersion Read(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return ReadVersion.Missing;
        if (header == "*") return ReadVersion.Any;
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return int.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? ReadVersion.Of(version)
            : ReadVersion.Of(-1);
    }

    /// <summary>For units and users, whose changes check the version here: null when the request may go ahead, else the 428 or 412.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, int currentVersion, ProblemType stale) =>
        Read(request).Check(currentVersion, stale) is { } problem ? problem.ToProblem() : null;
}
