using Luoshi.Application.Search;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages;

/// <summary>搜索: plans, tasks and reports the caller may see, with the words marked in a snippet.</summary>
public sealed class SearchModel(LedgerSearch search) : PageModel
{
    public string Query { get; private set; } = "";
    public List<LedgerSearch.Hit>? Hits { get; private set; }

    public async Task OnGetAsync(string? q)
    {
        Query = q?.Trim() ?? "";
        if (Query.Length == 0) return;
        Hits = await search.FindAsync(User.ToCaller(), Query, HttpContext.RequestAborted);
    }

    /// <summary>The snippet cut around each occurrence of the words, so the page can mark them.</summary>
    public IEnumerable<(string Text, bool Match)> Marked(string snippet)
    {
        var at = 0;
        while (Query.Length > 0 && snippet.IndexOf(Query, at, StringComparison.OrdinalIgnoreCase) is var i and >= 0)
        {
            if (i > at) yield return (snippet[at..i], false);
            yield return (snippet.Substring(i, Query.Length), true);
            at = i + Query.Length;
        }
        if (at < snippet.Length) yield return (snippet[at..], false);
    }
}
