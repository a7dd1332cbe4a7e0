using Luoshi.Domain.People;

namespace Luoshi.Application.Access;

/// <summary>Who is asking: the signed-in user's id, role and org unit, as the access rules need them.</summary>
public sealed record Caller(int UserId, Role Role, int OrgUnitId)
{
    public bool SeesEverything => Role.SeesEverything();

    /// <summary>May create, edit and publish plans (drafting the ledger).</summary>
    public bool DraftsPlans => Role is Role.Admin or Role.Supervisor or Role.Department;
}
