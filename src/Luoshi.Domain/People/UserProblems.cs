using Luoshi.Domain.Problems;

namespace Luoshi.Domain.People;

/// <summary>Every refusal about an account and its password, worded once in Chinese and English.</summary>
public static class UserProblems
{
    private static readonly ProblemCatalog Catalog = new("user");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该用户", "No such user");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale",
        "该记录在您读取之后已被他人修改，请刷新查看最新内容后再提交", "Someone changed the account after you read it; reload and try again");
    public static readonly ProblemType UserNameEmpty = Catalog.Invalid("username-empty", "用户名不能为空", "The user name cannot be empty");
    public static readonly ProblemType UserNameLength = Catalog.Invalid("username-length", "用户名长度应为 2–64 个字符", "A user name has 2–64 characters");
    public static readonly ProblemType UserNameChars = Catalog.Invalid("username-chars", "用户名只能包含英文字母、数字、点、下划线和连字符",
        "A user name may hold only letters, digits, dots, underscores and hyphens");
    public static readonly ProblemType UserNameTaken = Catalog.Invalid("username-taken", "用户名“{0}”已被使用", "The user name “{0}” is taken");
    public static readonly ProblemType DisplayNameEmpty = Catalog.Invalid("display-name-empty", "姓名不能为空", "The name cannot be empty");
    public static readonly ProblemType DisplayNameTooLong = Catalog.Invalid("display-name-too-long", "姓名不能超过 {0} 个字符",
        "The name cannot be longer than {0} characters");
    public static readonly ProblemType RoleInvalid = Catalog.Invalid("role-invalid",
        "角色“{0}”无效，应为 局领导、督查督导、处室、区县、学校、系统管理员之一（或 leader/supervisor/department/district/school/admin）",
        "“{0}” is not a role; use admin/leader/supervisor/department/district/school");
    public static readonly ProblemType RoleMissing = Catalog.Invalid("role-missing", "请选择角色", "Choose a role");
    public static readonly ProblemType UnitMissing = Catalog.Invalid("unit-missing", "所属单位不存在", "The unit does not exist");
    public static readonly ProblemType RoleDoesNotFit = Catalog.Invalid("role-does-not-fit", "角色“{0}”不能属于{1}“{2}”",
        "The role “{0}” cannot belong to the {1} “{2}”");
    public static readonly ProblemType RoleDoesNotFitKind = Catalog.Invalid("role-does-not-fit-kind", "角色“{0}”不能属于{1}",
        "The role “{0}” cannot belong to a {1}");
    public static readonly ProblemType UserNameTakenOrTwice = Catalog.Invalid("username-taken-or-twice", "用户名“{0}”已存在或在表中重复",
        "The user name “{0}” exists or appears twice in the sheet");
    public static readonly ProblemType LastAdmin = Catalog.Of(ProblemKind.Conflict, "last-admin", "这是最后一个可用的管理员账号，不能停用或改为其他角色",
        "This is the last active administrator; it cannot be disabled or given another role");
    public static readonly ProblemType PasswordEmpty = Catalog.Invalid("password-empty", "密码不能为空", "The password cannot be empty");
    public static readonly ProblemType PasswordShort = Catalog.Invalid("password-short", "密码至少需要 {0} 个字符",
        "A password needs at least {0} characters");
    public static readonly ProblemType PasswordLong = Catalog.Invalid("password-long", "密码不能超过 {0} 个字符",
        "A password cannot be longer than {0} characters");
    public static readonly ProblemType PasswordClasses = Catalog.Invalid("password-classes", "密码需包含大写字母、小写字母、数字、符号中的至少三类",
        "A password needs three of: capital letters, small letters, digits, symbols");
    public static readonly ProblemType PasswordHasUserName = Catalog.Invalid("password-has-username", "密码不能包含用户名",
        "A password cannot contain the user name");
}
