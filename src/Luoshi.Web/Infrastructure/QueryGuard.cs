namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Refuses (400) a query string with a NUL character (<c>%00</c>) before any page or endpoint reads it: no one types
/// one, and PostgreSQL refuses it in a filter (<c>?q=</c>), which would otherwise be a 500. NULs in posted text are
/// dropped when it is saved (<c>StoredText</c>); form fields with NUL are refused by ASP.NET Core's form reader.
/// </summary>
public sealed class QueryGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                return Problems.RefuseAsync(context, StatusCodes.Status400BadRequest, "请求参数不能包含空字符（%00）");
        return next(context);
    }
}
