using System.Globalization;
using System.Net;
using System.Text;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>A draft keeps where each item was in the uploaded text and the deadline the parser read, and the review page shows that place.</summary>
public sealed partial class PlanPagesTests
{
    /// <summary>The [start, end) of each outline item on the review page, by task id.</summary>
    private static Dictionary<int, (int Start, int End)> Located(string html) =>
        LocatedItem().Matches(html).ToDictionary(
            m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            m => (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));

    private static Task<List<PlanTask>> TasksAsync(LuoshiFactory app, int planId) =>
        app.WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.Ordinal).ToListAsync());

    [Theory, Databases]
    public async Task An_uploaded_plan_keeps_each_item_s_place_in_its_text_and_its_deadline_as_a_date(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var marker = Marker();
        // Written on Windows: CR LF line breaks, indented lines, a phone number that clean-up cuts out of an item.
        var text = string.Join("\r\n",
            "江州市教育局2026年教育工作要点",
            "",
            "一、重点工作",
            $"  （一）改造薄弱学校{marker}。到2026年9月，全面完成改造。",
            "（二）完善招生方案。6月底前报送方案。",
            "（三）实现全面覆盖。2027年，实现全面覆盖。",
            "（四）加强安全教育。咨询电话：0575-85144291，开展安全演练。");
        var response = await UploadAsync(jichu, Encoding.UTF8.GetBytes(text), $"计划{marker}.txt");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString["/Plans/".Length..], CultureInfo.InvariantCulture);

        // The text is kept with \n line breaks, as the page shows it, and each task knows its place in it.
        var source = await app.WithDbAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.SourceText).FirstAsync());
        Assert.Equal(text.ReplaceLineEndings("\n"), source);
        var tasks = await TasksAsync(app, id);
        Assert.Equal(
            ["一、重点工作", $"（一）改造薄弱学校{marker}。到2026年9月，全面完成改造。", "（二）完善招生方案。6月底前报送方案。", "（三）实现全面覆盖。2027年，实现全面覆盖。", "（四）加强安全教育。咨询电话：0575-85144291，开展安全演练。"],
            tasks.Select(t => source[t.SourceStart!.Value..t.SourceEnd!.Value]));
        Assert.DoesNotContain("0575", tasks[4].Text, StringComparison.Ordinal);

        // Deadlines arrive as dates: a month ends on its last day, a year on 31 December; no deadline takes the parent's.
        Assert.Equal(
            [new DateOnly(2026, 12, 31), new DateOnly(2026, 9, 30), new DateOnly(2026, 6, 30), new DateOnly(2027, 12, 31), new DateOnly(2026, 12, 31)],
            tasks.Select(t => t.DueDate));

        // The page marks the same places.
        var located = Located(await jichu.GetStringAsync($"/Plans/{id}"));
        Assert.Equal(tasks.Select(t => (t.SourceStart!.Value, t.SourceEnd!.Value)), tasks.Select(t => located[t.Id]));
    }

    [Theory, Databases]
    public async Task The_source_beside_an_item_is_its_own_where_its_words_appear_twice_and_after_it_is_edited(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var marker = Marker();
        var words = $"加强教师培训{marker}。";
        // The words of both （一） items appear first in the text of 一、, then once under each heading.
        var text = $"江州市教育局2026年教育工作要点\n\n一、学前教育。全年{words}\n（一）{words}\n（二）扩大普惠资源。\n二、义务教育\n（一）{words}\n";
        var token = await TokenAsync(jichu, "/Plans/New");
        var created = await jichu.PostAsync("/Plans/New", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["text"] = text }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString["/Plans/".Length..], CultureInfo.InvariantCulture);
        var tasks = await TasksAsync(app, id);
        var twins = tasks.Where(t => t.Text == words).ToList();
        Assert.Equal(2, twins.Count);

        var located = Located(await jichu.GetStringAsync($"/Plans/{id}"));
        var first = text.IndexOf("（一）", StringComparison.Ordinal);
        var second = text.LastIndexOf("（一）", StringComparison.Ordinal);
        Assert.Equal((first, first + 3 + words.Length), located[twins[0].Id]);
        Assert.Equal((second, second + 3 + words.Length), located[twins[1].Id]);
        Assert.Equal("一、学前教育。全年" + words, text[located[tasks[0].Id].Start..located[tasks[0].Id].End]);

        // An item edited beyond recognition still shows where it came from.
        var saved = await PostFormAsync(jichu, $"/Plans/{id}", "EditTask", new()
        {
            ["taskId"] = S(twins[1].Id), ["version"] = S(twins[1].Version), ["title"] = "改写后的名称", ["text"] = "改写后的内容。",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((second, second + 3 + words.Length), Located(await jichu.GetStringAsync($"/Plans/{id}"))[twins[1].Id]);
    }
}
