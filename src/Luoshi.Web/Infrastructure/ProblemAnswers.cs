using Luoshi.Application;
using Luoshi.Domain.Problems;
using Luoshi.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// The edge of the use cases: a refusal's kind becomes the status code (here only), its type the problem's
/// <c>code</c>, and its text Chinese or English as the user chose. Pages and endpoints both answer from here.
/// </summary>
public static class ProblemAnswers
{
    public static int StatusOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => StatusCodes.Status400BadRequest,
        ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.Stale => StatusCodes.Status412PreconditionFailed,
        ProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ProblemKind.Unsupported => StatusCodes.Status415UnsupportedMediaType,
        ProblemKind.VersionRequired => StatusCodes.Status428PreconditionRequired,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static int StatusOf(IReadOnlyCollection<Problem> problems) => StatusOf(problems.Leading());

    /// <summary>The problem's words in the user's language.</summary>
    public static string Words(this Problem problem) => problem.Text(UiText.IsEnglish);

    public static List<string> Words(this IEnumerable<Problem> problems) => problems.Select(Words).ToList();

    /// <summary>
    /// The problem+json answer: status from the leading kind, <c>detail</c> the texts joined, <c>code</c> the leading
    /// problem's code and <c>problems</c> every code with its text; invalid input also lists the texts under <c>errors</c>.
    /// </summary>
    public static ProblemHttpResult ToProblem(this IReadOnlyCollection<Problem> problems, string? title = null)
    {
        var kind = problems.Leading();
        var status = StatusOf(kind);
        var words = problems.Words();
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = problems.First(p => p.Kind == kind).Code,
            ["problems"] = problems.Select(p => new { code = p.Code, detail = p.Words() }).ToList(),
        };
        if (kind == ProblemKind.Invalid) extensions["errors"] = new Dictionary<string, string[]> { [""] = [.. words] };
        return TypedResults.Problem(statusCode: status, title: title ?? (kind == ProblemKind.Invalid ? "输入有误" : Problems.TitleFor(status)),
            detail: string.Join("；", words), type: Problems.TypeFor(status), extensions: extensions);
    }

    public static ProblemHttpResult ToProblem(this Problem problem) => new[] { problem }.ToProblem();

    /// <summary>The refusal of an outcome that did not succeed.</summary>
    public static ProblemHttpResult ToProblem<T>(this Outcome<T> outcome) => outcome.Problems.ToList().ToProblem();

    /// <summary>Invalid input worded by use cases that still return Chinese text (units, users, the audit filter): a 400 listing it.</summary>
    public static ValidationProblem Invalid(IReadOnlyList<string> problems) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [.. problems] }, title: "输入有误", detail: string.Join("；", problems));
}
