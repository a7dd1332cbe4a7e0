using System.Globalization;
using System.Text.Json;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Auditing;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Auditing;

/// <summary>
/// The audit trail as a person reads it, in Chinese: who did it (sign-ins included), what was done to which record
/// (named by its title, not its number), and each changed field by its Chinese name with its values as the pages
/// show them (类别：其他 → 学前教育; units, people, plans and tasks by name). The audit page and its CSV read the same.
/// </summary>
public sealed class AuditReader(LuoshiDb db, Caching.ReferenceData reference)
{
    /// <summary>One field that changed: its Chinese name and the value before and after (empty when there was none).</summary>
    public sealed record Change(string Field, string Before, string After);

    /// <summary>One entry, read.</summary>
    public sealed record Reading(AuditEntry Entry, string Who, string Action, string Record, IReadOnlyList<Change> Changes)
    {
        /// <summary>The changes in one line: "类别：其他 → 学前教育；名称：…".</summary>
        public string Summary => string.Join("；", Changes.Select(c => c.Before.Length == 0 ? $"{c.Field}：{c.After}"
            : c.After.Length == 0 ? $"{c.Field}：{c.Before}（删除）" : $"{c.Field}：{c.Before} → {c.After}"));
    }

    public static string ActionName(string action) => action switch
    {
        "create" => "新增",
        "update" => "修改",
        "delete" => "删除",
        "signIn" => "登录成功",
        "signInFailed" => "登录失败",
        "signOut" => "退出登录",
        "signOutEverywhere" => "退出全部登录",
        "export" => "导出",
        "resend" => "重发消息",
        _ => action,
    };

