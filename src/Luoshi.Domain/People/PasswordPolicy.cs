namespace Luoshi.Domain.People;

/// <summary>The rules a new password must meet, with the reasons as typed problems.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;

    /// <summary>Returns the problems with the password; empty when it is acceptable.</summary>
    public static IReadOnlyList<Problems.Problem> Check(string? password, string? userName = null)
    {
        var problems = new List<Problems.Problem>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add(UserProblems.PasswordEmpty);
            return problems;
        }
        if (password.Length < MinimumLength)
            problems.Add(UserProblems.PasswordShort.With(MinimumLength));
        if (password.Length > MaximumLength)
            problems.Add(UserProblems.PasswordLong.With(MaximumLength));
        var classes = 0;
        if (password.Any(char.IsAsciiLetterLower)) classes++;
        if (password.Any(char.IsAsciiLetterUpper)) classes++;
        if (password.Any(char.IsAsciiDigit)) classes++;
        if (password.Any(c => !char.IsAsciiLetterOrDigit(c))) classes++;
        if (classes < 3)
            problems.Add(UserProblems.PasswordClasses);
        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            problems.Add(UserProblems.PasswordHasUserName);
        return problems;
    }

    /// <summary>A random password that meets the policy, for first sign-in accounts.</summary>
    public static string Generate()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_!@#%";
        static int rng(int n) => System.Security.Cryptography.RandomNumberGenerator.GetInt32(n);
        var chars = new List<char> { upper[rng(upper.Length)], digits[rng(digits.Length)], symbols[rng(symbols.Length)] };
        var all = lower + upper + digits;
        while (chars.Count < 14) chars.Add(all[rng(all.Length)]);
        return new string(chars.OrderBy(_ => rng(1000)).ToArray());
    }
}
