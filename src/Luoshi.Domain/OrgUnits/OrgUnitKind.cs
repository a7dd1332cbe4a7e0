namespace Luoshi.Domain.OrgUnits;

/// <summary>What an org unit is; the API writes these as <c>bureau</c>, <c>department</c>, <c>district</c>, <c>school</c>.</summary>
public enum OrgUnitKind
{
    Bureau,
    Department,
    District,
    School,
}

/// <summary>Names and codes of org unit kinds as users and the API see them.</summary>
public static class OrgUnitKinds
{
    public static string ToCode(this OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Bureau => "bureau",
        OrgUnitKind.Department => "department",
        OrgUnitKind.District => "district",
        _ => "school",
    };

    public static string ToChinese(this OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Bureau => "教育局",
        OrgUnitKind.Department => "处室",
        OrgUnitKind.District => "区县教育局",
        _ => "学校",
    };

    /// <summary>Reads a kind from its code or its Chinese name (as typed in an import spreadsheet).</summary>
    public static bool TryParse(string? text, out OrgUnitKind kind)
    {
        kind = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "bureau" or "教育局" or "市教育局": kind = OrgUnitKind.Bureau; return true;
            case "department" or "处室" or "科室": kind = OrgUnitKind.Department; return true;
            case "district" or "区县" or "区县教育局": kind = OrgUnitKind.District; return true;
            case "school" or "学校" or "幼儿园" or "学校/幼儿园": kind = OrgUnitKind.School; return true;
            default: return false;
        }
    }

    /// <summary>Which kinds of unit may sit directly under a unit of the given kind.</summary>
    public static bool MayContain(this OrgUnitKind parent, OrgUnitKind child) => (parent, child) switch
    {
        (OrgUnitKind.Bureau, OrgUnitKind.Department or OrgUnitKind.District or OrgUnitKind.School) => true,
        (OrgUnitKind.District, OrgUnitKind.School or OrgUnitKind.Department) => true,
        _ => false,
    };
}
