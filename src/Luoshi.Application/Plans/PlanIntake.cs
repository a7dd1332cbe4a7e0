using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Luoshi.Parsing;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Reading;
using Luoshi.Parsing.Tables;
using Microsoft.EntityFrameworkCore;
using Comparator = Luoshi.Domain.Targets.Comparator;

namespace Luoshi.Application.Plans;

/// <summary>Turns a parsed plan document into a draft plan: the outline becomes the task tree, the targets become targets.</summary>
public sealed class PlanIntake(LuoshiDb db, ChinaClock? clock = null)
{
    /// <summary>
    /// An uploaded document (.txt, .html, .docx) becomes a draft of the bureau's plan. An unreadable document, or one
    /// beyond the upload caps (<see cref="ParseOptions.ForUpload"/>), throws <see cref="PlanDocumentException"/> with a
    /// Chinese message before anything is saved; <paramref name="ct"/> stops the reading too.
    /// </summary>
    public Task<Plan> CreateDraftFromDocumentAsync(byte[] content, string? fileName, int? createdById, CancellationToken ct = default) =>
        TaskWorkbook.IsWorkbook(fileName)
            ? CreateDraftFromWorkbookAsync(content, fileName, createdById, ct)
            : CreateDraftFromTextAsync(PlanReader.ReadText(content, fileName, ct), fileName, createdById, ct);

    /// <summary>
    /// A bureau's 任务分解表 (.xlsx) becomes a draft, whole or nothing: the table is read as the parser reads a task table
    /// (<see cref="TaskWorkbook"/>), and a row without a task, with a unit the city does not have, or with a deadline that
    /// names no date throws <see cref="PlanDocumentException"/> listing every bad row, before anything is saved.
    /// </summary>
    public async Task<Plan> CreateDraftFromWorkbookAsync(byte[] content, string? fileName, int? createdById, CancellationToken ct = default)
    {
        var workbook = TaskWorkbook.Read(content, ct);
        var parsed = workbook.Parse(fileName, ParseOptions.ForUpload(ct));
        var problems = workbook.RowProblems(parsed.Year);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind != OrgUnitKind.Bureau).ToListAsync(ct);
        problems.AddRange(workbook.UnitNames().Where(x => FindUnit(x.Name, units) is null).Select(x => new RowProblem(x.Row, x.Header, x.Name, "不存在")));
        if (problems.Count > 0)
        {
            var rows = problems.OrderBy(p => p.Row).Select(p => p.Text).ToList();
            throw new PlanDocumentException($"任务分解表有 {rows.Count} 处错误，未创建计划：{string.Join("；", rows)}", rows);
        }

