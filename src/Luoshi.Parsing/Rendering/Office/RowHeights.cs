namespace Luoshi.Parsing.Rendering.Office;

/// <summary>
/// How tall a row of wrapped text must be. LibreOffice does not grow rows to their wrapped text when it opens a file
/// (and Excel keeps a row's stored height), so a row without a height prints one line and cuts the rest off. The
/// rule: a column of width W holds about W units a line, a Chinese (full-width) character taking two units and any
/// other character one; each paragraph takes its units over that, rounded up, with a margin for words and
/// punctuation that may not start a line; the row is as tall as its tallest cell.
/// </summary>
public static class RowHeights
{
    /// <summary>Excel's largest row height, in points.</summary>
    public const double Max = 409;

    /// <summary>The height of one printed line of text at the given font size, in points (CJK fonts set lines wide).</summary>
    public static double LineHeight(double fontSize) => Math.Ceiling(fontSize * 1.45);

    /// <summary>The height of a row whose cells hold these texts under these column widths.</summary>
    public static double For(IReadOnlyList<string> texts, IReadOnlyList<double> widths, double fontSize)
    {
        var lines = 1;
        for (var i = 0; i < texts.Count && i < widths.Count; i++) lines = Math.Max(lines, Lines(texts[i], widths[i]));
        return Math.Min(Max, lines * LineHeight(fontSize) + 4);
    }

    /// <summary>The lines a text takes in a column of the given width.</summary>
    public static int Lines(string text, double width)
    {
        var perLine = Math.Max(2, width - 1);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var units = paragraph.TrimEnd('\r').Sum(Units);
            lines += Math.Max(1, (int)Math.Ceiling(units * 1.08 / perLine));
        }
        return lines;
    }

    /// <summary>The width of a character in units of a Latin digit: two for a full-width (Chinese) character.</summary>
    public static int Units(char c) => IsWide(c) ? 2 : 1;

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' or >= '\uD800' and <= '\uDBFF'
            or '\u2014' or '\u2026' or '\u201C' or '\u201D' or '\u2018' or '\u2019';
}
