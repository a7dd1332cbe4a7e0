using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Luoshi.Parsing.Rendering.Office;
using static Luoshi.Parsing.Rendering.Office.WordTableWriter;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Luoshi.Application.Documents;

/// <summary>
/// The one 公文 (official document) builder, laid out after GB/T 9704—2012: portrait A4 with the 版心 156 × 225 mm (天头
/// 37 mm, 订口 28 mm); the 版头 — the issuer's name in red 方正小标宋简体, the number line (〔2026〕第10期) and the red line
/// under it; the title in 小标宋 二号, centred; headings in 黑体 三号; the body in 仿宋_GB2312 三号, 28.95 pt lines, each
/// paragraph indented two characters; tables (<see cref="SheetTable"/>) in the 版心's width; the issuer and date at the
/// end; the page number "— 1 —" in 宋体 四号 at the foot, centred. A font missing on the reader's machine is replaced by
/// Noto Serif/Sans CJK SC (the fonts table names them); pictures (PNG charts) across the 版心 with a caption. Used by the
/// 督查通报, the 督办单 and the 年度评估报告.
/// </summary>
public sealed class OfficialDocument(string issuer, string number, string title) : IOfficialWriter
{
    /// <summary>English Metric Units in a twentieth of a point.</summary>
    private const long EmuPerTwip = 635;

    /// <summary>A4 portrait and the GB/T 9704 margins in twentieths of a point (37, 28, 26 and 35 mm).</summary>
    private const int PageWidth = 11906, PageHeight = 16838, Top = 2098, Left = 1587, Right = 1474, Bottom = 1984;

    /// <summary>三号 (16 pt), 二号 (22 pt), 四号 (14 pt) in half-points; the 版头's name at 30 pt.</summary>
    private const int BodySize = 32, TitleSize = 44, FooterSize = 28, MastheadSize = 60;

    /// <summary>22 lines a page: 28.95 pt a line.</summary>
    private const string LineSpacing = "579";

    private const string Red = "FF0000";

    private readonly List<OpenXmlElement> body = [];

    /// <summary>The pictures' empty paragraphs and what goes in them once the package has a part for each picture.</summary>
    private readonly List<(Paragraph Holder, byte[] Png, long Width, long Height)> pictures = [];

    /// <summary>What the document is, after the issuer in the 版头 (督查通报); empty for the issuer's name alone.</summary>
    public string Masthead { get; init; } = "";

    public static int UsableWidth => PageWidth - Left - Right;

    /// <summary>A first-level heading (一、总体情况) in 黑体.</summary>
    public OfficialDocument Heading(string text)
    {
        body.Add(Line(text, HeadingFace, BodySize, JustificationValues.Both, indent: true));
        return this;
    }

    /// <summary>Body text in 仿宋; each line of <paramref name="text"/> a paragraph indented two characters.</summary>
    public OfficialDocument Text(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n').Where(l => l.Trim().Length > 0))
            body.Add(Line(line.Trim(), TextFace, BodySize, JustificationValues.Both, indent: true));
        return this;
    }

    /// <summary>A table across the 版心, its header row repeated on every page.</summary>
    public OfficialDocument Table(SheetTable table)
    {
        if (table.Title is { } caption) body.Add(Line(caption, HeadingFace, 28, JustificationValues.Center, indent: false));
        body.Add(WordTableWriter.Table(table, UsableWidth));
        body.Add(new Paragraph());
        return this;
    }

    /// <summary>A PNG picture as wide as the 版心 (<paramref name="width"/> × <paramref name="height"/> pixels give its shape), its caption under it.</summary>
    public OfficialDocument Image(byte[] png, int width, int height, string caption)
    {
        var cx = UsableWidth * EmuPerTwip;
        var holder = new Paragraph(new ParagraphProperties(new KeepNext(), new Justification { Val = JustificationValues.Center }));
        body.Add(holder);
        pictures.Add((holder, png, cx, cx * height / width));
        body.Add(Line(caption, HeadingFace, 28, JustificationValues.Center, indent: false));
        return this;
    }

