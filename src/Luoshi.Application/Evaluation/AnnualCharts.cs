using Luoshi.Application.Documents;
using SkiaSharp;

namespace Luoshi.Application.Evaluation;

/// <summary>
/// The annual report's two charts as PNG images (SkiaSharp), the same bytes in the page, the PDF and the .docx: a bar chart
/// of the tasks' outcomes and a line chart of each district's rank month by month (rank 1 at the top). Labels are drawn
/// in the server's Chinese heading face (<see cref="CjkFonts"/>).
/// </summary>
public static class AnnualCharts
{
    public const int Width = 1200, Height = 600;

    private static readonly SKColor[] Palette =
    [
        new(0x2E, 0x7D, 0x32), new(0xF9, 0xA8, 0x25), new(0x15, 0x65, 0xC0), new(0xC6, 0x28, 0x28), new(0x6A, 0x1B, 0x9A),
        new(0x00, 0x83, 0x8F), new(0x8D, 0x6E, 0x63), new(0xAD, 0x14, 0x57), new(0x55, 0x8B, 0x2F), new(0x45, 0x5A, 0x64),
    ];

    /// <summary>One bar per outcome: 按时办结, 逾期办结, 进行中, 逾期未办结.</summary>
    public static byte[] Outcomes(AnnualReport.Summary s, CjkFonts fonts)
    {
        (string Label, int Value, SKColor Color)[] bars =
        [
            ("按时办结", s.DoneOnTime, Palette[0]), ("逾期办结", s.DoneLate, Palette[1]), ("进行中", s.InProgress, Palette[2]),
            ("逾期未办结", s.Overdue, Palette[3]),
        ];
        return Draw(fonts, "任务完成情况（项）", (canvas, font, plot) =>
        {
            var top = Math.Max(1, bars.Max(b => b.Value));
            Axis(canvas, font, plot, top, step: Math.Max(1, (int)Math.Ceiling(top / 5.0)), inverted: false, label: v => v.ToString());
            var slot = plot.Width / bars.Length;
            for (var i = 0; i < bars.Length; i++)
            {
                var (label, value, color) = bars[i];
                var height = plot.Height * value / top;
                var x = plot.Left + (slot * i) + (slot * 0.2f);
                using var fill = new SKPaint { Color = color, IsAntialias = true };
                canvas.DrawRect(new SKRect(x, plot.Bottom - height, x + (slot * 0.6f), plot.Bottom), fill);
                Centered(canvas, font, value.ToString(), x + (slot * 0.3f), plot.Bottom - height - 10);
                Centered(canvas, font, label, x + (slot * 0.3f), plot.Bottom + 36);
            }
        });
    }

    /// <summary>Each unit's rank by month, one line each (a month it was not ranked leaves a gap), with a legend.</summary>
    public static byte[] RankTrend(IReadOnlyList<string> months, IReadOnlyList<AnnualReport.RankingLine> lines, CjkFonts fonts) =>
        Draw(fonts, "区县月度排名走势（名次）", (canvas, font, plot) =>
        {
            var worst = Math.Max(2, lines.SelectMany(l => l.Ranks).Max() ?? 1);
            Axis(canvas, font, plot, worst, step: 1, inverted: true, label: v => v.ToString());
            var step = months.Count > 1 ? plot.Width / (months.Count - 1) : 0;
            float X(int m) => months.Count > 1 ? plot.Left + (step * m) : plot.MidX;
            float Y(int rank) => plot.Top + (plot.Height * (rank - 1) / (worst - 1));
            for (var m = 0; m < months.Count; m++) Centered(canvas, font, $"{int.Parse(months[m][5..])}月", X(m), plot.Bottom + 36);
            for (var l = 0; l < lines.Count; l++)
            {
                using var pen = new SKPaint { Color = Palette[l % Palette.Length], StrokeWidth = 4, IsAntialias = true, Style = SKPaintStyle.Stroke };
                using var dot = new SKPaint { Color = Palette[l % Palette.Length], IsAntialias = true };
                var ranks = lines[l].Ranks;
                for (var m = 0; m < ranks.Count; m++)
                {
                    if (ranks[m] is not { } r) continue;
                    canvas.DrawCircle(X(m), Y(r), 6, dot);
                    if (m > 0 && ranks[m - 1] is { } before) canvas.DrawLine(X(m - 1), Y(before), X(m), Y(r), pen);
                }
                var row = l / 5;
                var legendX = 100 + (l % 5 * 210);
                var legendY = Height - 44 + (row * 30) - (lines.Count > 5 ? 30 : 0);
                canvas.DrawRect(new SKRect(legendX, legendY - 14, legendX + 28, legendY - 2), dot);
                canvas.DrawText(lines[l].Name, legendX + 36, legendY, SKTextAlign.Left, font, Ink);
            }
        });

    private static readonly SKPaint Ink = new() { Color = new SKColor(0x21, 0x21, 0x21), IsAntialias = true };

    private static byte[] Draw(CjkFonts fonts, string title, Action<SKCanvas, SKFont, SKRect> body)
    {
        using var typeface = SKTypeface.FromData(SKData.CreateCopy(fonts.Heading.Bytes));
        using var font = new SKFont(typeface, 24);
        using var titleFont = new SKFont(typeface, 32);
        using var bitmap = new SKBitmap(Width, Height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawText(title, Width / 2f, 48, SKTextAlign.Center, titleFont, Ink);
            body(canvas, font, new SKRect(100, 90, Width - 60, Height - 130));
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The value axis at the left with grid lines every <paramref name="step"/>; inverted puts 1 at the top (ranks).</summary>
    private static void Axis(SKCanvas canvas, SKFont font, SKRect plot, int top, int step, bool inverted, Func<int, string> label)
    {
        using var grid = new SKPaint { Color = new SKColor(0xE0, 0xE0, 0xE0), StrokeWidth = 1 };
        using var axis = new SKPaint { Color = new SKColor(0x75, 0x75, 0x75), StrokeWidth = 2 };
        var from = inverted ? 1 : 0;
        for (var v = from; v <= top; v += step)
        {
            var y = inverted ? plot.Top + (plot.Height * (v - 1) / Math.Max(1, top - 1)) : plot.Bottom - (plot.Height * v / top);
            canvas.DrawLine(plot.Left, y, plot.Right, y, grid);
            canvas.DrawText(label(v), plot.Left - 14, y + 8, SKTextAlign.Right, font, Ink);
        }
        canvas.DrawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, axis);
        canvas.DrawLine(plot.Left, plot.Top, plot.Left, plot.Bottom, axis);
    }

    private static void Centered(SKCanvas canvas, SKFont font, string text, float x, float y) =>
        canvas.DrawText(text, x, y, SKTextAlign.Center, font, Ink);
}
