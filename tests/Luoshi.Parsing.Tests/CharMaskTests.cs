using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Tests;

/// <summary>The character bitmap the scanners search with finds exactly what a plain search for the same characters finds.</summary>
public class CharMaskTests
{
    [Theory]
    [InlineData("一二三四五六七八九十百千两〇○。；：0１(（")]
    [InlineData("\0\uFFFF\u3220\u3229")] // the ends of the range and the ㈠–㈩ markers
    [InlineData("")]
    public void Finds_the_first_member_where_a_plain_search_does(string members)
    {
        var mask = new CharMask(members);
        foreach (var text in Texts)
        {
            for (var start = 0; start <= text.Length; start++)
            {
                var span = text.AsSpan(start);
                Assert.Equal(span.IndexOfAny(members), mask.IndexOfAny(span));
            }

            foreach (var c in text)
            {
                Assert.Equal(members.Contains(c, StringComparison.Ordinal), mask.Contains(c));
            }
        }
    }

    private static readonly string[] Texts =
    [
        "2023年全县教育工作要点：一、新建幼儿园6所；（二）改扩建学校３所。",
        "㈠全面推行科学精细管理㈩",
        "\0\uFFFF",
        "",
    ];
}
