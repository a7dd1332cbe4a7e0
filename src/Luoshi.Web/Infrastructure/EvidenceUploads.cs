using Luoshi.Application;
using Luoshi.Application.Reports;
using Luoshi.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// An answer with evidence files (a rectification, a 督办单's 办理情况) as a page form or an API request gives it: the files'
/// streams are opened for the use case and closed after it. Limits and content checks are <see cref="EvidenceFiles"/>'.
/// </summary>
public static class EvidenceUploads
{
    /// <summary>The largest answer: every file at its limit, and the text.</summary>
    public const long MaxBody = EvidenceFiles.MaxFiles * EvidenceFiles.MaxBytes + 1024 * 1024;

    /// <summary>Runs <paramref name="use"/> with the form's files as uploads; their streams are closed afterwards.</summary>
    public static async Task<TResult> WithAsync<TResult>(IEnumerable<IFormFile> files, Func<IReadOnlyList<EvidenceFiles.Upload>, Task<TResult>> use)
    {
        var streams = files.Select(f => (File: f, Stream: f.OpenReadStream())).ToList();
        try
        {
            return await use([.. streams.Select(s => new EvidenceFiles.Upload(s.Stream, s.File.FileName, s.File.Length))]);
        }
        finally
        {
            foreach (var (_, stream) in streams) await stream.DisposeAsync();
        }
    }

    /// <summary>
    /// An API answer: JSON (<typeparamref name="TJson"/>, whose text <paramref name="textOf"/> reads) or a multipart form with the
    /// text in <paramref name="field"/> and the files; too large or unreadable → a Chinese 4xx (<c>Refused</c>), nothing stored.
    /// </summary>
    public static async Task<(Outcome<T>? Outcome, ProblemHttpResult? Refused)> JsonOrFormAsync<T, TJson>(HttpRequest request, string field,
        Func<TJson?, string?> textOf, string jsonShape, Func<string?, IReadOnlyList<EvidenceFiles.Upload>, Task<Outcome<T>>> run, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody) return (null, ReportProblems.FileTooLarge.With(EvidenceFiles.MaxMegabytes).ToProblem());
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return (null, ReportProblems.FileTooLarge.With(EvidenceFiles.MaxMegabytes).ToProblem());
            }
            return (await WithAsync(form.Files, uploads => run(form[field].ToString(), uploads)), null);
        }
        TJson? body;
        try
        {
            body = await request.ReadFromJsonAsync<TJson>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, TypedResults.Problem(statusCode: 400, detail: $"请求正文应为 JSON：{jsonShape}，或带附件的表单"));
        }
        catch (InvalidOperationException)
        {
            return (null, TypedResults.Problem(statusCode: 415, detail: "请求正文应为 JSON（application/json）或表单（multipart/form-data）"));
        }
        return (await run(textOf(body), []), null);
    }
}
