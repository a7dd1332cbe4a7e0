using System.Text.RegularExpressions;
using Luoshi.Web.Localization;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>
/// English is a switch for every page: each Chinese word a page or page model shows through <c>T[…]</c> or <c>T.Format(…)</c>
/// has its English in <see cref="English"/>, so a user who switched to English never meets a Chinese label, button or heading.
/// </summary>
public sealed partial class EnglishTextTests
{
    [Fact]
    public void Every_word_a_page_shows_has_an_English_translation()
    {
        var web = Path.Combine(Repository.Root, "src", "Luoshi.Web");
        var missing = Directory.EnumerateFiles(Path.Combine(web, "Pages"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cshtml.cs", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.TopDirectoryOnly))
            .SelectMany(file => Words().Matches(File.ReadAllText(file))
                .Select(m => (File: Path.GetRelativePath(web, file), Word: Regex.Unescape(m.Groups["word"].Value))))
            .Where(w => HanCharacter().IsMatch(w.Word) && !English.Words.ContainsKey(w.Word))
            .Select(w => $"{w.File}: {w.Word}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "words without English (add them to src/Luoshi.Web/Localization/English*.cs):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_English_switch_shows_the_translation_and_Chinese_stays_the_default()
    {
        var text = new UiText();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = UiText.EnglishCulture;
            Assert.Equal("Supervision notices", text["督办单"]);
            Assert.Equal("Showing the latest 3 of 9", text.Format("只显示最近的 {0} 条，共 {1} 条", 3, 9));
            System.Globalization.CultureInfo.CurrentUICulture = UiText.Chinese;
            Assert.Equal("督办单", text["督办单"]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [GeneratedRegex("""\bT(?:\[\s*|\.Format\(\s*)"(?<word>(?:[^"\\]|\\.)*)"\s*[\],)]""")]
    private static partial Regex Words();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}
