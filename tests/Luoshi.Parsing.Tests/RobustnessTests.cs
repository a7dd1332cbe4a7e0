using System.Text;
using FsCheck;
using FsCheck.Xunit;

namespace Luoshi.Parsing.Tests;

/// <summary>The parser never throws and never hangs: random and mutated text, random bytes as files, huge and hostile inputs.</summary>
public class RobustnessTests
{
    private const string Alphabet = "一二三四五六七八九十两百千万亿是要第、，。；：（）()“”《》0123456789.．:%％~～-—XX×年月日底前所个人项次期名元学分以上下内达到不低于超过XX县\n \t附件阶段会议指出";

    private static readonly string Sample = """
        2024年临江市教育工作要点
        一、加强党的建设（责任科室：组干科、机关党委）
        （一）创建30所党建示范校，覆盖率达到95%以上。到2024年9月完成。
        1.新增学位1.2万个；2.职普比不低于4:6；3.引进1~2所高职院校。
        重点做好三项工作：一是加强师德；二是年底前完成XX所改造；三是开展一次培训。
        """;

    /// <summary>
    /// Inputs on which a runaway (quadratic or exponential) parser would never come back: the test asserts what the parse
    /// returns, not how long it took, so a runaway shows as a test that does not end (<c>dotnet test --blame-hang-timeout 30m</c>
    /// names it) rather than as a time limit that a busy machine could miss. Speeds belong in <c>./luoshi bench</c>.
    /// </summary>
    private static void DoesNotHang(Action parse) => parse();

    [Property(MaxTest = 300)]
    public void Never_throws_on_any_string(string? text)
    {
        var doc = PlanParser.Parse(text ?? string.Empty);
        Assert.All(doc.Items, i => Assert.InRange(i.Level, 1, 13));
    }

    [Property(MaxTest = 300)]
    public void Never_throws_on_text_made_of_the_characters_the_scanners_dispatch_on(int seed, PositiveInt length)
    {
        var random = new Random(seed);
        var chars = new char[Math.Min(length.Get * 7, 4000)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        var doc = PlanParser.Parse(new string(chars));
        Assert.All(doc.Items, i => Assert.True(i.Parent is null || i.Parent < i.Id));
        Assert.All(doc.AllQuantities, q => Assert.True(q.Placeholder == (q.Value is null)));
    }

    [Property(MaxTest = 300)]
    public void Never_throws_on_mutated_plans(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Sample);
        for (var n = random.Next(1, 30); n > 0; n--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text.Remove(at, Math.Min(random.Next(1, 5), text.Length - at));
                    break;
                case 1:
                    text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    text[at] = (char)random.Next(0, 0xFFFF);
                    break;
            }
        }

        var json = Rendering.JsonPlanRenderer.Render(PlanParser.Parse(text.ToString()));
        Assert.NotEmpty(json);
    }

    [Property(MaxTest = 200)]
    public void Random_bytes_are_a_document_or_a_Chinese_error(byte[] bytes, bool asDocx)
    {
        try
        {
            PlanParser.Parse(bytes ?? [], asDocx ? "x.docx" : "x.html");
        }
        catch (PlanDocumentException e)
        {
            Assert.Matches("[\u4e00-\u9fff]", e.Message);
        }
    }

    [Fact]
    public void A_zip_that_is_not_a_docx_is_reported_in_Chinese()
    {
        var bytes = new byte[] { (byte)'P', (byte)'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8 };
        var e = Assert.Throws<PlanDocumentException>(() => PlanParser.Parse(bytes, "plan.docx"));
        Assert.Contains("不是有效的 .docx 文档", e.Message);
    }

    [Fact]
    public void Binary_bytes_as_text_are_reported_as_an_unknown_encoding()
    {
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i % 7)).ToArray();
        var e = Assert.Throws<PlanDocumentException>(() => PlanParser.Parse(bytes, "plan.txt"));
        Assert.Contains("编码", e.Message);
    }

    [Fact]
    public void A_10_MB_plan_parses_without_running_away()
    {
        var body = new StringBuilder();
        while (body.Length < 10_000_000)
        {
            body.Append(Sample);
        }

        var text = body.ToString();
        Luoshi.Parsing.Model.PlanDocument? doc = null;
        DoesNotHang(() => doc = PlanParser.Parse(text));
        Assert.True(doc!.Items.Count > 10_000);
    }

    [Theory]
    [InlineData("1.1.1.1.1.1.1.1.1.")]
    [InlineData("（（（（（（（（（一")]
    [InlineData("一是一是一是一是二是")]
    [InlineData("XXXXXXXXXX×××")]
    [InlineData("99999999999999999999")]
    [InlineData("1~1~1~1~1:1:1/1/")]
    [InlineData("““““““““““")]
    [InlineData("第第第第第一一一一")]
    [InlineData("。1。1。1。1。2")]
    public void A_very_long_hostile_line_finishes(string unit)
    {
        var line = string.Concat(Enumerable.Repeat(unit, 2_000_000 / unit.Length));
        DoesNotHang(() => PlanParser.Parse(line));
        DoesNotHang(() => PlanParser.Parse(string.Join('\n', Enumerable.Repeat(unit, 100_000))));
    }
}
