using Luoshi.Parsing.Rendering.Office;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Luoshi.Application.Documents;

/// <summary>
/// The 公文 as a PDF (PDFsharp), laid out as <see cref="OfficialDocument"/> lays out the Word file: A4 portrait with the
/// GB/T 9704 margins; the 版头 (issuer in red, the number line, the red line), the title centred; headings in the 黑体-style
/// face, the body in the 明体/宋体-style face (<see cref="CjkFonts"/>, embedded as subsets); tables across the 版心 whose
/// rows run on to the next page under a repeated header; pictures; "— N —" at the foot of every page. Chinese text breaks
/// between any two characters, as Chinese is set.
/// </summary>
public sealed class OfficialPdf : IOfficialWriter
{
    private const double Mm = 72 / 25.4;
    private static readonly double PageWidth = 210 * Mm, PageHeight = 297 * Mm, Top = 37 * Mm, Left = 28 * Mm, Right = 26 * Mm, Bottom = 35 * Mm;
    private static readonly double Usable = PageWidth - Left - Right;
    private const double BodySize = 16, BodyLine = 28.95, TableSize = 10.5, TableLine = 15, CellPad = 4;
    private static readonly XColor Red = XColor.FromArgb(0xFF, 0, 0);

    private readonly PdfDocument document = new();
    private readonly string issuer;
    private readonly XFont body, heading, table, tableHeading, title, masthead, footer;
    private PdfPage page = null!;
    private XGraphics graphics = null!;
    private double y;

    public OfficialPdf(CjkFonts fonts, string issuer, string number, string titleText, string mastheadText)
    {
        FontResolver.Use(fonts);
        this.issuer = issuer;
        document.Info.Title = titleText;
        document.Info.Author = issuer;
        document.Info.Creator = "落实 Luoshi";
        body = new XFont(FontResolver.Body, BodySize);
        heading = new XFont(FontResolver.Heading, BodySize);
        table = new XFont(FontResolver.Body, TableSize);
        tableHeading = new XFont(FontResolver.Heading, TableSize);
        title = new XFont(FontResolver.Heading, 22);
        masthead = new XFont(FontResolver.Heading, 30);
        footer = new XFont(FontResolver.Body, 14);
        NewPage();
        Centered($"{issuer}{mastheadText}", masthead, new XSolidBrush(Red), 44);
        Centered(number, body, XBrushes.Black, BodyLine);
        graphics.DrawLine(new XPen(Red, 1.5), Left, y + 4, PageWidth - Right, y + 4);
        y += 4 + BodyLine;
        foreach (var line in Wrap(titleText, title, Usable)) Centered(line.Text, title, XBrushes.Black, 36);
        y += 12;
    }

    public void Heading(string text)
    {
        foreach (var line in Wrap(text, heading, Usable - (2 * BodySize), indent: 2 * BodySize))
            Line(line.Text, heading, line.Indent);
    }

