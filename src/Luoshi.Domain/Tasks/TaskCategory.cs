namespace Luoshi.Domain.Tasks;

/// <summary>The fixed list of work areas a task belongs to.</summary>
public enum TaskCategory
{
    PartyBuilding,
    MoralEducation,
    Preschool,
    Compulsory,
    HighSchool,
    Vocational,
    SpecialEducation,
    PrivateAndTutoring,
    Teachers,
    HealthArtsLabour,
    Safety,
    Informatization,
    Reform,
    Inspection,
    PublicService,
    Other,
}

/// <summary>Chinese names of the categories, and the suggestion of a category from a task's text.</summary>
public static class TaskCategories
{
    private static readonly (TaskCategory Category, string Name, string[] Words)[] Table =
    [
        (TaskCategory.PartyBuilding, "党的建设", ["党建", "党的建设", "党组织", "党员", "党风廉政", "全面从严治党", "意识形态", "支部", "党史", "廉洁", "纪律"]),
        (TaskCategory.MoralEducation, "思政德育", ["思政", "德育", "思想政治", "立德树人", "心理健康", "家庭教育", "家校", "理想信念", "文明校园"]),
        (TaskCategory.Preschool, "学前教育", ["学前", "幼儿园", "幼儿", "托育", "普惠"]),
        (TaskCategory.Compulsory, "义务教育", ["义务教育", "小学", "初中", "均衡", "控辍保学", "大班额", "学区", "集团化", "随迁子女", "课后服务"]),
        (TaskCategory.HighSchool, "普通高中", ["高中", "高考", "选课走班", "新高考", "普高"]),
        (TaskCategory.Vocational, "职业教育", ["职业教育", "职教", "中职", "高职", "产教融合", "职普", "技能", "实训", "校企合作", "现代学徒"]),
        (TaskCategory.SpecialEducation, "特殊教育", ["特殊教育", "特教", "残疾", "融合教育", "送教上门"]),
        (TaskCategory.PrivateAndTutoring, "民办教育与校外培训", ["民办", "校外培训", "培训机构", "双减", "有偿补课", "学科类培训"]),
        (TaskCategory.Teachers, "教师队伍", ["教师", "师德", "校长", "名师", "班主任", "师资", "职称", "交流轮岗", "培训者"]),
        (TaskCategory.HealthArtsLabour, "体卫艺劳", ["体育", "卫生", "美育", "艺术", "劳动教育", "近视", "体质", "健康", "营养", "足球"]),
        (TaskCategory.Safety, "安全稳定", ["安全", "稳定", "防溺水", "消防", "食品安全", "校园欺凌", "信访", "应急", "平安校园", "疫情"]),
        (TaskCategory.Informatization, "教育信息化", ["信息化", "智慧", "数字", "网络", "互联网", "大数据", "人工智能", "平台", "教育装备"]),
        (TaskCategory.Reform, "综合改革", ["改革", "评价", "考试招生", "放管服", "依法治教", "法治", "章程", "现代学校制度"]),
        (TaskCategory.Inspection, "督导评估", ["督导", "督查", "评估", "考核", "督学", "监测"]),
        (TaskCategory.PublicService, "民生服务", ["资助", "民生", "招生入学", "学位", "建设项目", "新建", "改扩建", "校舍", "经费", "营养餐", "服务"]),
        (TaskCategory.Other, "其他", []),
    ];

    public static IReadOnlyList<TaskCategory> All { get; } = Table.Select(t => t.Category).ToArray();

    public static string ToChinese(this TaskCategory category) => Table.First(t => t.Category == category).Name;

    public static string ToCode(this TaskCategory category) => category.ToChinese();

    public static bool TryParse(string? text, out TaskCategory category)
    {
        foreach (var t in Table)
        {
            if (string.Equals(t.Name, text?.Trim(), StringComparison.Ordinal) ||
                string.Equals(t.Category.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = t.Category;
                return true;
            }
        }
        category = TaskCategory.Other;
        return false;
    }

    /// <summary>The category whose words the title (counted double) and the text mention most; 其他 when none.</summary>
    public static TaskCategory Suggest(string title, string? text)
    {
        var best = TaskCategory.Other;
        var bestScore = 0;
        foreach (var (category, _, words) in Table)
        {
            var score = 0;
            foreach (var word in words)
            {
                if (title.Contains(word, StringComparison.Ordinal)) score += 2;
                if (text is not null && text.Contains(word, StringComparison.Ordinal)) score += 1;
            }
            if (score > bestScore)
            {
                best = category;
                bestScore = score;
            }
        }
        return best;
    }
}