    /// <summary>The kinds of record the trail holds, by their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        ["Plan"] = "计划",
        ["PlanTask"] = "任务",
        ["TaskUnit"] = "任务单位",
        ["Milestone"] = "节点",
        ["Target"] = "目标",
        ["TargetShare"] = "目标分解",
        ["ProgressReport"] = "进展反馈",
        ["ReportValue"] = "反馈数值",
        ["Attachment"] = "附件",
        ["OrgUnit"] = "单位",
        ["User"] = "用户",
        ["Session"] = "会话",
        ["AuditEntry"] = "审计日志",
        ["UnitChannels"] = "单位消息渠道",
        ["OutboxMessage"] = "外发消息",
        ["UserChannels"] = "个人消息设置",
        ["Notice"] = "督办单",
        ["Inspection"] = "专项督导",
        ["InspectedUnit"] = "被督导单位",
        ["Finding"] = "整改问题",
        ["DataElement"] = "数据元素",
        ["DataSet"] = "数据集",
        ["DataSetElement"] = "数据集元素",
        ["DataValue"] = "数据值",
        ["DataSetReport"] = "数据集报送",
        ["ValidationRule"] = "校验规则",
        ["DataPeriodLock"] = "报告期锁定",
        ["Indicator"] = "指标",
        ["IndicatorTarget"] = "指标目标值",
        ["Bulletin"] = "督查通报",
        ["RankingSchemeVersion"] = "考核方案版本",
        ["RankingWeight"] = "考核指标权重",
        ["RankingAdjustment"] = "加减分",
    };

    public static string EntityName(string entity) => Entities.GetValueOrDefault(entity, entity);

    /// <summary>Fields not shown: keys, ordering and bookkeeping that mean nothing to a reader.</summary>
    public static readonly IReadOnlySet<string> Hidden = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "version", "ordinal", "sourceStart", "sourceEnd", "storedName", "sha256", "live", "supersedesId", "level", "escalationKey",
    };

    /// <summary>The Chinese name of every field the trail records (camelCase, as stored).</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title"] = "名称", ["year"] = "年度", ["issuer"] = "发文单位", ["status"] = "状态", ["sourceText"] = "原文", ["sourceFileName"] = "原文件",
        ["orgUnitId"] = "单位", ["createdById"] = "创建人", ["createdAt"] = "创建时间", ["publishedAt"] = "发布时间", ["publishedById"] = "发布人",
        ["planId"] = "计划", ["parentId"] = "上级", ["number"] = "编号", ["text"] = "内容", ["category"] = "类别",
        ["leadDepartmentId"] = "牵头处室", ["leaderUserId"] = "包保领导", ["escalatedAt"] = "升级至包保领导时间", ["startDate"] = "开始日期", ["dueDate"] = "完成时限", ["weight"] = "权重",
        ["progress"] = "进度", ["closure"] = "办结状态", ["completionSummary"] = "办结说明", ["completionRequestedAt"] = "申请办结时间",
        ["closedAt"] = "办结时间", ["closedById"] = "办结人", ["taskId"] = "任务", ["role"] = "角色", ["date"] = "日期", ["done"] = "已完成",
        ["subject"] = "目标对象", ["comparator"] = "比较", ["value"] = "数值", ["upper"] = "上限", ["unit"] = "计量单位", ["placeholder"] = "待填写",
        ["baseline"] = "基线", ["parentTargetId"] = "所属上级目标", ["actual"] = "实际值", ["indicatorId"] = "指标", ["targetId"] = "目标", ["period"] = "月份",
        ["narrative"] = "进展情况", ["late"] = "迟报", ["submittedById"] = "报送人", ["submittedAt"] = "报送时间", ["reviewedById"] = "审核人",
        ["reviewedAt"] = "审核时间", ["reviewComment"] = "审核意见", ["reportId"] = "进展反馈", ["fileName"] = "文件名", ["contentType"] = "文件类型",
        ["size"] = "大小（字节）", ["uploadedById"] = "上传人", ["uploadedAt"] = "上传时间", ["code"] = "代码", ["name"] = "名称", ["kind"] = "类型",
        ["sortOrder"] = "排序", ["userName"] = "用户名", ["displayName"] = "姓名", ["disabled"] = "停用", ["file"] = "文件",
        ["yearSource"] = "年份来源", ["numerator"] = "分子", ["denominator"] = "分母（基数）", ["dueByHand"] = "手工设定时限",
        ["isBreakdown"] = "分解到学校", ["isGroup"] = "分组",
        ["email"] = "邮箱", ["emailEnabled"] = "接收邮件", ["weComWebhook"] = "企业微信机器人", ["dingTalkWebhook"] = "钉钉机器人",
        ["dingTalkSecret"] = "钉钉加签密钥", ["address"] = "接收地址", ["attempts"] = "尝试次数", ["channel"] = "渠道", ["key"] = "幂等键",
        ["lastError"] = "最近的错误", ["link"] = "链接", ["lockOwner"] = "认领者", ["lockedAt"] = "认领时间", ["nextAttemptAt"] = "下次尝试",
        ["sentAt"] = "发送时间",
        ["sequence"] = "督办序号", ["reason"] = "督办事由", ["issuedById"] = "督办人", ["issuerUnitId"] = "督办单位", ["issuedAt"] = "督办时间",
        ["respondBy"] = "办理时限", ["response"] = "办理情况", ["answeredById"] = "反馈人", ["answeredAt"] = "反馈时间", ["returnComment"] = "退回原因",
        ["topic"] = "督导专项", ["endDate"] = "结束日期", ["summary"] = "督导概况", ["inspectorUnitId"] = "督导单位", ["inspectionId"] = "专项督导",
        ["description"] = "问题描述", ["severity"] = "严重程度", ["requirement"] = "整改要求", ["deadline"] = "整改时限", ["rectification"] = "整改情况",
        ["findingId"] = "整改问题",
        ["noticeId"] = "督办单",
        ["valueType"] = "数值类型", ["aggregation"] = "汇总方式", ["options"] = "分类选项", ["periodType"] = "报告期类型", ["unitKind"] = "填报单位类型",
        ["rootUnitId"] = "填报范围", ["dueWorkingDays"] = "报送时限（工作日）", ["dueTime"] = "报送截止时间", ["allowZeroReport"] = "允许零报告",
        ["dataSetId"] = "数据集", ["dataElementId"] = "数据元素", ["option"] = "分类", ["numeric"] = "数值", ["updatedById"] = "填报人",
        ["updatedAt"] = "填报时间", ["isZeroReport"] = "零报告（无情况）", ["isLate"] = "迟报",
        ["factor"] = "系数", ["lockAfterDays"] = "截止后自动锁定天数", ["left"] = "左侧表达式", ["right"] = "右侧表达式", ["operator"] = "比较符",
        ["message"] = "提示语", ["locked"] = "已锁定", ["changedById"] = "操作人", ["changedAt"] = "操作时间",
        ["overview"] = "总体情况", ["document"] = "印发的文件", ["problems"] = "存在问题", ["requirements"] = "下一步要求",
        ["schemeId"] = "考核方案", ["schemeVersionId"] = "考核方案版本", ["criterionKey"] = "考核指标", ["points"] = "加减分值",
        ["basis"] = "加减分理由", ["proposedById"] = "提出人", ["proposedAt"] = "提出时间",
        ["entity"] = "对象", ["entityId"] = "对象编号", ["from"] = "起", ["to"] = "止", ["userId"] = "用户", ["action"] = "操作",
    };

    private static readonly HashSet<string> UnitFields = ["orgUnitId", "leadDepartmentId", "issuerUnitId", "inspectorUnitId", "rootUnitId"];
    private static readonly HashSet<string> UserFields = ["createdById", "publishedById", "leaderUserId", "closedById", "submittedById",
        "reviewedById", "proposedById", "uploadedById", "userId", "issuedById", "answeredById", "updatedById"];

    /// <summary>Reads entries, looking up every unit, person, plan, task and target they name in a few queries.</summary>
    public async Task<List<Reading>> ReadAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        var parsed = entries.Select(e => (Entry: e, Before: Values(e.Before), After: Values(e.After))).ToList();
        var names = new Names();
        foreach (var (entry, before, after) in parsed)
        {
            if (entry.UserId is { } user) names.Want("User", user);
            if (Id(entry.EntityId) is { } id) names.Want(entry.Entity, id);
            names.WantAll(before.Concat(after));
        }
        await names.LoadAsync(db, ct, await reference.GetAsync(db, ct));
        return parsed.Select(p => Read(p.Entry, p.Before, p.After, names)).ToList();
    }

    /// <summary>The Chinese name of a stored field (its own name when none is known).</summary>
    public static string FieldName(string field) => Fields.GetValueOrDefault(field, field);

    private static Reading Read(AuditEntry entry, Dictionary<string, string> before, Dictionary<string, string> after, Names names)
    {
        var who = entry.UserId is { } user && names.Of("User", user) is { } person ? person
            : entry.UserName is { Length: > 0 } n ? n
            : entry.Action == "signInFailed" && after.GetValueOrDefault("userName") is { Length: > 0 } typed ? typed : "（系统）";
        var record = EntityName(entry.Entity);
        if (Id(entry.EntityId) is { } id) record += names.Of(entry.Entity, id) is { } title ? $"“{title}”" : $" #{id}";
        var changes = new List<Change>();
        foreach (var field in before.Keys.Union(after.Keys).Where(f => !Hidden.Contains(f)))
        {
            var b = names.Show(entry.Entity, field, before.GetValueOrDefault(field));
            var a = names.Show(entry.Entity, field, after.GetValueOrDefault(field));
            if (entry.Action == "update" ? a != b : (a.Length > 0 || b.Length > 0))
                changes.Add(new(FieldName(field), entry.Action == "create" ? "" : b, a));
        }
        return new(entry, who, ActionName(entry.Action), record, changes);
    }

    /// <summary>A stored value as the pages show it: Chinese for statuses and kinds, names for ids, dates as offices write them.</summary>
    private static string Show(string entity, string field, string? value, Names names)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (KindOf(field) is { } kind && Id(value) is { } id) return names.Of(kind, id) ?? $"#{id}";
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && value.Contains('.', StringComparison.Ordinal))
            return number.ToString("0.####", CultureInfo.InvariantCulture);
        if (value is "True" or "true") return "是";
        if (value is "False" or "false") return "否";
        var chinese = field switch
        {
            "category" when Enum.TryParse<TaskCategory>(value, out var c) => c.ToChinese(),
            // A status is read as the kind of record it belongs to: 督办单 and 整改问题 share words such as Open with other records.
            "status" when entity == "Notice" && Enum.TryParse<NoticeStatus>(value, out var n) => n.ToChinese(),
            "status" when entity == "Finding" && Enum.TryParse<FindingStatus>(value, out var f) => f.ToChinese(),
            "kind" when entity == "Notice" && Enum.TryParse<NoticeKind>(value, out var nk) => nk.ToChinese(),
            "status" when Enum.TryParse<PlanStatus>(value, out var s) => s.ToChinese(),
            "status" when Enum.TryParse<ReportStatus>(value, out var r) => r.ToChinese(),
            "closure" when Enum.TryParse<TaskClosure>(value, out var t) => t switch
            {
                TaskClosure.Open => "进行中",
                TaskClosure.CompletionRequested => "已申请办结",
                TaskClosure.Done => "已办结",
                TaskClosure.Cancelled => "已取消",
                _ => value,
            },
            "role" when Enum.TryParse<Role>(value, out var role) => role.ToChinese(),
            "role" when Enum.TryParse<TaskUnitRole>(value, out var unitRole) => unitRole switch
            {
                TaskUnitRole.Responsible => "责任单位",
                TaskUnitRole.Overseer => "分解单位",
                _ => "配合处室",
            },
            "kind" when Enum.TryParse<OrgUnitKind>(value, out var k) => k.ToChinese(),
            "comparator" when Enum.TryParse<Comparator>(value, out var cmp) => cmp.ToChinese(),
            "severity" when entity == "ValidationRule" => value == nameof(Domain.Data.RuleSeverity.Error) ? "错误（拒绝保存）" : "警告（保存并提示）",
            "operator" when Enum.TryParse<Domain.Data.RuleOperator>(value, out var op) => Domain.Data.RuleOperators.Symbol(op),
            "severity" when Enum.TryParse<FindingSeverity>(value, out var severity) => FindingWords.ToChinese(severity),
            "yearSource" => value switch
            {
                PlanYearSources.Title => "标题",
                PlanYearSources.Text => "正文中的日期",
                PlanYearSources.Today => "文中无年份，按当年",
                PlanYearSources.Changed => "核对时修改",
                _ => null,
            },
            _ => null,
        };
        if (chinese is not null) return chinese;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return $"{d.Year}年{d.Month}月{d.Day}日";
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t2)
            && value.Contains('T', StringComparison.Ordinal))
            return ChinaClock.ToChina(t2).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
        return value.Length > 200 ? value[..200] + "…" : value;
    }

    /// <summary>What kind of record a field names by its id, if any.</summary>
    private static string? KindOf(string field) =>
        UnitFields.Contains(field) ? "OrgUnit" : UserFields.Contains(field) ? "User" : field switch
        {
            "planId" => "Plan",
            "taskId" or "parentId" => "PlanTask",
            "targetId" or "parentTargetId" => "Target",
            "inspectionId" => "Inspection",
            "findingId" => "Finding",
            "noticeId" => "Notice",
            _ => null,
        };

    private static int? Id(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>A stored JSON object as field → text; a value that is not an object (an old or odd entry) as one field.</summary>
    public static Dictionary<string, string> Values(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return values;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return values;
            foreach (var p in document.RootElement.EnumerateObject())
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => p.Value.GetString() ?? "",
                    _ => p.Value.GetRawText(),
                };
        }
        catch (JsonException)
        {
            values["text"] = json;
        }
        return values;
    }

    private sealed record Named(int Id, string Name);

    /// <summary>The names of the records entries mention, loaded together; and values shown with them.</summary>
    public sealed class Names
    {
        /// <summary>Asks for the names of every record the values name (units, people, plans, tasks, targets).</summary>
        public void WantAll(IEnumerable<KeyValuePair<string, string>> values)
        {
            foreach (var (field, value) in values)
                if (Id(value) is { } v) Want(KindOf(field), v);
        }

        /// <summary>A stored value as the pages show it (empty when there is none).</summary>
        public string Show(string entity, string field, string? value) => AuditReader.Show(entity, field, value, this);

        /// <summary>A value of a field whose meaning does not depend on the record (units, dates, the ledger's own statuses).</summary>
        public string Show(string field, string? value) => AuditReader.Show("", field, value, this);

        private readonly Dictionary<string, HashSet<int>> wanted = [];
        private readonly Dictionary<(string, int), string> found = [];

        public void Want(string? kind, int id)
        {
            if (kind is null) return;
            if (!wanted.TryGetValue(kind, out var ids)) wanted[kind] = ids = [];
            ids.Add(id);
        }

        public string? Of(string kind, int id) => found.GetValueOrDefault((kind, id));

        /// <summary>Loads the names asked for; units and people come from <paramref name="known"/> (kept in memory) when given.</summary>
        public async Task LoadAsync(LuoshiDb db, CancellationToken ct, Caching.ReferenceSnapshot? known = null)
        {
            foreach (var (kind, set) in wanted)
            {
                var ids = set.ToList();
                if (known is not null && kind is "OrgUnit" or "User")
                {
                    foreach (var id in ids)
                        if ((kind == "OrgUnit" ? known.UnitName(id) : known.PersonName(id)) is { } name) found[(kind, id)] = name;
                    continue;
                }
                var rows = kind switch
                {
                    "OrgUnit" => await db.OrgUnits.Where(u => ids.Contains(u.Id)).Select(u => new Named(u.Id, u.Name)).ToListAsync(ct),
                    "User" => await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new Named(u.Id, u.DisplayName)).ToListAsync(ct),
                    "Plan" => await db.Plans.Where(p => ids.Contains(p.Id)).Select(p => new Named(p.Id, p.Title)).ToListAsync(ct),
                    "PlanTask" => await db.Tasks.Where(t => ids.Contains(t.Id)).Select(t => new Named(t.Id, t.Title)).ToListAsync(ct),
                    "Target" => await db.Targets.Where(g => ids.Contains(g.Id)).Select(g => new Named(g.Id, g.Subject)).ToListAsync(ct),
                    "Inspection" => await db.Inspections.Where(i => ids.Contains(i.Id)).Select(i => new Named(i.Id, i.Title)).ToListAsync(ct),
                    "Finding" => await db.Findings.Where(f => ids.Contains(f.Id)).Select(f => new Named(f.Id, f.Description)).ToListAsync(ct),
                    // A 督办单 is named by its number (督办〔2026〕第12号), as the notices page and the .docx name it.
                    "Notice" => (await db.Notices.Where(n => ids.Contains(n.Id)).Select(n => new { n.Id, n.Year, n.Sequence }).ToListAsync(ct))
                        .Select(n => new Named(n.Id, Domain.Supervision.Notice.NumberOf(n.Year, n.Sequence))).ToList(),
                    "ProgressReport" => await db.Reports.Where(r => ids.Contains(r.Id))
                        .Join(db.OrgUnits, r => r.OrgUnitId, u => u.Id, (r, u) => new Named(r.Id, u.Name + " " + r.Period + " 进展")).ToListAsync(ct),
                    _ => new List<Named>(),
                };
                foreach (var row in rows) found[(kind, row.Id)] = row.Name;
            }
        }
    }
}
