namespace Luoshi.Domain.Data;

/// <summary>
/// One value of one element for one unit and period (and one option of the element's category, "" for the total):
/// the number in <see cref="Numeric"/> (是/否 as 1/0) or the text in <see cref="Text"/>. The period is kept as text and
/// as its first and last day for range queries. Unique per (element, unit, period, option).
/// </summary>
public class DataValue
{
    public const int MaxOptionLength = 50;
    public const int MaxTextLength = 2000;
    public const int MaxPeriodLength = 20;

    public long Id { get; set; }

    public int DataElementId { get; set; }

    public int OrgUnitId { get; set; }

    public string Period { get; set; } = "";

    public PeriodType PeriodType { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    /// <summary>The category option (公办), "" for the total or an element without a category.</summary>
    public string Option { get; set; } = "";

    public decimal? Numeric { get; set; }

    public string? Text { get; set; }

    public int? UpdatedById { get; set; }

    public DateTime UpdatedAt { get; set; }
}
