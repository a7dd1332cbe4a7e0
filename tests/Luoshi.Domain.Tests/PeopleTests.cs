using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;

namespace Luoshi.Domain.Tests;

public sealed class PeopleTests
{
    [Theory]
    [InlineData("short1A!", "密码至少需要 10 个字符")]
    [InlineData("alllowercaseletters", "至少三类")]
    [InlineData("Zhangsan-2026", "不能包含用户名")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string reason)
    {
        Assert.Contains(PasswordPolicy.Check(password, "zhangsan"), p => p.ToChinese().Contains(reason));
    }

    [Fact]
    public void A_strong_password_passes_and_generated_ones_always_do()
    {
        Assert.Empty(PasswordPolicy.Check("Jiangzhou-2026!", "admin"));
        for (var i = 0; i < 200; i++)
            Assert.Empty(PasswordPolicy.Check(PasswordPolicy.Generate(), "admin"));
    }

    [Theory]
    [InlineData(Role.District, OrgUnitKind.District, true)]
    [InlineData(Role.District, OrgUnitKind.School, false)]
    [InlineData(Role.School, OrgUnitKind.School, true)]
    [InlineData(Role.Department, OrgUnitKind.Department, true)]
    [InlineData(Role.Leader, OrgUnitKind.Bureau, true)]
    [InlineData(Role.Leader, OrgUnitKind.District, false)]
    public void Roles_belong_to_units_of_a_fitting_kind(Role role, OrgUnitKind kind, bool fits) =>
        Assert.Equal(fits, role.FitsUnit(kind));

    [Theory]
    [InlineData("区县教育局", Role.District)]
    [InlineData("督导", Role.Supervisor)]
    [InlineData("ADMIN", Role.Admin)]
    [InlineData("幼儿园", Role.School)]
    public void Roles_are_read_from_codes_and_Chinese_names(string text, Role expected)
    {
        Assert.True(Roles.TryParse(text, out var role));
        Assert.Equal(expected, role);
    }

    [Fact]
    public void Only_the_city_overseers_see_everything()
    {
        Assert.Equal([Role.Admin, Role.Leader, Role.Supervisor], Roles.All.Where(r => r.SeesEverything()));
    }

    [Theory]
    [InlineData(OrgUnitKind.Bureau, OrgUnitKind.District, true)]
    [InlineData(OrgUnitKind.District, OrgUnitKind.School, true)]
    [InlineData(OrgUnitKind.School, OrgUnitKind.School, false)]
    [InlineData(OrgUnitKind.Department, OrgUnitKind.School, false)]
    public void The_hierarchy_allows_only_sensible_nesting(OrgUnitKind parent, OrgUnitKind child, bool allowed) =>
        Assert.Equal(allowed, parent.MayContain(child));
}
