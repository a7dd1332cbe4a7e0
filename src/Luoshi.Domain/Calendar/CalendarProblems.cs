using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Calendar;

/// <summary>Every refusal about the working-day calendar, worded once in Chinese and English.</summary>
public static class CalendarProblems
{
    private static readonly ProblemCatalog Catalog = new("calendar");

    public static readonly ProblemType Year = Catalog.Of(ProblemKind.Invalid, "year", "年份应在 {0} 到 {1} 之间",
        "The year must be from {0} to {1}");
    public static readonly ProblemType BadRows = Catalog.Of(ProblemKind.Unreadable, "bad-rows", "工作日历有 {0} 行有误，未保存任何内容",
        "{0} rows of the calendar are wrong; nothing was stored");
    public static readonly ProblemType Date = Catalog.Of(ProblemKind.Unreadable, "date", "{0}日期“{1}”无效，应写作 YYYY-MM-DD，例如 2026-10-01",
        "{0}the date “{1}” is not valid; write YYYY-MM-DD, e.g. 2026-10-01");
    public static readonly ProblemType Workday = Catalog.Of(ProblemKind.Unreadable, "workday", "{0}“{1}”应为“上班”或“放假”",
        "{0}“{1}” should be 上班 (worked) or 放假 (off)");
    public static readonly ProblemType Name = Catalog.Of(ProblemKind.Unreadable, "name", "{0}请填写名称（不超过 {1} 个字），例如 国庆节、国庆节调休上班",
        "{0}give a name of at most {1} characters, e.g. 国庆节");
    public static readonly ProblemType NoSuchDay = Catalog.Of(ProblemKind.NotFound, "no-such-day", "{0} 没有节假日或调休记录",
        "{0} has no holiday or 调休 row");
    public static readonly ProblemType Duplicate = Catalog.Of(ProblemKind.Unreadable, "duplicate", "{0}日期 {1} 与第 {2} 行重复",
        "{0}the date {1} is already given in row {2}");
    public static readonly ProblemType OutOfYear = Catalog.Of(ProblemKind.Unreadable, "out-of-year", "{0}日期 {1} 不在 {2} 年内",
        "{0}the date {1} is not in {2}");
    public static readonly ProblemType Empty = Catalog.Invalid("empty", "没有读到任何日期行；请按模板填写 日期、上班/放假、名称 三列",
        "No rows were read; give three columns: date, 上班/放假, name");
    public static readonly ProblemType File = Catalog.Of(ProblemKind.Unsupported, "file", "请上传 .csv 或 .xlsx 文件",
        "Upload a .csv or .xlsx file");
}
