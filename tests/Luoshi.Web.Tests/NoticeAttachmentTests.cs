using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using Luoshi.Domain.People;
using Luoshi.Domain.Supervision;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// A 督办单 answered with attachments (办理情况的附件): through the API (multipart on the answer endpoint) and the /Notices
/// answer form; the files are checked as a report's evidence is (content, size), readable only by the issuer's side and the
/// unit that answered, and listed on the printed 督办单. A refused file keeps nothing: no answer, no file.
/// </summary>
public sealed class NoticeAttachmentTests
{
    private static readonly byte[] PdfBytes = "%PDF-1.4\n%测试\n"u8.ToArray();

    private static async Task<int> IssueAsync(LuoshiFactory app, HttpClient supervisor, string reason) =>
        (await supervisor.PostAsJsonAsync("/api/v1/notices", new { orgUnitId = await app.UnitIdAsync("Q01"), reason }).SucceedsAsync("issue"))
        .GetProperty("id").GetInt32();

    private static Task<(NoticeStatus Status, int Files)> StateAsync(LuoshiFactory app, int id) => app.WithDbAsync(async db =>
        (await db.Notices.Where(n => n.Id == id).Select(n => n.Status).SingleAsync(), await db.Attachments.CountAsync(a => a.NoticeId == id)));

    [Theory, Databases]
    public async Task A_district_answers_with_attachments_that_only_the_issuer_side_and_the_district_may_read(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var supervisor = await app.SignedInAsync("supervisor");
        var district = await app.SignedInAsync("jiangdong");
        var otherDistrict = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q02"));
        var school = await app.SignedInAsync("school");
        var id = await IssueAsync(app, supervisor, "请报送校舍安全排查情况");

        var form = new MultipartFormDataContent { { new StringContent("已完成排查，隐患3处已整改。"), "response" } };
        form.Add(new ByteArrayContent(Ledgers.PngBytes), "file", "整改照片.png");
        form.Add(new ByteArrayContent(PdfBytes), "file", "排查报告.pdf");
        var answered = await district.PostAsync($"/api/v1/notices/{id}/response", form).SucceedsAsync("answer with files");
        Assert.Equal("responded", answered.GetProperty("status").GetString());
        var files = answered.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["整改照片.png", "排查报告.pdf"], files.Select(f => f.GetProperty("fileName").GetString()));
        var (photo, report) = (files[0].GetProperty("url").GetString()!, files[1].GetProperty("url").GetString()!);

        // The issuer's side and the answering unit download; another district and a school of the district do not.
        Assert.Equal(Ledgers.PngBytes, await supervisor.GetByteArrayAsync(photo));
        Assert.Equal(PdfBytes, await district.GetByteArrayAsync(report));
        Assert.Equal(Ledgers.PngBytes, await (await app.SignedInAsync("admin")).GetByteArrayAsync(photo));
        var refused = await (await otherDistrict.GetAsync(photo)).AssertProblemAsync(404);
        Assert.Equal("找不到该督办单，或您无权查看", refused.GetProperty("detail").GetString());
        await (await school.GetAsync(report)).AssertProblemAsync(404);

        // The page lists them; the printed 督办单 names them.
        var page = await supervisor.GetStringAsync($"/Notices?id={id}");
        Assert.Contains("整改照片.png", page);
        Assert.Contains(photo, page);
        var docx = await supervisor.GetAsync($"/api/v1/notices/{id}.docx");
        docx.EnsureSuccessStatusCode();
        using var document = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("附件", text);
        Assert.Contains("1. 整改照片.png", text);
        Assert.Contains("2. 排查报告.pdf", text);

        // The audit trail names the 督办单 by its number, on the notice's own rows and on the attachments' rows.
        var number = answered.GetProperty("number").GetString()!;
        Assert.Matches(@"^督办〔\d{4}〕第\d+号$", number);
        var trail = System.Net.WebUtility.HtmlDecode(await supervisor.GetStringAsync($"/Audit?entity=Notice&entityId={id}"));
        Assert.Contains($"督办单“{number}”", trail);
        var fileTrail = System.Net.WebUtility.HtmlDecode(await supervisor.GetStringAsync("/Audit?entity=Attachment&action=create"));
        Assert.Contains($"<span class=\"field\">督办单</span>：<span class=\"after\">{number}</span>", fileTrail);
    }

    [Theory, Databases]
    public async Task A_hostile_or_oversized_attachment_is_refused_in_Chinese_and_keeps_nothing(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var supervisor = await app.SignedInAsync("supervisor");
        var district = await app.SignedInAsync("jiangdong");
        var id = await IssueAsync(app, supervisor, "请报送食堂检查情况");

        // A program named as a photo, next to a good photo: refused by its content, neither file nor the answer kept.
        var hostile = new MultipartFormDataContent { { new StringContent("已检查"), "response" } };
        hostile.Add(new ByteArrayContent(Ledgers.PngBytes), "file", "好照片.png");
        hostile.Add(new ByteArrayContent("MZ this program cannot be run"u8.ToArray()), "file", "照片.png");
        var detail = (await (await district.PostAsync($"/api/v1/notices/{id}/response", hostile)).AssertProblemAsync(415)).GetProperty("detail").GetString();
        Assert.Contains("照片.png", detail);
        Assert.Equal((NoticeStatus.Open, 0), await StateAsync(app, id));

        // Too large: one byte over the limit.
        var big = new byte[Application.Reports.EvidenceFiles.MaxBytes + 1];
        Ledgers.PngBytes.CopyTo(big, 0);
        var oversized = new MultipartFormDataContent { { new StringContent("已检查"), "response" }, { new ByteArrayContent(big), "file", "大照片.png" } };
        var tooLarge = await (await district.PostAsync($"/api/v1/notices/{id}/response", oversized)).AssertProblemAsync(413);
        Assert.Contains("20", tooLarge.GetProperty("detail").GetString());
        Assert.Equal((NoticeStatus.Open, 0), await StateAsync(app, id));

        // Six files, one more than allowed.
        var many = new MultipartFormDataContent { { new StringContent("已检查"), "response" } };
        for (var i = 0; i < 6; i++) many.Add(new ByteArrayContent(Ledgers.PngBytes), "file", $"照片{i}.png");
        Assert.Contains("5", (await (await district.PostAsync($"/api/v1/notices/{id}/response", many)).AssertProblemAsync(400))
            .GetProperty("detail").GetString());
        Assert.Equal((NoticeStatus.Open, 0), await StateAsync(app, id));

        // Through the page: refused in Chinese, nothing kept; then answered with a photo.
        var token = await district.TokenAsync("/Notices");
        var pageForm = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(id.ToString()), "id" },
            { new StringContent("已检查"), "response" }, { new ByteArrayContent("<script>alert(1)</script>"u8.ToArray()), "attachments", "a.html" } };
        var refusedPage = await district.PostAsync("/Notices?handler=Answer", pageForm);
        Assert.Equal(415, (int)refusedPage.StatusCode);
        Assert.Contains("a.html", await refusedPage.Content.ReadAsStringAsync());
        Assert.Equal((NoticeStatus.Open, 0), await StateAsync(app, id));
        var goodForm = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(id.ToString()), "id" },
            { new StringContent("已检查，留样齐全。"), "response" }, { new ByteArrayContent(Ledgers.PngBytes), "attachments", "留样照片.png" } };
        var done = await district.PostAsync("/Notices?handler=Answer", goodForm);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal((NoticeStatus.Responded, 1), await StateAsync(app, id));
        Assert.Contains("留样照片.png", await supervisor.GetStringAsync($"/Notices?id={id}"));
    }
}