    void IOfficialWriter.Heading(string text) => Heading(text);

    void IOfficialWriter.Text(string text) => Text(text);

    void IOfficialWriter.Table(SheetTable table) => Table(table);

    void IOfficialWriter.Image(byte[] png, int width, int height, string caption) => Image(png, width, height, caption);

    void IOfficialWriter.Signature(DateOnly date) => Signature(date);

    /// <summary>The issuer and the date at the end, right-aligned (落款).</summary>
    public OfficialDocument Signature(DateOnly date)
    {
        body.Add(new Paragraph());
        body.Add(Line(issuer, TextFace, BodySize, JustificationValues.Right, indent: false));
        body.Add(Line(SheetCell.DateText(date), TextFace, BodySize, JustificationValues.Right, indent: false));
        return this;
    }

    public byte[] Write(DocumentInfo info)
    {
        using var buffer = new MemoryStream();
        using (var package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            info.WriteTo(package, package.AddExtendedFilePropertiesPart());
            var main = package.AddMainDocumentPart();
            AddFontsAndStyles(main);
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(PageNumber());
            var document = new Body();
            document.Append(Colored(Paragraph($"{issuer}{Masthead}", TitleFace, MastheadSize, JustificationValues.Center, after: 240), Red));
            var numberLine = Paragraph(number, TextFace, BodySize, JustificationValues.Center, after: 120);
            numberLine.ParagraphProperties!.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Space = 6, Color = Red }));
            document.Append(numberLine);
            document.Append(new Paragraph());
            document.Append(Paragraph(title, TitleFace, TitleSize, JustificationValues.Center, after: 240));
            for (var i = 0; i < pictures.Count; i++)
            {
                var (holder, png, cx, cy) = pictures[i];
                var part = main.AddImagePart(ImagePartType.Png);
                using (var data = new MemoryStream(png)) part.FeedData(data);
                holder.Append(new Run(Picture(main.GetIdOfPart(part), (uint)(i + 1), cx, cy)));
            }
            foreach (var element in body) document.Append(element);
            document.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = Top, Bottom = Bottom, Left = (uint)Left, Right = (uint)Right, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(document);
            main.Document.Save();
        }
        return buffer.ToArray();
    }

    private static Paragraph Line(string text, WordTableWriter.Face face, int size, JustificationValues justification, bool indent)
    {
        var paragraph = Paragraph(text, face, size, justification, after: 0);
        var spacing = paragraph.ParagraphProperties!.GetFirstChild<SpacingBetweenLines>()!;
        spacing.Line = LineSpacing;
        spacing.LineRule = LineSpacingRuleValues.Exact;
        if (indent) paragraph.ParagraphProperties.Append(new Indentation { FirstLine = (size * 20).ToString(CultureInfo.InvariantCulture) });
        return paragraph;
    }

    /// <summary>An inline picture of the image part <paramref name="relationship"/>, <paramref name="cx"/> × <paramref name="cy"/> EMU.</summary>
    private static Drawing Picture(string relationship, uint id, long cx, long cy) =>
        new(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"图{id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = $"chart{id}.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
                { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });

    private static Paragraph Colored(Paragraph paragraph, string color)
    {
        foreach (var run in paragraph.Descendants<RunProperties>()) run.Append(new Color { Val = color });
        return paragraph;
    }

    /// <summary>"— 1 —": the PAGE field between two dashes, 宋体 四号.</summary>
    private static Paragraph PageNumber()
    {
        Run Run(OpenXmlElement content) => new(new RunProperties(Fonts(SongFace), new FontSize { Val = FooterSize.ToString(CultureInfo.InvariantCulture) }), content);
        return new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            Run(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Run(new Text("1")),
            Run(new FieldChar { FieldCharType = FieldCharValues.End }),
            Run(new Text(" —") { Space = SpaceProcessingModeValues.Preserve }));
    }
}
