namespace Luoshi.Web.Infrastructure;

/// <summary>One page of a list, as every list endpoint returns it: <c>{"items": [...], "total": N}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total);

/// <summary>The <c>?page=&amp;pageSize=</c> of a list request, clamped to sane values.</summary>
public readonly record struct Paging(int? Page, int? PageSize)
{
    public const int MaxPageSize = 500;

    public int Skip => (Number - 1) * Size;

    public int Size => Math.Clamp(PageSize ?? 50, 1, MaxPageSize);

    public int Number => Math.Max(Page ?? 1, 1);
}
