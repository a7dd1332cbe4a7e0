using System.IO.Compression;
using System.Text;

namespace Luoshi.Tests.Shared;

/// <summary>
/// Hostile plan documents, made here rather than committed: deeply nested .docx, zip bombs (one part, all parts), a
/// single huge text run, too many elements, an external entity (XXE), deeply nested web pages, and texts that would
/// parse into millions of targets or items. Each comes with a word its Chinese refusal must contain.
/// </summary>
public static class HostileDocuments
{
    public sealed record Hostile(string FileName, Func<byte[]> Make, string Refusal);

    public static readonly IReadOnlyList<Hostile> All =
    [
        new("deep-10k.docx", () => DeepDocx(10_000), "嵌套"),
        new("deep-30k.docx", () => DeepDocx(30_000), "嵌套"),
        new("deep-100k.docx", () => DeepDocx(100_000), "嵌套"),
        new("deep-1m.docx", () => DeepDocx(1_000_000), "MB"),
        new("huge-run.docx", () => HugeRunDocx(512L * 1024 * 1024), "MB"),
        new("bomb-parts.docx", BombPartsDocx, "MB"),
        new("many-elements.docx", () => Docx(Body(new StringBuilder().Insert(0, "<w:p/>", 1_100_000).ToString())), "元素"),
        new("xxe.docx", XxeDocx, "DTD"),
        new("nested-100k.html", () => NestedHtml(100_000), "嵌套"),
        new("nested-1m.html", () => NestedHtml(1_000_000), "嵌套"),
        new("xx-percent.txt", () => Repeat("XX%", 9_900_000), "指标"),
        new("items.txt", () => Repeat("一、事\n", 9_000_000), "条目"),
    ];

    /// <summary>Writes every hostile document into <paramref name="folder"/> (the folder of hostile documents).</summary>
    public static void WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var hostile in All) File.WriteAllBytes(Path.Combine(folder, hostile.FileName), hostile.Make());
    }

    /// <summary>A .docx whose body nests <paramref name="levels"/> <c>w:customXml</c> elements around a paragraph.</summary>
    public static byte[] DeepDocx(int levels)
    {
        var sb = new StringBuilder(levels * 30);
        for (var i = 0; i < levels; i++) sb.Append("<w:customXml w:element=\"a\">");
        sb.Append("<w:p><w:r><w:t>一、深</w:t></w:r></w:p>");
        for (var i = 0; i < levels; i++) sb.Append("</w:customXml>");
        return Docx(Body(sb.ToString()));
    }

    /// <summary>A .docx whose one text run unpacks to <paramref name="bytes"/> bytes, written streaming (never held in memory).</summary>
    public static byte[] HugeRunDocx(long bytes) => Docx(stream =>
    {
        var head = Encoding.UTF8.GetBytes(Head + "<w:body><w:p><w:r><w:t>");
        stream.Write(head);
        var chunk = Encoding.ASCII.GetBytes(new string('X', 1 << 20));
        for (long written = 0; written < bytes; written += chunk.Length) stream.Write(chunk);
        stream.Write(Encoding.UTF8.GetBytes("</w:t></w:r></w:p></w:body></w:document>"));
    });

    /// <summary>A valid small body and ten pictures of 10 MB each: every part is small enough, all together are not.</summary>
    private static byte[] BombPartsDocx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddParts(zip, Body("<w:p><w:r><w:t>一、图</w:t></w:r></w:p>"));
            var picture = new byte[10 * 1024 * 1024];
            for (var i = 0; i < 10; i++)
            {
                using var s = zip.CreateEntry($"word/media/image{i}.png", CompressionLevel.SmallestSize).Open();
                s.Write(picture);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] XxeDocx() => Docx(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>");

    public static byte[] NestedHtml(int levels)
    {
        var sb = new StringBuilder(levels * 11 + 100).Append("<!doctype html><html><body>");
        for (var i = 0; i < levels; i++) sb.Append("<div>");
        sb.Append("一、深");
        for (var i = 0; i < levels; i++) sb.Append("</div>");
        return Encoding.UTF8.GetBytes(sb.Append("</body></html>").ToString());
    }

    private static byte[] Repeat(string unit, int bytes)
    {
        var sb = new StringBuilder(bytes + unit.Length);
        while (Encoding.UTF8.GetByteCount(unit) * (sb.Length / unit.Length + 1) <= bytes) sb.Append(unit);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private const string Head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";

    private static string Body(string inner) => Head + "<w:body>" + inner + "</w:body></w:document>";

    public static byte[] Docx(string documentXml) => Docx(s => s.Write(Encoding.UTF8.GetBytes(documentXml)));

    private static byte[] Docx(Action<Stream> writeDocument)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddParts(zip, null);
            using var s = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            writeDocument(s);
        }
        return buffer.ToArray();
    }

    private static void AddParts(ZipArchive zip, string? documentXml)
    {
        Add(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
            "<Default Extension=\"png\" ContentType=\"image/png\"/>" +
            "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        Add(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
        if (documentXml is not null) Add(zip, "word/document.xml", documentXml);
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }
}
