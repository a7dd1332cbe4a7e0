using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Luoshi.Parsing.Tests.Scoring;

/// <summary>The counts of <see cref="PlanScorer"/> over a set of plans, and the figures score_plan.py prints from them.</summary>
internal sealed class PlanScores
{
    public int Plans { get; private set; }

    public int QuantityGold { get; private set; }

    public int QuantityPredicted { get; private set; }

    public int QuantityHits { get; private set; }

    public double QuantityF1 => F1(QuantityHits, QuantityGold, QuantityPredicted);

    public double Kind => Share(kindAgree, QuantityHits);

    public double Comparator => Share(comparatorAgree, QuantityHits);

    public double Subject => Share(subjectOverlap, QuantityHits);

    public double OutlineF1 => F1(outlineHits, outlineGold, outlinePredicted);

    public double Level => Share(levelAgree, outlineHits);

    public double Titles => (double)titles / Math.Max(Plans, 1);

    public double Years => (double)years / Math.Max(Plans, 1);

    public double ResponsibleF1 => F1(responsible.Hits, responsible.Gold, responsible.Predicted);

    public double DeadlineF1 => F1(deadlines.Hits, deadlines.Gold, deadlines.Predicted);

    private int kindAgree;
    private int comparatorAgree;
    private double subjectOverlap;
    private int outlineGold;
    private int outlinePredicted;
    private int outlineHits;
    private int levelAgree;
    private int titles;
    private int years;
    private Bag responsible;
    private Bag deadlines;

    public void Add(JsonElement gold, JsonElement pred)
    {
        Plans++;
        AddQuantities(AllQuantities(gold), AllQuantities(pred));
        var go = Outline(gold);
        var po = Outline(pred);
        outlineGold += go.Count;
        outlinePredicted += po.Count;
        foreach (var (a, b) in Lcs(go, po))
        {
            outlineHits++;
            levelAgree += a.Level == b.Level ? 1 : 0;
        }

        titles += PlanScorer.TitleOk(PlanScorer.Str(gold, "title"), PlanScorer.Str(pred, "title")) ? 1 : 0;
        years += gold.GetProperty("year").ToString() == pred.GetProperty("year").ToString() ? 1 : 0;
        responsible = responsible.Add(Field(gold, "responsible"), Field(pred, "responsible"));
        deadlines = deadlines.Add(Field(gold, "deadline"), Field(pred, "deadline"));
    }

    /// <summary>The summary line of score_plan.py, for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"plans={Plans} quantityF1={QuantityF1:0.000} kind={Kind:0.000} comparator={Comparator:0.000} outlineF1={OutlineF1:0.000} " +
        $"level={Level:0.000} title={Titles:0.00} year={Years:0.00} responsibleF1={ResponsibleF1:0.000} deadlineF1={DeadlineF1:0.000} subject={Subject:0.000}");

    private void AddQuantities(List<JsonElement> gold, List<JsonElement> pred)
    {
        QuantityGold += gold.Count;
        QuantityPredicted += pred.Count;
        var free = pred.ToList();
        foreach (var g in gold)
        {
            var key = PlanScorer.QuantityKey(g);
            var candidates = free.Where(p => PlanScorer.QuantityKey(p) == key).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var text = PlanScorer.Str(g, "text");
            var best = candidates[0];
            foreach (var c in candidates.Skip(1))
            {
                if (PlanScorer.Overlap(text, PlanScorer.Str(c, "text")) > PlanScorer.Overlap(text, PlanScorer.Str(best, "text")))
                {
                    best = c;
                }
            }

            free.Remove(best);
            QuantityHits++;
            kindAgree += PlanScorer.Str(best, "kind") == PlanScorer.Str(g, "kind") ? 1 : 0;
            comparatorAgree += PlanScorer.Str(best, "comparator") == PlanScorer.Str(g, "comparator") ? 1 : 0;
            var subject = PlanScorer.Str(g, "subject");
            subjectOverlap += string.IsNullOrEmpty(subject) ? 1 : PlanScorer.Overlap(subject, PlanScorer.Str(best, "subject"));
        }
    }

    private static double F1(int hit, int gold, int pred)
    {
        var p = pred == 0 ? (gold == 0 ? 1 : 0) : (double)hit / pred;
        var r = gold == 0 ? 1 : (double)hit / gold;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static double Share(double part, int whole) => part / Math.Max(whole, 1);

    private static IEnumerable<JsonElement> Items(JsonElement doc) =>
        doc.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];

    private static List<JsonElement> AllQuantities(JsonElement doc) =>
        (doc.TryGetProperty("quantities", out var top) && top.ValueKind == JsonValueKind.Array ? top.EnumerateArray() : [])
            .Concat(Items(doc).SelectMany(i => i.GetProperty("quantities").EnumerateArray())).ToList();

    /// <summary>The values of one item field over all items (a list field contributes each entry), normalised as score_plan.py's bag.</summary>
    private static List<string> Field(JsonElement doc, string field)
    {
        var values = new List<string>();
        foreach (var item in Items(doc))
        {
            if (!item.TryGetProperty(field, out var v))
            {
                continue;
            }

            if (v.ValueKind == JsonValueKind.Array)
            {
                values.AddRange(v.EnumerateArray().Select(x => x.GetString()).Where(x => !string.IsNullOrEmpty(x)).Select(PlanScorer.NormText));
            }
            else if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
            {
                values.Add(s);
            }
        }

        return values;
    }

    private sealed record OutlineKey(string Marker, string Head, int Level);

    private static List<OutlineKey> Outline(JsonElement doc) =>
        Items(doc).Select(i =>
        {
            var head = PlanScorer.NormText(PlanScorer.Str(i, "heading"));
            return new OutlineKey(
                (PlanScorer.Str(i, "marker") ?? string.Empty).Normalize(NormalizationForm.FormKC).Replace(" ", string.Empty, StringComparison.Ordinal).Trim(),
                head.Length > 6 ? head[..6] : head,
                i.GetProperty("level").GetInt32());
        }).ToList();

    private static List<(OutlineKey Gold, OutlineKey Pred)> Lcs(List<OutlineKey> a, List<OutlineKey> b)
    {
        static bool Same(OutlineKey x, OutlineKey y) => x.Marker == y.Marker && x.Head == y.Head;
        var dp = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                dp[i, j] = Same(a[i], b[j]) ? dp[i + 1, j + 1] + 1 : Math.Max(dp[i + 1, j], dp[i, j + 1]);
            }
        }

        var pairs = new List<(OutlineKey, OutlineKey)>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (Same(a[x], b[y]))
            {
                pairs.Add((a[x++], b[y++]));
            }
            else if (dp[x + 1, y] >= dp[x, y + 1])
            {
                x++;
            }
            else
            {
                y++;
            }
        }

        return pairs;
    }

    /// <summary>Gold and predicted values of one field; a hit takes one predicted value out for each gold value it equals.</summary>
    private readonly record struct Bag(int Gold, int Predicted, int Hits)
    {
        public Bag Add(List<string> gold, List<string> pred)
        {
            var free = pred.ToList();
            var hits = gold.Count(free.Remove);
            return new Bag(Gold + gold.Count, Predicted + pred.Count, Hits + hits);
        }
    }
}
