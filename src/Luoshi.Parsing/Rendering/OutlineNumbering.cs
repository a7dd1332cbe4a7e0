using System.Globalization;

namespace Luoshi.Parsing.Rendering;

/// <summary>
/// The ledger's numbering of an outline, as Chinese official documents number their levels: 一 for the first level,
/// （一） for the second, 1. for the third, （1） for the fourth and ① below. Each item is numbered by its place among
/// its parent's children, so the ledger, the parse output and the Word table number alike.
/// </summary>
public static class OutlineNumbering
{
    /// <summary>The number of the <paramref name="index"/>-th (from 1) item at outline <paramref name="depth"/> (from 1).</summary>
    public static string Label(int depth, int index) => depth switch
    {
        <= 1 => Chinese(index),
        2 => $"（{Chinese(index)}）",
        3 => index.ToString(CultureInfo.InvariantCulture) + ".",
        4 => $"（{index.ToString(CultureInfo.InvariantCulture)}）",
        _ => index is >= 1 and <= 20 ? ((char)('①' + index - 1)).ToString() : $"({index.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <summary>Numbers the items of an outline, given in document order with their parents.</summary>
    public static Dictionary<TKey, string> Assign<TKey>(IEnumerable<(TKey Id, TKey? Parent)> items) where TKey : struct
    {
        var labels = new Dictionary<TKey, string>();
        var depths = new Dictionary<TKey, int>();
        var children = new Dictionary<TKey, int>();
        var roots = 0;
        foreach (var (id, parent) in items)
        {
            int depth, index;
            if (parent is { } p && depths.TryGetValue(p, out var parentDepth))
            {
                depth = parentDepth + 1;
                index = children[p] = children.GetValueOrDefault(p) + 1;
            }
            else
            {
                depth = 1;
                index = ++roots;
            }
            depths[id] = depth;
            labels[id] = Label(depth, index);
        }
        return labels;
    }

    /// <summary>A Chinese numeral for 1–99 (一, 十, 十一, 二十三); larger numbers in digits.</summary>
    public static string Chinese(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        var tens = n / 10 == 1 ? "十" : digits[n / 10] + "十";
        return n % 10 == 0 ? tens : tens + digits[n % 10];
    }
}
