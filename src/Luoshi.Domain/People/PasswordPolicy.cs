namespace Luoshi.Domain.People;

/// <summary>The rules a new password must meet, with the reasons in Chinese.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;

    /// <summary>Returns the problems with the password; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string? password, string? userName = null)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add("密码不能为空");
            return problems;
        }
        if (password.Length < MinimumLength)
            problems.Add($"密码至少需要 {MinimumLength} 个字符");
        if (password.Length > 128)
            problems.Add("密码不能超过 128 个字符");
        var classes = 0;
        if (password.Any(char.IsAsciiLetterLower)) classes++;
        if (password.Any(char.IsAsciiLetterUpper)) classes++;
        if (password.Any(char.IsAsciiDigit)) classes++;
        if (password.Any(c => !char.IsAsciiLetterOrDigit(c))) classes++;
        if (classes < 3)
            problems.Add("密码需包含大写字母、小写字母、数字、符号中的至少三类");
        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            problems.Add("密码不能包含用户名");
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
