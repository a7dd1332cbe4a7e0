using Luoshi.Application.Calendar;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary>
/// <c>/api/v1/calendar</c>: the working-day calendar (工作日历) for everyone signed in; administrators keep its rows of
/// statutory holidays and 调休 working days (one day, a whole year, or an imported .csv/.xlsx).
/// </summary>
public static class CalendarApi
{
    public sealed record DayDto(string Date, bool Workday, string? Name);

    public sealed record YearDto(IReadOnlyList<DayDto> Days);

    public sealed record DayRequest(bool? Workday, string? Name);

    public sealed record RowDto(string? Date, bool? Workday, string? Name);

    public sealed record YearRequest(IReadOnlyList<RowDto>? Days);

    public sealed record StoredDto(int Rows, IReadOnlyList<int> Years);

    public static void MapCalendarApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/calendar").WithTags("工作日历");
        group.MapGet("/{year:int}", Year).WithSummary("一年中每一天是否上班（法定节假日、调休上班日）");
        group.MapPut("/{year:int}", ReplaceYear).RequireAuthorization(Policies.Admin)
            .WithSummary("替换一年的节假日与调休记录（任何一行有误则全部不保存，422 列出每一行）");
        group.MapPut("/days/{date}", SaveDay).RequireAuthorization(Policies.Admin).WithSummary("新增或修改一天的节假日或调休记录");
        group.MapDelete("/days/{date}", DeleteDay).RequireAuthorization(Policies.Admin).WithSummary("删除一天的节假日或调休记录");
        group.MapPost("/import", Import).RequireAuthorization(Policies.Admin).DisableAntiforgery()
            .WithSummary("从 .csv 或 .xlsx 导入节假日与调休记录（日期、上班/放假、名称；文件中的年份整体替换）");
    }

    private static DayDto ToDto(WorkCalendar.Day d) => new(CalendarRows.Text(d.Date), d.Workday, d.Name);

    public static async Task<Results<Ok<YearDto>, ProblemHttpResult>> Year(int year, WorkCalendar calendar, CancellationToken ct)
    {
        var result = await calendar.YearAsync(year, ct);
        return result.Succeeded ? TypedResults.Ok(new YearDto([.. result.Value!.Select(ToDto)])) : result.ToProblem();
    }

    public static async Task<Results<Ok<StoredDto>, ProblemHttpResult>> ReplaceYear(int year, YearRequest request, WorkCalendar calendar,
        CancellationToken ct)
    {
        var rows = (request.Days ?? []).Select((d, i) => new CalendarRow(i + 1, d.Date, d.Workday is { } w ? CalendarRows.WorkdayText(w) : null, d.Name))
            .ToList();
        var result = await calendar.ReplaceYearAsync(year, rows, ct);
        return result.Succeeded ? TypedResults.Ok(new StoredDto(result.Value!.Rows, result.Value.Years)) : result.ToProblem();
    }

    public static async Task<Results<Ok<DayDto>, ProblemHttpResult>> SaveDay(string date, DayRequest request, WorkCalendar calendar,
        CancellationToken ct)
    {
        var result = await calendar.SaveDayAsync(new CalendarRow(0, date, request.Workday is { } w ? CalendarRows.WorkdayText(w) : null, request.Name), ct);
        if (!result.Succeeded) return result.ToProblem();
        var row = result.Value!;
        return TypedResults.Ok(new DayDto(CalendarRows.Text(row.Date), row.Workday, row.Name));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDay(string date, WorkCalendar calendar, CancellationToken ct)
    {
        if (CalendarRows.ParseDate(date) is not { } day)
            return Luoshi.Domain.Calendar.CalendarProblems.Date.With("", date).ToProblem();
        var result = await calendar.DeleteDayAsync(day, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    public static async Task<Results<Ok<StoredDto>, ProblemHttpResult>> Import(IFormFile? file, WorkCalendar calendar, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return TypedResults.Problem(statusCode: 400, detail: "请上传 .csv 或 .xlsx 文件（表单字段 file）");
        if (file.Length > CalendarFile.MaxBytes)
            return TypedResults.Problem(statusCode: 413, detail: $"文件超过 {CalendarFile.MaxBytes / 1024 / 1024} MB");
        await using var stream = file.OpenReadStream();
        var result = await calendar.ImportAsync(stream, file.FileName, ct);
        return result.Succeeded ? TypedResults.Ok(new StoredDto(result.Value!.Rows, result.Value.Years)) : result.ToProblem();
    }
}