    public void Text(string text)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0))
            foreach (var line in Wrap(paragraph, body, Usable, indent: 2 * BodySize)) Line(line.Text, body, line.Indent);
    }

    public void Table(SheetTable sheet)
    {
        if (sheet.Title is { } caption)
        {
            Room(BodyLine + (3 * TableLine));
            Centered(caption, new XFont(FontResolver.Heading, 14), XBrushes.Black, 24);
        }
        var total = sheet.Columns.Sum(c => c.Width);
        var widths = sheet.Columns.Select(c => Usable * c.Width / total).ToArray();
        var header = sheet.Columns.Select((c, i) => Wrap(c.Header, tableHeading, widths[i] - (2 * CellPad)).Select(l => l.Text).ToList()).ToList();
        Room(RowHeight(header) + TableLine + (2 * CellPad));
        Row(header, widths, tableHeading, shaded: true);
        foreach (var row in sheet.Rows)
        {
            var cells = widths.Select((w, i) => i < row.Cells.Count
                ? row.Cells[i].Display.Split('\n').SelectMany(p => Wrap(p, table, w - (2 * CellPad)).Select(l => l.Text)).ToList()
                : []).ToList();
            // A row taller than what is left runs on to the next page, under the header again.
            while (true)
            {
                var fits = (int)Math.Floor((PageHeight - Bottom - y - (2 * CellPad)) / TableLine);
                var rest = cells.Max(c => c.Count);
                if (rest <= fits || (fits >= 1 && rest > Lines(PageHeight - Bottom - Top - RowHeight(header))))
                {
                    var take = Math.Max(1, Math.Min(rest, fits));
                    Row([.. cells.Select(c => c.Take(take).ToList())], widths, table, shaded: false);
                    cells = [.. cells.Select(c => c.Skip(take).ToList())];
                    if (cells.All(c => c.Count == 0)) break;
                }
                NewPage();
                Row(header, widths, tableHeading, shaded: true);
            }
        }
        y += TableLine;
    }

    public void Image(byte[] png, int width, int height, string caption)
    {
        var h = Usable * height / width;
        Room(h + BodyLine);
        using (var stream = new MemoryStream(png))
        using (var image = XImage.FromStream(stream))
            graphics.DrawImage(image, Left, y, Usable, h);
        y += h + 6;
        Centered(caption, new XFont(FontResolver.Heading, 14), XBrushes.Black, BodyLine);
    }

    public void Signature(DateOnly date)
    {
        y += BodyLine;
        foreach (var text in new[] { issuer, SheetCell.DateText(date) })
        {
            Room(BodyLine);
            graphics.DrawString(text, body, XBrushes.Black, new XRect(Left, y, Usable - (4 * BodySize), BodyLine), XStringFormats.CenterRight);
            y += BodyLine;
        }
    }

    public byte[] Write()
    {
        graphics.Dispose();
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    private static int Lines(double height) => (int)Math.Floor((height - (2 * CellPad)) / TableLine);

    private static double RowHeight(List<List<string>> cells) => (Math.Max(1, cells.Max(c => c.Count)) * TableLine) + (2 * CellPad);

    private void Row(List<List<string>> cells, double[] widths, XFont font, bool shaded)
    {
        var height = RowHeight(cells);
        var x = Left;
        var pen = new XPen(XColors.Black, 0.5);
        for (var c = 0; c < widths.Length; c++)
        {
            var box = new XRect(x, y, widths[c], height);
            if (shaded) graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xF2, 0xF2, 0xF2)), box);
            graphics.DrawRectangle(pen, box);
            for (var l = 0; l < cells[c].Count; l++)
            {
                var line = new XRect(x + CellPad, y + CellPad + (l * TableLine), widths[c] - (2 * CellPad), TableLine);
                graphics.DrawString(cells[c][l], font, XBrushes.Black, line, shaded ? XStringFormats.Center : XStringFormats.CenterLeft);
            }
            x += widths[c];
        }
        y += height;
    }

    private void Line(string text, XFont font, double indent)
    {
        Room(BodyLine);
        graphics.DrawString(text, font, XBrushes.Black, new XRect(Left + indent, y, Usable - indent, BodyLine), XStringFormats.CenterLeft);
        y += BodyLine;
    }

    private void Centered(string text, XFont font, XBrush brush, double height)
    {
        Room(height);
        graphics.DrawString(text, font, brush, new XRect(Left, y, Usable, height), XStringFormats.Center);
        y += height;
    }

    /// <summary>A new page when less than <paramref name="height"/> is left on this one.</summary>
    private void Room(double height)
    {
        if (y + height > PageHeight - Bottom) NewPage();
    }

    private void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        graphics = XGraphics.FromPdfPage(page);
        graphics.DrawString($"— {document.PageCount} —", footer, XBrushes.Black,
            new XRect(0, PageHeight - Bottom + (7 * Mm), PageWidth, 20), XStringFormats.Center);
        y = Top;
    }

    private readonly record struct Wrapped(string Text, double Indent);

    /// <summary>
    /// <paramref name="text"/> broken into lines at most <paramref name="width"/> wide (the first line <paramref name="indent"/>
    /// narrower), between any two characters; a run of Latin letters or digits is kept whole where it fits on a line.
    /// </summary>
    private List<Wrapped> Wrap(string text, XFont font, double width, double indent = 0)
    {
        var lines = new List<Wrapped>();
        var current = "";
        foreach (var piece in Pieces(text))
        {
            var room = width - (lines.Count == 0 ? indent : 0);
            if (current.Length > 0 && Measure(current + piece, font) > room)
            {
                lines.Add(new Wrapped(current, lines.Count == 0 ? indent : 0));
                current = "";
            }
            foreach (var c in piece)
            {
                room = width - (lines.Count == 0 ? indent : 0);
                if (current.Length > 0 && Measure(current + c, font) > room)
                {
                    lines.Add(new Wrapped(current, lines.Count == 0 ? indent : 0));
                    current = "";
                }
                current += c;
            }
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(new Wrapped(current, lines.Count == 0 ? indent : 0));
        return lines;
    }

    /// <summary>Runs of Latin letters, digits and their punctuation kept together; every other character on its own.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        var run = "";
        foreach (var c in text)
        {
            if (c < 0x2E80 && !char.IsWhiteSpace(c)) { run += c; continue; }
            if (run.Length > 0) { yield return run; run = ""; }
            yield return c.ToString();
        }
        if (run.Length > 0) yield return run;
    }

    private double Measure(string text, XFont font) => graphics.MeasureString(text, font).Width;

    /// <summary>PDFsharp's fonts: the two faces of <see cref="CjkFonts"/> under fixed names, set once for the process.</summary>
    private sealed class FontResolver(CjkFonts fonts) : IFontResolver
    {
        public const string Body = "LuoshiBody", Heading = "LuoshiHeading";
        private static readonly Lock Gate = new();
        private static bool set;

        public static void Use(CjkFonts fonts)
        {
            lock (Gate)
            {
                if (set) return;
                GlobalFontSettings.FontResolver = new FontResolver(fonts);
                set = true;
            }
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(familyName == Heading ? Heading : Body);

        public byte[]? GetFont(string faceName) => faceName == Heading ? fonts.Heading.Bytes : fonts.Body.Bytes;
    }
}
