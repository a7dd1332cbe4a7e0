using Luoshi.Domain.People;

namespace Luoshi.Application.Access;

/// <summary>Who is asking: the signed-in user's id, role and org unit, as the access rules need them.</summary>
public sealed record Caller(int UserId, Role Role, int OrgUnitId)
{
    public bool SeesEverything => Role.SeesEverything();

    /// <summary>May create, edit and publish plans (drafting the ledger).</summary>
    public bool DraftsPlans => Role.DraftsPlans();

    /// <summary>Runs the whole ledger (supervisors and administrators).</summary>
    public bool RunsLedger => Role.RunsLedger();

    /// <summary>Approves or refuses closing tasks, and reopens them (supervisors, leaders and administrators).</summary>
    public bool DecidesCompletion => Role.DecidesCompletion();
}
