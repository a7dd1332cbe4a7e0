using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Luoshi.Parsing.Reading;

/// <summary>
/// Reads a .docx as lines: paragraphs with the numbering Word renders (一、 （一） 1. ①…), tables as one line per row, the cells
/// separated by tabs (a cell spanning columns leaves empty cells in the columns it covers).
/// </summary>
public static class DocxTextExtractor
{
    /// <summary>Reads the text; the package is checked by <see cref="PackageGuard"/> first, so OpenXml never sees a hostile part.</summary>
    public static string Extract(byte[] content, CancellationToken ct = default)
    {
        PackageGuard.Check(content, ct);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new PlanDocumentException("文件不是有效的 .docx 文档（缺少正文部分）");
            var numbering = new NumberingRenderer(document.MainDocumentPart!);
            var sb = new StringBuilder();
            foreach (var element in body.ChildElements)
            {
                ct.ThrowIfCancellationRequested();
                switch (element)
                {
                    case Paragraph p:
                        AppendParagraph(p, numbering, sb);
                        break;
                    case Table t:
                        AppendTable(t, sb);
                        break;
                    case SdtBlock sdt:
                        foreach (var p in sdt.Descendants<Paragraph>())
                        {
                            AppendParagraph(p, numbering, sb);
                        }

                        break;
                }
            }

            return sb.ToString();
        }
        catch (PlanDocumentException)
        {
            throw;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException
            or InvalidOperationException or ArgumentException or NotSupportedException or System.Xml.XmlException or KeyNotFoundException
            or NullReferenceException or IndexOutOfRangeException or OverflowException)
        {
            throw new PlanDocumentException("文件不是有效的 .docx 文档", e);
        }
    }

    private static void AppendParagraph(Paragraph p, NumberingRenderer numbering, StringBuilder sb)
    {
        var label = numbering.Label(p);
        var text = ParagraphText(p);
        if (label.Length == 0 && text.Length == 0)
        {
            return;
        }

        sb.Append(label).Append(text).Append('\n');
    }

    private static string ParagraphText(OpenXmlElement p)
    {
        var sb = new StringBuilder();
        foreach (var node in p.Descendants())
        {
            switch (node)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t:
                    sb.Append(t.Text);
                    break;
                case TabChar:
                    sb.Append('\t');
                    break;
                case Break:
                case CarriageReturn:
                    sb.Append('\n');
                    break;
            }
        }

        return sb.ToString();
    }

    private static void AppendTable(Table table, StringBuilder sb)
    {
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<TableCell>())
            {
                cells.Add(string.Join(" ", cell.Elements<Paragraph>().Select(ParagraphText).Where(s => s.Length > 0)).Replace('\n', ' ').Trim());
                var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                for (var k = 1; k < Math.Min(span, 64); k++)
                {
                    cells.Add(string.Empty); // a cell spanning columns: the cells after it stay under their headers
                }
            }

            if (cells.Any(c => c.Length > 0))
            {
                sb.Append(string.Join('\t', cells)).Append('\n');
            }
        }
    }

    /// <summary>
    /// Counts list paragraphs the way Word shows them and renders their labels. Paragraphs of one abstract list
    /// (<c>w:abstractNum</c>) share their counters, whichever <c>w:num</c> they use and whatever stands between them (other
    /// paragraphs, tables, section breaks); a <c>w:num</c> whose <c>w:lvlOverride</c> has a <c>w:startOverride</c> restarts that
    /// level at its first paragraph (Word's 重新开始编号); a level restarts when a level above it is used, or, with
    /// <c>w:lvlRestart</c>, only when one at or above the level it names is (0: never, numbering that continues across sections).
    /// </summary>
    private sealed class NumberingRenderer
    {
        private readonly Dictionary<int, int> abstractOf = [];
        private readonly Dictionary<int, Dictionary<int, Level>> levels = [];
        private readonly Dictionary<int, int[]> counters = [];
        private readonly Dictionary<string, (int NumId, int Level)> styleNumbering = new(StringComparer.Ordinal);

        /// <summary>Per <c>w:num</c>, the levels it starts anew (<c>w:startOverride</c>) and the levels it redefines.</summary>
        private readonly Dictionary<int, Dictionary<int, int>> startOverrides = [];
        private readonly Dictionary<int, Dictionary<int, Level>> levelOverrides = [];

        /// <summary>The (num, level) pairs whose start override has been applied: it restarts the level once, at its first paragraph.</summary>
        private readonly HashSet<(int NumId, int Level)> overridden = [];

        public NumberingRenderer(MainDocumentPart main)
        {
            var numbering = main.NumberingDefinitionsPart?.Numbering;
            if (numbering is not null)
            {
                foreach (var abs in numbering.Elements<AbstractNum>())
                {
                    var id = abs.AbstractNumberId?.Value ?? -1;
                    var map = new Dictionary<int, Level>();
                    foreach (var level in abs.Elements<Level>())
                    {
                        map[level.LevelIndex?.Value ?? 0] = level;
                    }

                    levels[id] = map;
                }

                foreach (var num in numbering.Elements<NumberingInstance>())
                {
                    var numId = num.NumberID?.Value ?? -1;
                    abstractOf[numId] = num.AbstractNumId?.Val?.Value ?? -1;
                    foreach (var over in num.Elements<LevelOverride>())
                    {
                        var ilvl = Math.Clamp(over.LevelIndex?.Value ?? 0, 0, 8);
                        if (over.StartOverrideNumberingValue?.Val?.Value is { } start)
                        {
                            (startOverrides.TryGetValue(numId, out var starts) ? starts : startOverrides[numId] = [])[ilvl] = start;
                        }

                        if (over.Level is { } redefined)
                        {
                            (levelOverrides.TryGetValue(numId, out var redefinedLevels) ? redefinedLevels : levelOverrides[numId] = [])[ilvl] = redefined;
                        }
                    }
                }
            }

            var styles = main.StyleDefinitionsPart?.Styles;
            if (styles is not null)
            {
                foreach (var style in styles.Elements<Style>())
                {
                    var numPr = style.StyleParagraphProperties?.NumberingProperties;
                    if (style.StyleId?.Value is { } styleId && numPr?.NumberingId?.Val?.Value is { } numId)
                    {
                        styleNumbering[styleId] = (numId, numPr.NumberingLevelReference?.Val?.Value ?? 0);
                    }
                }
            }
        }

        public string Label(Paragraph p)
        {
            var props = p.ParagraphProperties;
            var numPr = props?.NumberingProperties;
            int numId;
            int ilvl;
            if (numPr?.NumberingId?.Val?.Value is { } direct)
            {
                numId = direct;
                ilvl = numPr.NumberingLevelReference?.Val?.Value ?? 0;
            }
            else if (props?.ParagraphStyleId?.Val?.Value is { } styleId && styleNumbering.TryGetValue(styleId, out var fromStyle))
            {
                (numId, ilvl) = fromStyle;
            }
            else
            {
                return string.Empty;
            }

            if (numId == 0 || !abstractOf.TryGetValue(numId, out var abs) || !levels.TryGetValue(abs, out var abstractLevels))
            {
                return string.Empty;
            }

            var map = levelOverrides.TryGetValue(numId, out var redefined) ? Merge(abstractLevels, redefined) : abstractLevels;
            ilvl = Math.Clamp(ilvl, 0, 8);
            if (!counters.TryGetValue(abs, out var count))
            {
                count = new int[9];
                counters[abs] = count;
            }

            if (startOverrides.TryGetValue(numId, out var starts) && starts.TryGetValue(ilvl, out var startOver) && overridden.Add((numId, ilvl)))
            {
                count[ilvl] = startOver;
            }
            else
            {
                count[ilvl] = count[ilvl] == 0 ? Start(map, ilvl) : count[ilvl] + 1;
            }

            for (var deeper = ilvl + 1; deeper < 9; deeper++)
            {
                if (RestartsAfter(map, deeper, ilvl))
                {
                    count[deeper] = 0;
                }
            }

            if (!map.TryGetValue(ilvl, out var level))
            {
                return string.Empty;
            }
            var pattern = level.LevelText?.Val?.Value ?? string.Empty;
            var sb = new StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '%' && i + 1 < pattern.Length && char.IsDigit(pattern[i + 1]))
                {
                    var refLevel = Math.Clamp(pattern[i + 1] - '1', 0, 8);
                    var value = Math.Max(1, count[refLevel] == 0 ? Start(map, refLevel) : count[refLevel]);
                    var format = map.TryGetValue(refLevel, out var l) ? l.NumberingFormat?.Val?.Value : null;
                    sb.Append(Format(value, format));
                    i++;
                }
                else
                {
                    sb.Append(pattern[i]);
                }
            }

            var label = sb.ToString();
            var format0 = level.NumberingFormat?.Val?.Value;
            if (format0 == NumberFormatValues.Bullet)
            {
                return string.Empty;
            }

            // Word separates the label by a tab; a label ending in a digit needs a visible separator.
            return label.Length > 0 && char.IsDigit(label[^1]) ? label + " " : label;
        }

        /// <summary>
        /// Whether level <paramref name="deeper"/> starts again after a paragraph at level <paramref name="used"/> (above it):
        /// always, unless its <c>w:lvlRestart</c> says 0 (never) or names a level (one-based) above <paramref name="used"/>.
        /// </summary>
        private static bool RestartsAfter(Dictionary<int, Level> map, int deeper, int used)
        {
            if (!map.TryGetValue(deeper, out var level) || level.LevelRestart?.Val?.Value is not { } restart)
            {
                return true;
            }

            return restart != 0 && (restart - 1 >= deeper || used <= restart - 1);
        }

        private static Dictionary<int, Level> Merge(Dictionary<int, Level> levels, Dictionary<int, Level> redefined)
        {
            var merged = new Dictionary<int, Level>(levels);
            foreach (var (index, level) in redefined)
            {
                merged[index] = level;
            }

            return merged;
        }

        private static int Start(Dictionary<int, Level> map, int ilvl) =>
            map.TryGetValue(ilvl, out var level) ? level.StartNumberingValue?.Val?.Value ?? 1 : 1;

        private static string Format(int value, NumberFormatValues? format)
        {
            if (format is null || format == NumberFormatValues.Decimal || format == NumberFormatValues.DecimalZero)
            {
                return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (format == NumberFormatValues.ChineseCounting || format == NumberFormatValues.ChineseCountingThousand
                || format == NumberFormatValues.TaiwaneseCounting || format == NumberFormatValues.TaiwaneseCountingThousand
                || format == NumberFormatValues.ChineseLegalSimplified || format == NumberFormatValues.IdeographLegalTraditional)
            {
                return ToChinese(value);
            }

            if (format == NumberFormatValues.DecimalEnclosedCircle || format == NumberFormatValues.DecimalEnclosedCircleChinese)
            {
                return value is >= 1 and <= 20
                    ? ((char)('①' + value - 1)).ToString()
                    : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (format == NumberFormatValues.DecimalFullWidth || format == NumberFormatValues.DecimalFullWidth2)
            {
                return new string(value.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)(c - '0' + '０')).ToArray());
            }

            if (format == NumberFormatValues.LowerLetter)
            {
                return ((char)('a' + ((value - 1) % 26))).ToString();
            }

            if (format == NumberFormatValues.UpperLetter)
            {
                return ((char)('A' + ((value - 1) % 26))).ToString();
            }

            if (format == NumberFormatValues.IdeographTraditional)
            {
                return "甲乙丙丁戊己庚辛壬癸"[(value - 1) % 10].ToString();
            }

            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        internal static string ToChinese(int value)
        {
            const string digits = "零一二三四五六七八九";
            if (value <= 0 || value >= 100)
            {
                return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (value < 10)
            {
                return digits[value].ToString();
            }

            var tens = value / 10;
            var ones = value % 10;
            return (tens == 1 ? string.Empty : digits[tens].ToString()) + "十" + (ones == 0 ? string.Empty : digits[ones].ToString());
        }
    }
}
