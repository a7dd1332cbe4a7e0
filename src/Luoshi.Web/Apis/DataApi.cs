using System.Text.Json;
using Luoshi.Application.Calendar;
using Luoshi.Application.Data;
using Luoshi.Domain.Data;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/data-values</c>, data set reports and <c>/api/v1/completeness</c>: entry, 报送/零报告 and 报送率/及时率, each a <see cref="DataEntry"/> or <see cref="Completeness"/> use case.</summary>
public static class DataApi
{
    /// <summary>One value (<c>dataElementId, orgUnitId, period, option, value</c>) or a batch under <c>values</c>.</summary>
    public sealed record ValueRequest(int? DataElementId, int? OrgUnitId, string? Period, string? Option, JsonElement? Value, ValueRequest[]? Values);

    public sealed record ReportRequest(int? OrgUnitId, string? Period, bool ZeroReport);

    /// <summary>What was stored, with the warning rules it breaks (stored all the same).</summary>
    public sealed record SavedDto(int Saved, IReadOnlyList<string> Warnings);

    public sealed record ReportDto(long Id, int DataSetId, int OrgUnitId, string Period, DateTime SubmittedAt, bool IsZeroReport, bool IsLate);

    public sealed record CompletenessDto(int DataSetId, string Period, int? OrgUnitId, int Expected, int Received, int OnTime, int ZeroReports,
        decimal? ReportingRate, decimal? TimelyRate, IReadOnlyList<int> MissingUnitIds);

    public sealed record ElementDto(int Id, string Code, string Name, string ValueType, string Aggregation, string Unit, string Category, IReadOnlyList<string> Options);

    public sealed record DataSetDto(int Id, string Code, string Name, string PeriodType, string UnitKind, int? RootUnitId, int DueWorkingDays,
        string? DueTime, bool AllowZeroReport, IReadOnlyList<int> DataElementIds, int? LockAfterDays);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static ElementDto ToDto(DataElement e) =>
        new(e.Id, e.Code, e.Name, Camel(e.ValueType.ToString()), Camel(e.Aggregation.ToString()), e.Unit, e.Category, e.OptionList);

    public static DataSetDto ToDto(DataSet s) => new(s.Id, s.Code, s.Name, Camel(s.PeriodType.ToString()), Camel(s.UnitKind.ToString()), s.RootUnitId,
        s.DueWorkingDays, s.DueTime?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.AllowZeroReport,
        [.. s.Elements.OrderBy(e => e.SortOrder).Select(e => e.DataElementId)], s.LockAfterDays);

    public static void MapDataApi(this RouteGroupBuilder api)
    {
        api.MapGet("/data-elements", async (DataDefinitions d, CancellationToken ct) => TypedResults.Ok((await d.ElementsAsync(ct)).Select(ToDto).ToList()))
            .WithTags("数据采集").WithSummary("数据元列表");
        api.MapPost("/data-elements", CreateElement).WithTags("数据采集").WithSummary("定义数据元（督导、管理员）");
        api.MapGet("/data-sets", async (DataDefinitions d, CancellationToken ct) => TypedResults.Ok((await d.DataSetsAsync(ct)).Select(ToDto).ToList()))
            .WithTags("数据采集").WithSummary("数据集（报表）列表");
        api.MapPost("/data-sets", CreateDataSet).WithTags("数据采集").WithSummary("定义数据集（督导、管理员）");
        api.MapPut("/data-values", Save).WithTags("数据采集")
            .WithSummary("填报数据值：一个值，或 {\"values\":[…]} 整批保存（任一值有误、报告期已锁定或违反“错误”级校验规则则全部不保存，并逐项列出原因；违反“警告”级规则照常保存并在 warnings 中列出）");
        api.MapPost("/data-sets/{id:int}/reports", Report).WithTags("数据采集").WithSummary("报送数据集（zeroReport=true 为“无情况”零报告）");
        api.MapGet("/data-sets/{id:int}/import-template.xlsx", ImportTemplate).WithTags("数据采集").WithSummary("数据集导入模板（.xlsx）");
        api.MapPost("/data-sets/{id:int}/import", Import).DisableAntiforgery().WithTags("数据采集")
            .WithSummary("从 .xlsx 或 .csv 导入数据值（表单字段 file；全部成功或全部不导入，逐行列出问题）");
        api.MapGet("/completeness", Completeness).WithTags("数据采集").WithSummary("报送率与及时率：dataSetId、period，可选 orgUnitId（其下属单位）");
    }

    public static async Task<Results<Created<ElementDto>, ProblemHttpResult>> CreateElement(DataDefinitions.ElementRequest request,
        DataDefinitions definitions, HttpContext http, CancellationToken ct)
    {
        var outcome = await definitions.CreateElementAsync(http.User.ToCaller(), request, ct);
        return outcome.Value is { } e ? TypedResults.Created($"/api/v1/data-elements/{e.Id}", ToDto(e)) : outcome.ToProblem();
    }