        var bureauId = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync(ct);
        return await CreateDraftAsync(parsed, workbook.Text, fileName, bureauId, createdById, ct);
    }

    /// <summary>A plan's text (pasted, or read from a document) becomes a draft of the bureau's plan, within the upload caps.</summary>
    public async Task<Plan> CreateDraftFromTextAsync(string text, string? fileName, int? createdById, CancellationToken ct = default)
    {
        var parsed = PlanParser.Parse(text, fileName, ParseOptions.ForUpload(ct));
        var bureauId = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync(ct);
        return await CreateDraftAsync(parsed, text, fileName, bureauId, createdById, ct);
    }

    /// <summary>A parsed plan becomes a draft; <paramref name="sourceText"/> is the text it was parsed from.</summary>
    public async Task<Plan> CreateDraftAsync(PlanDocument document, string sourceText, string? fileName, int orgUnitId, int? createdById,
        CancellationToken ct = default)
    {
        var now = clock ?? ChinaClock.System;
        var year = document.Year ?? now.Today.Year;
        var plan = new Plan
        {
            Title = Trim(document.Title ?? Path.GetFileNameWithoutExtension(fileName) ?? $"{year}年工作计划", Plan.MaxTitleLength),
            Year = year,
            YearSource = YearSourceOf(document),
            Issuer = document.Issuer,
            Status = PlanStatus.Draft,
            // The source is kept as the parser read it: the items' source positions count in this text (with \n line
            // breaks, as the review page shows it), and a pasted NUL would otherwise fail to save on PostgreSQL (a 500).
            SourceText = PlanParser.Sanitize(sourceText),
            SourceFileName = fileName is null ? null : Trim(Path.GetFileName(fileName), 260),
            OrgUnitId = orgUnitId,
            CreatedById = createdById,
            CreatedAt = now.UtcNow,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);

        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind != OrgUnitKind.Bureau).ToListAsync(ct);
        var byItem = new Dictionary<int, PlanTask>();
        var ordinal = 0;
        foreach (var item in document.Items)
        {
            var parent = item.Parent is { } p && byItem.TryGetValue(p, out var pt) ? pt : null;
            var title = string.IsNullOrWhiteSpace(item.Heading) ? Trim(item.Text, 80) : item.Heading;
            var category = TaskCategories.Suggest(title, item.Text);
            if (category == TaskCategory.Other && parent is not null) category = parent.Category;
            var task = new PlanTask
            {
                PlanId = plan.Id,
                Number = Trim(item.Marker, 40),
                Ordinal = ++ordinal,
                Level = Math.Max(1, item.Level),
                Title = Trim(title, PlanTask.MaxTitleLength),
                Text = item.Text,
                Category = category,
                StartDate = new DateOnly(year, 1, 1),
                DueDate = item.Deadline?.Date ?? parent?.DueDate ?? new DateOnly(year, 12, 31),
                SourceStart = item.Source.Start,
                SourceEnd = item.Source.End,
            };
            AssignUnits(task, item.Responsible, units);
            if (task.LeadDepartmentId is null && parent is not null)
            {
                task.LeadDepartmentId = parent.LeadDepartmentId;
                foreach (var u in parent.Units) task.Units.Add(new TaskUnit { OrgUnitId = u.OrgUnitId, Role = u.Role });
            }
            foreach (var q in item.Quantities.Where(q => q.Kind == QuantityKind.Target))
                task.Targets.Add(ToTarget(q));
            // Each task is saved before its children, so they can point at it.
            task.ParentId = parent?.Id;
            db.Tasks.Add(task);
            await db.SaveChangesAsync(ct);
            byItem[item.Id] = task;
        }
        TaskOutline.MarkGroups(byItem.Values);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return plan;
    }

    /// <summary>Where the parser's year came from: the title, else a date in the text; this year when the text names none.</summary>
    private static string YearSourceOf(PlanDocument document) =>
        document.Year is not { } year ? PlanYearSources.Today
        : document.Title?.Contains($"{year}年", StringComparison.Ordinal) == true ? PlanYearSources.Title
        : PlanYearSources.Text;

    /// <summary>A target read from the plan; its deadline follows its task's.</summary>
    public static Target ToTarget(Quantity q) => new()
    {
        Subject = Trim(q.Subject, Target.MaxSubjectLength),
        Comparator = q.Comparator switch
        {
            Parsing.Model.Comparator.AtLeast => Comparator.AtLeast,
            Parsing.Model.Comparator.AtMost => Comparator.AtMost,
            Parsing.Model.Comparator.Range => Comparator.Range,
            _ => Comparator.Equal,
        },
        Value = q.Value,
        Upper = q.Upper ?? q.Denominator,
        Unit = Trim(q.Unit, Target.MaxUnitLength),
        Placeholder = q.Placeholder,
        SourceText = Trim(q.Text, Target.MaxSourceTextLength),
    };

    /// <summary>Named units matched to the city's org units: the first department leads, other departments help, districts and schools carry the
    /// task.</summary>
    private static void AssignUnits(PlanTask task, IReadOnlyList<string> names, List<OrgUnit> units)
    {
        foreach (var name in names)
        {
            var n = name.Trim();
            if (n.Length < 2) continue;
            if (FindUnit(n, units) is not { } unit) continue;
            if (unit.Kind == OrgUnitKind.Department && task.LeadDepartmentId is null)
                task.LeadDepartmentId = unit.Id;
            else if (unit.Kind == OrgUnitKind.Department && unit.Id != task.LeadDepartmentId && task.Units.All(x => x.OrgUnitId != unit.Id))
                task.Units.Add(new TaskUnit { OrgUnitId = unit.Id, Role = TaskUnitRole.CoDepartment });
            else if (unit.Kind is OrgUnitKind.District or OrgUnitKind.School && task.Units.All(x => x.OrgUnitId != unit.Id))
                task.Units.Add(new TaskUnit { OrgUnitId = unit.Id, Role = TaskUnitRole.Responsible });
        }
    }

    /// <summary>
    /// The org unit a name in a plan means: the one of that name, else one whose name contains it or is contained in it —
    /// a district or department before a school (江东区 is 江东区教育局, not 江东区第一中学), then the closest in length, then the
    /// first created; never whichever row the database happened to return first.
    /// </summary>
    private static OrgUnit? FindUnit(string name, List<OrgUnit> units) =>
        units.Where(u => u.Name == name).OrderBy(u => u.Id).FirstOrDefault()
            ?? units.Where(u => u.Name.Contains(name, StringComparison.Ordinal) || name.Contains(u.Name, StringComparison.Ordinal))
                .OrderBy(u => u.Kind == OrgUnitKind.School ? 1 : 0).ThenBy(u => Math.Abs(u.Name.Length - name.Length)).ThenBy(u => u.Id)
                .FirstOrDefault();

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
