using System.Globalization;
using System.Text;
using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Tests.Specs;

/// <summary>
/// Runs the specs in Specs/*.md, written in the style of markdig's spec.md: each example is a fenced block opened by
/// <c>```````````````````````````````` example VIEW</c> that holds a plan text, a line with a single <c>.</c>, and what the
/// parse shows in VIEW. A <c>→</c> in an example's input stands for a tab. One test case per example, named by file and number.
/// </summary>
public class SpecRunner
{
    private const string Fence = "````````````````````````````````";

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(SpecDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            for (var n = 1; n <= Read(file).Count; n++)
            {
                data.Add(Path.GetFileName(file), n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example(string file, int number)
    {
        var example = Read(Path.Combine(SpecDirectory, file))[number - 1];
        var actual = SpecViews.Render(example.View, PlanParser.Parse(example.Input));
        Assert.True(example.Expected == actual, $"{file} example {number} (line {example.Line}), view {example.View}\n"
            + $"--- input\n{example.Input}\n--- expected\n{example.Expected}\n--- actual\n{actual}");
    }

    internal sealed record SpecExample(string View, string Input, string Expected, int Line);

    private static string SpecDirectory => Path.Combine(AppContext.BaseDirectory, "Specs");

    internal static List<SpecExample> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var examples = new List<SpecExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Fence + " example", StringComparison.Ordinal))
            {
                continue;
            }

            var view = lines[i][(Fence.Length + " example".Length)..].Trim();
            var start = i;
            var input = new List<string>();
            var expected = new List<string>();
            var target = input;
            for (i++; i < lines.Length && lines[i] != Fence; i++)
            {
                if (lines[i] == "." && target == input)
                {
                    target = expected;
                    continue;
                }

                target.Add(target == input ? lines[i].Replace('→', '\t') : lines[i]);
            }

            examples.Add(new SpecExample(view, string.Join("\n", input), string.Join("\n", expected), start + 1));
        }

        return examples;
    }
}

/// <summary>What a spec example shows of a parse: one line per item or per quantity, in a few views.</summary>
internal static class SpecViews
{
    public static string Render(string view, PlanDocument doc)
    {
        var sb = new StringBuilder();
        switch (view)
        {
            case "outline":
                foreach (var item in doc.Items)
                {
                    sb.Append(' ', (item.Level - 1) * 2).Append(item.Marker).Append(' ').Append(item.Heading).Append('\n');
                }

                break;
            case "framing":
                sb.Append("title: ").Append(doc.Title ?? "null").Append('\n')
                    .Append("year: ").Append(doc.Year?.ToString(CultureInfo.InvariantCulture) ?? "null").Append('\n');
                break;
            case "issuer":
                sb.Append("issuer: ").Append(doc.Issuer ?? "null").Append('\n');
                break;
            case "responsible":
                foreach (var item in doc.Items)
                {
                    var units = item.Responsible.Count > 0 ? " " + string.Join("、", item.Responsible) : string.Empty;
                    sb.Append(item.Marker).Append(" →").Append(units).Append('\n');
                }

                break;
            case "deadlines":
                foreach (var item in doc.Items)
                {
                    sb.Append(item.Marker).Append(" → ").Append(item.Deadline?.ToString() ?? "null").Append('\n');
                }

                break;
            default:
                foreach (var q in doc.AllQuantities)
                {
                    sb.Append(Figure(q)).Append(' ').Append(q.Unit).Append(' ').Append(view switch
                    {
                        "kinds" => Kind(q.Kind),
                        "subjects" => q.Subject,
                        "texts" => "«" + q.Text + "»",
                        _ => Cmp(q.Comparator),
                    }).Append('\n');
                }

                break;
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static string Figure(Quantity q)
    {
        static string N(decimal? d) => d is null ? "?" : d.Value.ToString("0.##########", CultureInfo.InvariantCulture);
        var v = q.Placeholder ? "XX" : N(q.Value);
        if (q.Upper is not null)
        {
            v += "~" + N(q.Upper);
        }
        else if (q.Placeholder && q.Comparator == Comparator.Range)
        {
            v += "~XX";
        }

        return q.Denominator is null ? v : v + "/" + N(q.Denominator);
    }

    private static string Cmp(Comparator c) => c switch
    {
        Comparator.AtLeast => ">=",
        Comparator.AtMost => "<=",
        Comparator.Range => "range",
        _ => "=",
    };

    private static string Kind(QuantityKind k) => k switch
    {
        QuantityKind.Target => "target",
        QuantityKind.Achievement => "achievement",
        _ => "other",
    };
}
