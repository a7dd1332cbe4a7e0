using Luoshi.Domain.Problems;

namespace Luoshi.Domain.OrgUnits;

/// <summary>Every refusal about an org unit, worded once in Chinese and English.</summary>
public static class OrgUnitProblems
{
    private static readonly ProblemCatalog Catalog = new("unit");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该单位", "No such unit");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale",
        "该记录在您读取之后已被他人修改，请刷新查看最新内容后再提交", "Someone changed the unit after you read it; reload and try again");
    public static readonly ProblemType CodeEmpty = Catalog.Invalid("code-empty", "单位代码不能为空", "The unit code cannot be empty");
    public static readonly ProblemType CodeTooLong = Catalog.Invalid("code-too-long", "单位代码不能超过 {0} 个字符",
        "The unit code cannot be longer than {0} characters");
    public static readonly ProblemType CodeChars = Catalog.Invalid("code-chars", "单位代码“{0}”只能包含英文字母、数字、连字符、下划线和点",
        "The unit code “{0}” may hold only letters, digits, hyphens, underscores and dots");
    public static readonly ProblemType CodeTaken = Catalog.Invalid("code-taken", "单位代码“{0}”已被使用", "The unit code “{0}” is taken");
    public static readonly ProblemType LeaderInvalid = Catalog.Invalid("leader-invalid", "包保领导必须是未停用、角色为“局领导”的用户",
        "The leader in charge must be an active user with the bureau-leader role");
    public static readonly ProblemType NameEmpty = Catalog.Invalid("name-empty", "单位名称不能为空", "The unit name cannot be empty");
    public static readonly ProblemType NameTooLong = Catalog.Invalid("name-too-long", "单位名称不能超过 {0} 个字符",
        "The unit name cannot be longer than {0} characters");
    public static readonly ProblemType KindInvalid = Catalog.Invalid("kind-invalid", "单位类型“{0}”无效，应为 教育局、处室、区县、学校之一（或 bureau/department/district/school）",
        "“{0}” is not a unit kind; use bureau/department/district/school");
    public static readonly ProblemType ParentRequired = Catalog.Invalid("parent-required", "除教育局外，每个单位都必须有上级单位",
        "Every unit but the bureau needs a parent unit");
    public static readonly ProblemType ParentMissing = Catalog.Invalid("parent-missing", "上级单位不存在", "The parent unit does not exist");
    public static readonly ProblemType ParentCodeMissing = Catalog.Invalid("parent-code-missing", "上级代码“{0}”不存在（须已在系统中，或在本表前面的行中）",
        "The parent code “{0}” does not exist (it must be in the system or in an earlier row of the sheet)");
    public static readonly ProblemType KindNotUnder = Catalog.Invalid("kind-not-under", "{0}下不能设立{1}", "A {1} cannot be set up under a {0}");
    public static readonly ProblemType SecondBureau = Catalog.Invalid("second-bureau", "已有一个市教育局，不能再添加顶级单位",
        "There is a bureau already; no second top-level unit");
    public static readonly ProblemType UnderItself = Catalog.Invalid("under-itself", "不能把单位移到它自己或它的下级单位之下",
        "A unit cannot move under itself or one of its own units");
    public static readonly ProblemType CodeTwiceInSheet = Catalog.Invalid("code-twice-in-sheet", "代码“{0}”在表中重复",
        "The code “{0}” appears twice in the sheet");
    public static readonly ProblemType UnitCodeMissing = Catalog.Invalid("unit-code-missing", "单位代码“{0}”不存在", "The unit code “{0}” does not exist");
    public static readonly ProblemType KindLocked = Catalog.Invalid("kind-locked", "该单位已有用户，不能更改单位类型", "The unit has users; its kind cannot change");
}
