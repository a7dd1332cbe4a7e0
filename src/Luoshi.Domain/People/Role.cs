namespace Luoshi.Domain.People;

/// <summary>What a user does in the bureau's work; decides what they may see and change.</summary>
public enum Role
{
    Admin,
    Leader,
    Supervisor,
    Department,
    District,
    School,
}

/// <summary>Names and codes of roles as users and the API see them.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Leader = "leader";
    public const string Supervisor = "supervisor";
    public const string Department = "department";
    public const string District = "district";
    public const string School = "school";

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static string ToCode(this Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Leader => Leader,
        Role.Supervisor => Supervisor,
        Role.Department => Department,
        Role.District => District,
        _ => School,
    };

    public static string ToChinese(this Role role) => role switch
    {
        Role.Admin => "系统管理员",
        Role.Leader => "局领导",
        Role.Supervisor => "督查督导",
        Role.Department => "处室",
        Role.District => "区县教育局",
        _ => "学校",
    };

    public static bool TryParse(string? text, out Role role)
    {
        role = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case Admin or "系统管理员" or "管理员": role = Role.Admin; return true;
            case Leader or "局领导" or "领导": role = Role.Leader; return true;
            case Supervisor or "督查督导" or "督查" or "督导": role = Role.Supervisor; return true;
            case Department or "处室": role = Role.Department; return true;
            case District or "区县" or "区县教育局": role = Role.District; return true;
            case School or "学校" or "幼儿园": role = Role.School; return true;
            default: return false;
        }
    }

    /// <summary>Roles that see the whole city's work regardless of their own unit.</summary>
    public static bool SeesEverything(this Role role) => role is Role.Admin or Role.Leader or Role.Supervisor;

    /// <summary>Runs the whole ledger: changes any task, adds tasks to a published plan, reviews and closes for any unit.</summary>
    public static bool RunsLedger(this Role role) => role is Role.Admin or Role.Supervisor;

    /// <summary>Creates, edits and publishes plans (drafting the ledger).</summary>
    public static bool DraftsPlans(this Role role) => role is Role.Admin or Role.Supervisor or Role.Department;

    /// <summary>Approves or refuses closing a task (办结), and reopens closed tasks.</summary>
    public static bool DecidesCompletion(this Role role) => role is Role.Admin or Role.Supervisor or Role.Leader;

    /// <summary>The kind of org unit a user of this role belongs to.</summary>
    public static bool FitsUnit(this Role role, OrgUnits.OrgUnitKind kind) => role switch
    {
        Role.Admin or Role.Leader or Role.Supervisor => kind is OrgUnits.OrgUnitKind.Bureau or OrgUnits.OrgUnitKind.Department,
        Role.Department => kind is OrgUnits.OrgUnitKind.Department,
        Role.District => kind is OrgUnits.OrgUnitKind.District,
        _ => kind is OrgUnits.OrgUnitKind.School,
    };
}
