using System.IO.Compression;
using System.Xml;

namespace Luoshi.Parsing.Reading;

/// <summary>
/// Looks at a .docx before the OpenXml SDK does: unpacks every part once, counting the bytes as they come out of the zip
/// (the sizes a zip declares can lie), and reads every XML part with a streaming <see cref="XmlReader"/> that counts
/// depth and elements and refuses DTDs. So a zip bomb, a part with one huge text run, an element nested a million levels
/// deep (which overflows the stack of any recursive reader and ends the process) or an external entity is refused with
/// a Chinese <see cref="PlanDocumentException"/> naming the limit, in time and memory bounded by <see cref="ReadingLimits"/>.
/// </summary>
public static class PackageGuard
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    public static void Check(byte[] content, CancellationToken ct = default) => Check(content, PackageKind.Docx, ct);

    /// <summary>The same checks for any Office package; the messages name <paramref name="kind"/>.</summary>
    public static void Check(byte[] content, PackageKind kind, CancellationToken ct = default)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new PlanDocumentException($"文件不是有效的 {kind.File}（压缩包已损坏）", e);
        }

        using (zip)
        {
            if (zip.Entries.Count > ReadingLimits.MaxParts)
            {
                throw new PlanDocumentException($"{kind.Noun}包含的部件超过 {ReadingLimits.MaxParts} 个，不像正常的 {kind.Name}，无法读取");
            }

            long unpacked = 0;
            var elements = 0;
            foreach (var entry in zip.Entries)
            {
                ct.ThrowIfCancellationRequested();
                var xml = IsXml(entry.FullName);
                var partLimit = xml ? ReadingLimits.MaxXmlPartBytes : ReadingLimits.MaxUnpackedBytes;
                if (entry.Length > partLimit)
                {
                    throw PartTooLarge(xml, kind);
                }

                if (unpacked + entry.Length > ReadingLimits.MaxUnpackedBytes)
                {
                    throw TotalTooLarge(kind);
                }

                try
                {
                    using var counted = new CountingStream(entry.Open(), Math.Min(partLimit, ReadingLimits.MaxUnpackedBytes - unpacked), xml, kind);
                    if (xml)
                    {
                        elements = Scan(counted, elements, kind, ct);
                    }
                    else
                    {
                        counted.CopyTo(Stream.Null);
                    }

                    unpacked += counted.Count;
                }
                catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
                {
                    throw new PlanDocumentException($"文件不是有效的 {kind.File}（压缩包已损坏）", e);
                }
                catch (XmlException e)
                {
                    throw new PlanDocumentException(e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                        ? $"文件不是有效的 {kind.File}（含有不允许的 DTD 声明）"
                        : $"文件不是有效的 {kind.File}（XML 格式错误）", e);
                }
            }
        }
    }

    private static int Scan(Stream part, int elements, PackageKind kind, CancellationToken ct)
    {
        using var reader = XmlReader.Create(part, Settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth >= ReadingLimits.MaxXmlDepth)
            {
                throw new PlanDocumentException($"{kind.Noun}结构嵌套超过 {ReadingLimits.MaxXmlDepth} 层，不像正常的 {kind.Name}，无法读取");
            }

            if (++elements > ReadingLimits.MaxXmlElements)
            {
                throw new PlanDocumentException($"{kind.Noun}包含的元素超过 {ReadingLimits.MaxXmlElements:N0} 个，不像正常的 {kind.Name}，请拆分后再上传");
            }

            if ((elements & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return elements;
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static PlanDocumentException PartTooLarge(bool xml, PackageKind kind) => xml
        ? new($"{kind.Noun}的一个部件解压后超过 {ReadingLimits.Megabytes(ReadingLimits.MaxXmlPartBytes)} MB，不像正常的 {kind.Name}，无法读取")
        : TotalTooLarge(kind);

    private static PlanDocumentException TotalTooLarge(PackageKind kind) =>
        new($"{kind.Noun}解压后超过 {ReadingLimits.Megabytes(ReadingLimits.MaxUnpackedBytes)} MB，不像正常的 {kind.Name}，无法读取");

    /// <summary>A read-only stream that refuses to give more than <c>limit</c> bytes: the check happens while unpacking.</summary>
    private sealed class CountingStream(Stream inner, long limit, bool xml, PackageKind kind) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        private int Counted(int n)
        {
            Count += n;
            if (Count > limit)
            {
                throw limit >= (xml ? ReadingLimits.MaxXmlPartBytes : ReadingLimits.MaxUnpackedBytes) ? PartTooLarge(xml, kind) : TotalTooLarge(kind);
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>What a package is called in the messages: its file kind (<c>.docx 文档</c>), a normal one (<c>Word 文档</c>), and itself (<c>文档</c>).</summary>
public sealed record PackageKind(string File, string Name, string Noun)
{
    public static readonly PackageKind Docx = new(".docx 文档", "Word 文档", "文档");
    public static readonly PackageKind Xlsx = new(".xlsx 电子表格", "Excel 表格", "表格");
}
