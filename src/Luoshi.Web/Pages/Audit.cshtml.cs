using Luoshi.Application.Auditing;
using Luoshi.Data;
using Luoshi.Web.Apis;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>The audit trail for administrators and supervisors: filter, page through, export.</summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class AuditModel(LuoshiDb db, AuditReader reader) : PageModel
{
    public const int PageSize = 50;

    public AuditApi.AuditFilter Filter { get; private set; } = new(null, null, null, null, null, null);
    public List<AuditReader.Reading> Entries { get; private set; } = [];

    /// <summary>The actions the filter offers.</summary>
    public static readonly string[] Actions = ["create", "update", "delete", "signIn", "signInFailed", "signOut", "signOutEverywhere", "export"];
    public List<string> Problems { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? p)
    {
        Filter = AuditApi.AuditFilter.FromQuery(Request.Query);
        Problems = Filter.Problems();
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var query = Filter.Apply(db.AuditEntries.AsNoTracking());
        Total = await query.CountAsync(HttpContext.RequestAborted);
        PageNumber = Math.Clamp(p ?? 1, 1, Pages);
        var rows = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(HttpContext.RequestAborted);
        Entries = await reader.ReadAsync(rows, HttpContext.RequestAborted);
    }

    /// <summary>The query string of the current filter, for the export link and the pager.</summary>
    public string Query(int? page = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("entity", Filter.Entity), new("entityId", Filter.EntityId), new("from", Filter.From), new("to", Filter.To),
            new("userId", Filter.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("action", Filter.Action),
        };
        if (page is not null) pairs.Add(new("p", page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(kv => !string.IsNullOrWhiteSpace(kv.Value))).ToString();
    }
}
