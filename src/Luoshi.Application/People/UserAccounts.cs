using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.People;

/// <summary>Creating users, checking passwords and the first administrator: the rules around accounts in one place.</summary>
public sealed class UserAccounts(LuoshiDb db, UserSessions? sessions = null, IPasswordHasher<User>? hasher = null)
{
    private static readonly PasswordHasher<User> Hasher = new();

    private readonly UserSessions sessions = sessions ?? new UserSessions(db, new SessionCache());
    private readonly IPasswordHasher<User> hasher = hasher ?? Hasher;

    public const string BureauCode = "BUREAU";

    public const int MaxDisplayNameLength = 100;

    /// <summary>The outcome of creating or changing an account: the user, or the reasons in Chinese.</summary>
    public sealed record Result(User? User, IReadOnlyList<Problem> Problems)
    {
        public bool Succeeded => User is not null && Problems.Count == 0;
    }

    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    public static IReadOnlyList<Problem> CheckUserName(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName)) return [UserProblems.UserNameEmpty];
        var name = userName.Trim();
        if (name.Length is < 2 or > 64) return [UserProblems.UserNameLength];
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            return [UserProblems.UserNameChars];
        return [];
    }

    public async Task<Result> CreateAsync(string userName, string? displayName, Role role, int orgUnitId, string password,
        CancellationToken ct = default)
    {
        var problems = new List<Problem>(CheckUserName(userName));
        if (string.IsNullOrWhiteSpace(displayName)) problems.Add(UserProblems.DisplayNameEmpty);
        problems.AddRange(PasswordPolicy.Check(password, userName));
        var unit = await db.OrgUnits.FindAsync([orgUnitId], ct);
        if (unit is null)
            problems.Add(UserProblems.UnitMissing);
        else if (!role.FitsUnit(unit.Kind))
            problems.Add(UserProblems.RoleDoesNotFit.With(role.ToChinese(), unit.Kind.ToChinese(), unit.Name));
        var normalized = Normalize(userName ?? "");
        if (problems.Count == 0 && await db.Users.AnyAsync(u => u.UserName == normalized, ct))
            problems.Add(UserProblems.UserNameTaken.With(normalized));
        if (problems.Count > 0) return new(null, problems);

        var user = New(normalized, displayName, role, orgUnitId, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return new(user, []);
    }

    /// <summary>Changes a user's name, role, unit, state or password; a new password, a new role or unit, or a disabled account ends their
    /// sessions.</summary>
    public async Task<Result> UpdateAsync(User user, string? displayName, Role role, int orgUnitId, bool disabled, string? newPassword,
        CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(displayName)) problems.Add(UserProblems.DisplayNameEmpty);
        else if (displayName.Trim().Length > MaxDisplayNameLength) problems.Add(UserProblems.DisplayNameTooLong.With(MaxDisplayNameLength));
        var unit = await db.OrgUnits.FindAsync([orgUnitId], ct);
        if (unit is null) problems.Add(UserProblems.UnitMissing);
        else if (!role.FitsUnit(unit.Kind)) problems.Add(UserProblems.RoleDoesNotFit.With(role.ToChinese(), unit.Kind.ToChinese(), unit.Name));
        if (!string.IsNullOrEmpty(newPassword)) problems.AddRange(PasswordPolicy.Check(newPassword, user.UserName));
        if (user.Role == Role.Admin && (role != Role.Admin || disabled)
            && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == Role.Admin && !u.Disabled, ct))
            problems.Add(UserProblems.LastAdmin);
        if (problems.Count > 0) return new(null, problems);

        var ending = disabled && !user.Disabled ? SessionEndings.Disabled
            : !string.IsNullOrEmpty(newPassword) ? SessionEndings.PasswordChanged
            : role != user.Role || orgUnitId != user.OrgUnitId ? SessionEndings.RoleChanged
            : null;
        user.DisplayName = displayName!.Trim();
        user.Role = role;
        user.OrgUnitId = orgUnitId;
        user.Disabled = disabled;
        if (!string.IsNullOrEmpty(newPassword)) SetPassword(user, newPassword);
        user.Version++;
        var ended = ending is null ? [] : await sessions.MarkAllEndedAsync(user.Id, ending, ct);
        // A change of the same account since it was read (its version moved) keeps nothing and says so.
        if (await db.SaveOrStaleAsync(UserProblems.Stale, ct) is { } stale) return new(null, [stale]);
        sessions.Forget(ended);
        return new(user, []);
    }

    /// <summary>A new user entity with its password hashed; the caller adds and saves it.</summary>
    public static User New(string userName, string? displayName, Role role, int orgUnitId, string password)
    {
        var user = new User
        {
            UserName = Normalize(userName),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? Normalize(userName) : displayName.Trim(),
            Role = role,
            OrgUnitId = orgUnitId,
            CreatedAt = DateTime.UtcNow,
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        return user;
    }

    /// <summary>Sets the password hash; <see cref="UpdateAsync"/> is the way that also ends the user's sessions.</summary>
    public static void SetPassword(User user, string password) => user.PasswordHash = Hasher.HashPassword(user, password);

    /// <summary>
    /// The user with this name and password, or null; disabled users never sign in. Every answer costs one password
    /// hash check (an unknown name is checked against a dummy hash), so response times do not tell which names exist
    /// or which accounts are disabled.
    /// </summary>
    public async Task<User?> VerifyAsync(string? userName, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return null;
        var normalized = Normalize(userName);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == normalized, ct);
        var outcome = user is null
            ? hasher.VerifyHashedPassword(Dummy, DummyHash, password)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user is null || user.Disabled || outcome == PasswordVerificationResult.Failed) return null;
        if (outcome == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }
        return user;
    }

    private static readonly User Dummy = new() { UserName = "-", DisplayName = "-" };
    private static readonly string DummyHash = Hasher.HashPassword(Dummy, "not-a-password-0");

    /// <summary>
    /// On an empty database: the city bureau unit and an <c>admin</c> account with a random password,
    /// returned so the caller can print it once. Null when users already exist.
    /// </summary>
    public async Task<string?> EnsureFirstAdminAsync(string bureauName = "市教育局", CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct)) return null;
        var bureau = await db.OrgUnits.FirstOrDefaultAsync(u => u.Kind == OrgUnitKind.Bureau && u.ParentId == null, ct);
        if (bureau is null)
        {
            bureau = new OrgUnit { Code = BureauCode, Name = bureauName, Kind = OrgUnitKind.Bureau };
            db.OrgUnits.Add(bureau);
            await db.SaveChangesAsync(ct);
        }
        var password = PasswordPolicy.Generate();
        db.Users.Add(New("admin", "系统管理员", Role.Admin, bureau.Id, password));
        await db.SaveChangesAsync(ct);
        return password;
    }
}
