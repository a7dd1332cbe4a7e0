using Luoshi.Parsing.Tests.Scoring;

namespace Luoshi.Parsing.Tests;

/// <summary>
/// Parses the corpus plans and scores them against the gold with the rules of score_plan.py (<see cref="PlanScorer"/>):
/// the eleven of tests/Data/corpus (a copy of ../shared/corpus) must meet the thresholds; the twenty-six of
/// tests/Data/corpus-more must not fall below the figures the parser reached when they were added.
/// </summary>
public class CorpusTests
{
    internal static readonly string? Corpus = Beside("corpus");

    private static readonly string? CorpusMore = Beside("corpus-more");

    /// <summary>The build puts tests/Data/corpus and tests/Data/corpus-more beside the test binaries.</summary>
    private static string? Beside(string folder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, folder);
        return Directory.Exists(path) ? path : null;
    }

    [Fact]
    public void Corpus_scores_meet_the_thresholds()
    {
        Assert.True(Corpus is not null, "the corpus (tests/Data/corpus) was not copied beside the test binaries");
        var s = PlanScorer.Score(Corpus!);
        // Issue 11: every figure 1.00 except kind (>= 0.95) and subject (>= 0.90: the subject rules read the words around the
        // figure too, such as a set or event the sentence opens on, the fund the sentence before names, a list before 平均为).
        // Comparator and outline to 1.00 when a sentence calling its figures the minimum made them floors and a run spelling
        // out a quoted set (“三个转变”：一是…) stopped making items.
        Assert.Equal(11, s.Plans);
        Assert.True(s.QuantityF1 == 1, $"quantity F1: {s}");
        Assert.True(s.Kind >= 0.97, $"kind: {s}");
        Assert.True(s.Comparator == 1, $"comparator: {s}");
        Assert.True(s.Subject >= 0.90, $"subject: {s}");
        Assert.True(s.OutlineF1 == 1, $"outline F1: {s}");
        Assert.True(s.Level == 1, $"level: {s}");
        Assert.True(s.ResponsibleF1 == 1, $"responsible F1: {s}");
        Assert.True(s.DeadlineF1 == 1, $"deadline F1: {s}");
        Assert.True(s.Titles == 1, $"titles: {s}");
        Assert.True(s.Years == 1, $"years: {s}");
    }

    /// <summary>
    /// Floors: the figures at the commit that set them, rounded down to 0.01, so that they can only go up. Set when the
    /// parser's rules and the table reader came together: quantity, title, year and subject rose; kind fell (0.97 to
    /// 0.80: blank figures in the review part of review-plus-plan documents are now read as targets). Raised when the subject
    /// and kind rules grew (subject 0.69 to 0.74; kind 0.80 to 0.94: 成绩亮点 headings open a review). Raised again when an
    /// expectation (有望…) became other and honours lists named their awarding body (kind 0.94 to 0.96, subject 0.74 to 0.75).
    /// Reset when plans 320–322 joined (a 2005 opinion with 2007/2010 targets, a news report, a PDF-extracted review) and the
    /// figure and subject rules grew: quantity F1 0.94 to 0.95, subject 0.75 to 0.86 (on the first fourteen: F1 0.98, subject
    /// 0.83, kind 0.98); kind 0.96 to 0.90, outline 0.97 to 0.96, titles and years fell with the new plans (320's year is read
    /// as 2010, so its 2007 targets read as achievements; 322's year comes from the site's upload date).
    /// Titles and years to 1.00 when a notice gave the document it publishes as the title and a speech the year it deploys;
    /// quantity F1 0.94 to 0.93 with plan 330, whose 八项改革 closing a list still counts as a figure. Together (18 plans):
    /// quantity F1 0.949, kind 0.905, titles 0.94 and years 0.89 (320's year is still read as 2010 and its title missed,
    /// 322's year still comes from the site's upload date), outline 0.964, subject 0.865.
    /// Raised when figures split from their units by PDF line breaks were rejoined (and PDF prose was no longer taken for a
    /// menu), 320's title and year came from its law-database record, 322's from its title (a year spaced from 年), 330's
    /// 八项改革 and 301's (3篇) stopped counting, blank ratios were read and shortfalls became other: quantity F1 0.949 to
    /// 1.00, kind 0.905 to 1.00, titles 0.94 and years 0.89 to 1.00, subject 0.865 to 0.883; outline stays 0.964.
    /// Reset when plans 340–347 joined (issue 11's third pass: a prefecture's plan with units, a speech, a progress table whose
    /// header ran together, two documents on one line, a notice broken over lines). At first sight, before any rule changed,
    /// the eight scored quantity F1 0.986, kind 0.486, comparator 0.971, outline 0.810, level 0.882, titles 0.62, years 1.00,
    /// responsible 1.00 (two units), subject 0.792. Then glued 一、/（一） markers, the title before the first item on its
    /// line, a header row not a title and 《…》已经…同意，现印发给你们 (26 plans): quantity F1 0.959, kind 0.849, comparator
    /// 0.992, outline 0.973, level 1.00, titles 0.96, years 0.92, subject 0.843. Then a law database's fields after the title,
    /// the issue date of a document whose title names no year, years read through a PDF's spaces and a sub-item glued to its
    /// line's heading: kind 0.908 (320's 2007 targets are targets again), outline 0.984, titles and years 1.00; 320's
    /// `2007年,…` targets now carry the deadline 2007, as the shared corpus's 206 has it. Kind 0.933 when a sentence that
    /// turns to the year past (应该讲，过去一年…，…92%) reported results. Outline 1.00 when a document-sharing site's numbered
    /// notices (1、下载文档前请自行甄别…) were no longer items (308).
    /// Both passes merged (26 plans): quantity F1 0.996, kind 0.944, comparator 0.992, subject 0.858, every other figure 1.00.
    /// Reset when plans 350–356 joined (issue 11's fourth pass: a review cut off mid-page, a spam mirror with pinyin glosses
    /// and a summary line, a list of 为民办实事, a speech in traditional script with spaced thousands, a progress page printed
    /// twice, a synonym-spun news item, a conference news item). At first sight, before any rule changed, the seven scored
    /// quantity F1 0.760, kind 0.783, comparator 1.00, outline 0.894, titles 0.14, years 1.00, subject 0.672. Then a clause
    /// opening on a year before the plan's, 截至/目前, 已… and a heading that reports gains made results; spaced thousands,
    /// units in brackets, 亿人民币, 批次/只 and 二元结构 were read; a page's summary line, its second copy, reading glosses
    /// and casino brands became noise; 实事 pages, conferences named before 召开 or in traditional script and a headline with
    /// a year gave titles (33 plans): quantity F1 0.992, kind 0.984, comparator 0.995, outline 1.00, titles 0.97 (355's
    /// headline broken over three lines was still read as its first line), subject 0.83, every other figure 1.00. Then a
    /// figure for each period (每月平均两次, 每天运动1小时) and a headline broken into exclamations (its figures the title's):
    /// quantity F1 0.997, kind 0.995, comparator 0.995, subject 0.83, every other figure 1.00. Plans 357–359 then joined,
    /// scored at first sight with those rules in (quantity F1 0.941, kind 1.00, comparator 0.875, outline 0.952, level 0.20,
    /// titles 0.67, subject 0.907); with a title glued to a bracketed first item (…工作计划(一)…), 保持在…以上 and
    /// 每个乡镇都有一所 (36 plans): quantity F1 0.997, kind 0.995, comparator 0.995, subject 0.83, every other figure 1.00;
    /// subject 0.835 when an age bracket (3～6周岁幼儿) stayed in the subject.
    /// Plans 370–371 then joined (two task-division documents of provinces not yet in: Chongqing's district report tables,
    /// Heilongjiang's 任务分工 with its notice), scored at first sight before any rule changed for them (quantity F1 1.00,
    /// kind 1.00, outline 1.00, titles 0.50, years 0.50, responsible 0.870, deadline 0.00, subject 0.978). With a task cell
    /// over two lines, dates inside 《…》 no time limit, 新/增加 kept before the noun, stages of work reached and sums spent
    /// on work named, a look-back carried over ；-lines, 92.六亿元 read, a breakdown by place after 其中 and a bare 总投资 after a
    /// count named (38 plans): quantity F1, kind, comparator, outline, level, responsible and deadline 1.00, subject 0.881
    /// (350–359 alone 0.865, from 0.747); titles and years 0.97 (370's title is its first table's heading, not the notice; 371
    /// is for its issue year 2011, not the 2020 of the plan's span in its title).
    /// Plans 360–367 joined at the same time (another session), scored at first sight (quantity F1 0.974, kind 0.737, outline
    /// 0.714, titles 0.62, years 0.75, subject 0.760; none names a unit); with a page line between title and subtitle, a
    /// model-text site's lead, notices in traditional script, the year of a document number, section labels run on into
    /// their text, 一是 glued to its heading and ㈠ markers (46 plans, both sets of rules): quantity F1 0.998, kind 0.991
    /// (364's 每名…联系1-2所 read as a target), comparator, outline, level, responsible and deadline 1.00, titles and years
    /// 0.98 (370 and 371 as above), subject 0.871.
    /// </summary>
    [Fact]
    public void More_real_plans_score_at_least_their_floors()
    {
        Assert.True(CorpusMore is not null, "tests/Data/corpus-more was not copied beside the test binaries");
        var s = PlanScorer.Score(CorpusMore!);
        Assert.Equal(46, s.Plans);
        Assert.True(s.QuantityF1 >= 0.99, $"quantity F1: {s}");
        Assert.True(s.Kind >= 0.99, $"kind: {s}");
        Assert.True(s.Comparator >= 1.00, $"comparator: {s}");
        Assert.True(s.OutlineF1 >= 1.00, $"outline F1: {s}");
        Assert.True(s.Level >= 1.00, $"level: {s}");
        Assert.True(s.Titles >= 0.97, $"titles: {s}");
        Assert.True(s.Years >= 0.97, $"years: {s}");
        Assert.True(s.ResponsibleF1 >= 1.00, $"responsible F1: {s}");
        Assert.True(s.DeadlineF1 >= 1.00, $"deadline F1: {s}");
        Assert.True(s.Subject >= 0.86, $"subject: {s}");
    }
}