    public static async Task<Results<Created<DataSetDto>, ProblemHttpResult>> CreateDataSet(DataDefinitions.DataSetRequest request,
        DataDefinitions definitions, HttpContext http, CancellationToken ct)
    {
        var outcome = await definitions.CreateDataSetAsync(http.User.ToCaller(), request, ct);
        return outcome.Value is { } s ? TypedResults.Created($"/api/v1/data-sets/{s.Id}", ToDto(s)) : outcome.ToProblem();
    }

    private static string? Written(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "是",
        { ValueKind: JsonValueKind.False } => "否",
        _ => null,
    };

    private static DataEntry.ValueInput Input(ValueRequest? r) =>
        new(r?.DataElementId, r?.OrgUnitId, r?.Period, r?.Option, Written(r?.Value));

    /// <summary>True when a value's text cannot be read as a string (a lone surrogate in its JSON escapes).</summary>
    private static bool Unreadable(ValueRequest? r)
    {
        if (r?.Value is not { ValueKind: JsonValueKind.String } v) return false;
        try
        {
            _ = v.GetString();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    public static async Task<Results<Ok<SavedDto>, ProblemHttpResult>> Save(ValueRequest request, DataEntry entry, HttpContext http, CancellationToken ct)
    {
        ValueRequest?[] requests = request.Values is { } many ? many : [request];
        if (Array.FindIndex(requests, Unreadable) is var bad and >= 0)
            return TypedResults.Problem(statusCode: 400, detail: $"第 {bad + 1} 项：值中含有无法识别的字符，未保存任何数据");
        List<DataEntry.ValueInput> inputs = request.Values is { } values ? [.. values.Select(Input)] : [Input(request)];
        var outcome = await entry.SaveAsync(http.User.ToCaller(), inputs, ct);
        return outcome.Value is { } saved ? TypedResults.Ok(new SavedDto(saved.Count, [.. saved.Warnings.Select(w => w.Words)])) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<ReportDto>, ProblemHttpResult>> Report(int id, ReportRequest request, DataEntry entry, WorkCalendar calendar,
        HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        var outcome = await entry.SubmitAsync(caller, id, request.OrgUnitId ?? caller.OrgUnitId, request.Period, request.ZeroReport,
            await calendar.WorkingDaysAsync(ct), ct);
        if (outcome.Value is not { } r) return outcome.ToProblem();
        return TypedResults.Ok(new ReportDto(r.Id, r.DataSetId, r.OrgUnitId, r.Period, r.SubmittedAt, r.IsZeroReport, r.IsLate));
    }

    public sealed record ImportDto(int Rows, int Saved, IReadOnlyList<string> Warnings);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ImportTemplate(int id, DataImport import, HttpContext http, CancellationToken ct) =>
        await import.TemplateAsync(http.User.ToCaller(), id, ct) is { } bytes
            ? TypedResults.File(bytes, Luoshi.Application.OrgUnits.CityImport.ContentType, "数据导入模板.xlsx")
            : TypedResults.Problem(statusCode: 404, detail: "找不到该数据集（报表）");

    public static async Task<Results<Ok<ImportDto>, ValidationProblem, ProblemHttpResult>> Import(int id, IFormFile? file, DataImport import,
        HttpContext http, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return TypedResults.Problem(statusCode: 400, detail: "请上传 .xlsx 或 .csv 文件（表单字段 file）");
        if (file.Length > DataImport.MaxBytes) return TypedResults.Problem(statusCode: 413, detail: $"文件超过 {DataImport.MaxBytes / 1024 / 1024} MB");
        var csv = file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.ContentType.StartsWith(DataImport.CsvContentType, StringComparison.OrdinalIgnoreCase);
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(http.User.ToCaller(), id, stream, csv, ct);
        if (result.Refusal is { } refusal) return refusal.ToProblem();
        if (result.Problems.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rows"] = [.. result.Problems] },
                title: "导入失败，未导入任何数据", detail: $"共发现 {result.Problems.Count} 处问题，未导入任何数据，请修改后重新上传：{string.Join("；", result.Problems.Take(20))}");
        return TypedResults.Ok(new ImportDto(result.Rows, result.Saved, result.Warnings));
    }

    public static async Task<Results<Ok<CompletenessDto>, ProblemHttpResult>> Completeness(int? dataSetId, string? period, int? orgUnitId,
        Completeness completeness, HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        // Those who do not see everything see their own unit's part only.
        if (!caller.SeesEverything)
        {
            if (orgUnitId is { } asked && asked != caller.OrgUnitId)
                return TypedResults.Problem(statusCode: 403, detail: "您只能查看本单位及下属单位的报送情况");
            orgUnitId = caller.OrgUnitId;
        }
        var outcome = await completeness.ForAsync(dataSetId ?? 0, period, orgUnitId, ct);
        if (outcome.Value is not { } f) return outcome.ToProblem();
        return TypedResults.Ok(new CompletenessDto(f.DataSetId, f.Period, f.OrgUnitId, f.Expected, f.Received, f.OnTime, f.ZeroReports,
            f.ReportingRate, f.TimelyRate, f.MissingUnitIds));
    }
}
