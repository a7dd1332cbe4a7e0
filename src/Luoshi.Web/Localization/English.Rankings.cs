namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>The ranking's 考核方案 and 加分/减分 pages, and the ranking table's 加减分 column.</summary>
    private static Dictionary<string, string> RankingPages() => new()
    {
        // 考核方案
        ["考核方案与权重"] = "Schemes and weights",
        ["考核方案"] = "Assessment schemes",
        ["返回月度排名"] = "Back to the ranking",
        ["每类单位的各项权重之和应为 100；留空的指标不计入，整列留空的单位类别保持原有权重（新建的方案则不排该类单位）。保存后成为新版本，此后的排名使用新版本，旧版本保留。"] =
            "Each kind of unit's weights must sum to 100; a blank criterion is left out, and a kind left wholly blank keeps its weights (a new scheme does not rank it). Saving makes a new version, which ranks from then on; earlier versions are kept.",
        ["新建考核方案"] = "New scheme",
        ["考核指标"] = "Criterion",
        ["新建"] = "Create",
        ["保存为新版本"] = "Save as a new version",

        // 加分/减分
        ["加分/减分"] = "Bonus and penalty points",
        ["加减分"] = "Bonus / penalty",
        ["得分为各项指标得分之和加上经审核通过的加减分。"] = "The score is the sum of the criteria's points plus the approved bonus and penalty points.",
        ["加减分由督查督导或管理员提出并写明理由，经提出人以外的督查督导或管理员审核通过后计入该单位当月得分；每条不超过"] =
            "A supervisor or administrator proposes bonus or penalty points with the reason; they count in the unit's score for the month once another supervisor or administrator approves them. Each is at most",
        ["分（加分为正数，减分为负数）。"] = "points (a bonus is positive, a penalty negative).",
        ["提出加减分"] = "Propose points",
        ["请选择"] = "Choose",
        ["分值"] = "Points",
        ["理由"] = "Reason",
        ["提出"] = "Propose",
        ["提出人"] = "Proposed by",
        ["审核人"] = "Reviewed by",
        ["通过"] = "Approve",
        ["驳回"] = "Reject",
        ["待他人审核"] = "Awaiting another reviewer",
        ["暂无加减分"] = "No bonus or penalty points",
        ["待审核"] = "Proposed",
        ["已通过"] = "Approved",
        ["已驳回"] = "Rejected",
    };
}
