using System.Diagnostics;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Luoshi.Domain.Time;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sheet = DocumentFormat.OpenXml.Spreadsheet;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Luoshi.Web.Tests;

/// <summary>
/// The ledger prints whole: ledger.xlsx and ledger.docx of a plan with tasks of several hundred characters, converted
/// to PDF by LibreOffice, hold every cell's whole text, dates as 2026年12月31日 and the 截至 line. Needs LibreOffice
/// (<c>soffice</c>) and <c>pdftotext</c>; the test command installs them. Runs on SQLite only: the files do not depend
/// on the database, and a conversion is slow.
/// </summary>
public sealed class PrintedLedgerTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private static readonly string[] Phrases =
    [
        "坚持以人民为中心的发展思想", "统筹推进城乡义务教育一体化改革发展", "新建改扩建公办幼儿园", "落实教师减负清单制度",
        "健全家校社协同育人机制", "完善课后服务经费保障办法", "推动优质教育资源扩容提质", "加强校园安全风险防控体系建设",
    ];

    /// <summary>A long task text of about <paramref name="length"/> characters, different for every <paramref name="seed"/>.</summary>
    private static string LongText(int seed, int length)
    {
        var text = new System.Text.StringBuilder($"第{seed}项任务（编号{Guid.NewGuid().ToString("N")[..6]}）：");
        for (var i = 0; text.Length < length; i++)
            text.Append(Phrases[(i * 3 + seed) % Phrases.Length]).Append(i % 4 == 3 ? "。" : "，").Append(i * 7 + seed);
        return text.ToString();
    }

    [PrintFact]
    public async Task The_ledger_prints_every_cells_whole_text_from_Excel_and_Word()
    {
        var app = await demo.For(TestDatabase.Sqlite);
        var admin = await app.SignedInAsync("admin");
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        var lead = await app.UnitIdAsync("D03");
        var district = await app.UnitIdAsync("Q01");
        var texts = tasks.Select((t, i) => (Id: t.GetProperty("id").GetInt32(), Text: LongText(i + 1, 220 + 60 * i))).ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var (id, text) in texts)
            {
                var task = await db.Tasks.SingleAsync(t => t.Id == id);
                task.Title = text;
                task.DueDate = new DateOnly(2026, 12, 31);
                task.Progress = 60;
                task.LeadDepartmentId = lead;
                task.Units.Add(new Domain.Tasks.TaskUnit { OrgUnitId = district, Role = Domain.Tasks.TaskUnitRole.Responsible });
            }
            await db.SaveChangesAsync();
        });

        var folder = Directory.CreateTempSubdirectory("luoshi-print-");
        try
        {
            var xlsx = await DownloadAsync(admin, $"/api/v1/plans/{planId}/ledger.xlsx", Path.Combine(folder.FullName, "ledger-excel.xlsx"));
            var docx = await DownloadAsync(admin, $"/api/v1/plans/{planId}/ledger.docx", Path.Combine(folder.FullName, "ledger-word.docx"));
            // One LibreOffice run for both (it starts slowly); the names differ, so the two PDFs do too.
            await ConvertAsync(folder.FullName, "ledger-excel.xlsx", "ledger-word.docx");

            var today = app.Services.GetRequiredService<ChinaClock>().Today;
            var since = $"截至{today.Year}年{today.Month}月{today.Day}日·江州市教育局";
            // A spreadsheet row never breaks across pages, so each cell is printed in one piece. A Word row taller than
            // a page runs on to the next, after the repeated header: its text is printed whole in at most a few pieces.
            foreach (var (pdf, cells, pieces) in new[] { ("ledger-excel.xlsx", SheetTexts(xlsx), 1), ("ledger-word.docx", WordTexts(docx), 4) })
            {
                var printed = Squeeze(await PdfTextAsync(Path.ChangeExtension(Path.Combine(folder.FullName, pdf), ".pdf")));
                foreach (var (_, text) in texts) Assert.True(PrintedWhole(printed, Squeeze(text), pieces), $"{pdf}: the task text is not printed whole: {text}");
                foreach (var cell in cells) Assert.True(PrintedWhole(printed, Squeeze(cell), pieces), $"{pdf}: a cell is not printed whole: {cell}");
                Assert.Contains("2026年12月31日", printed);
                Assert.Contains("60%", printed);
                Assert.Contains(since, printed);
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("LUOSHI_KEEP_PRINT") is null) folder.Delete(recursive: true);
        }
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string path)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(path, bytes);
        return bytes;
    }

    /// <summary>Every text cell of the workbook.</summary>
    private static List<string> SheetTexts(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return [.. document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet!.Descendants<Sheet.Cell>())
            .Where(c => c.InlineString is not null).Select(c => c.InlineString!.InnerText).Where(t => t.Length > 0)];
    }

    /// <summary>Every table cell's and paragraph's text of the Word document.</summary>
    private static List<string> WordTexts(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        return [.. body.Descendants<Word.TableCell>().Select(c => c.InnerText).Concat(body.Elements<Word.Paragraph>().Select(p => p.InnerText))
            .Where(t => t.Length > 0)];
    }

    /// <summary>
    /// Whether the whole text is printed, in order, in at most <paramref name="pieces"/> pieces (each the longest
    /// stretch of what is left that is printed after the last); a cut-off cell loses its end and fails.
    /// </summary>
    private static bool PrintedWhole(string printed, string text, int pieces)
    {
        var at = 0;
        for (var rest = text; rest.Length > 0; pieces--)
        {
            if (pieces == 0) return false;
            int length = 0, found = -1;
            for (var next = printed.IndexOf(rest[..1], at, StringComparison.Ordinal); next >= 0 && length < rest.Length;)
            {
                found = next;
                length++;
                next = length < rest.Length ? printed.IndexOf(rest[..(length + 1)], at, StringComparison.Ordinal) : -1;
            }
            if (found < 0 || length < Math.Min(rest.Length, 6)) return false;
            at = found + length;
            rest = rest[length..];
        }
        return true;
    }

    /// <summary>Text without any white space: a printed cell breaks its text over lines wherever the column ends.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    internal static async Task ConvertAsync(string folder, params string[] files)
    {
        Assert.True(PrintTools.Office is not null && PrintTools.PdfToText is not null, "没有 LibreOffice（soffice）或 pdftotext（poppler-utils）");
        var profile = Path.Combine(folder, "profile");
        var (code, output) = await RunAsync(PrintTools.Office!, folder,
            ["--headless", "--norestore", $"-env:UserInstallation=file://{profile}", "--convert-to", "pdf", "--outdir", folder, .. files]);
        foreach (var file in files)
            Assert.True(File.Exists(Path.Combine(folder, Path.ChangeExtension(file, ".pdf"))), $"LibreOffice did not convert {file} (exit {code}): {output}");
    }

    /// <summary>The PDF's text in the order it is drawn (cell after cell), so a cell's lines stay together.</summary>
    internal static async Task<string> PdfTextAsync(string pdf)
    {
        var (code, text) = await RunAsync(PrintTools.PdfToText!, Path.GetDirectoryName(pdf)!, ["-raw", "-enc", "UTF-8", pdf, "-"]);
        Assert.Equal(0, code);
        return text;
    }

    internal static async Task<(int Code, string Output)> RunAsync(string program, string folder, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}

/// <summary>
/// A test that prints through LibreOffice and reads the PDF with pdftotext. Without them the test is skipped with one
/// line, except under <c>CI=true</c>, where it runs and fails.
/// </summary>
public sealed class PrintFactAttribute : FactAttribute
{
    public PrintFactAttribute()
    {
        if ((PrintTools.Office is null || PrintTools.PdfToText is null) && !Databases.IsCi)
            Skip = "没有 LibreOffice（soffice）或 pdftotext（poppler-utils），打印测试跳过";
    }
}

public static class PrintTools
{
    public static string? Office => Find("soffice") ?? Find("libreoffice");

    public static string? PdfToText => Find("pdftotext");

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
