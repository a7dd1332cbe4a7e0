using System.Buffers.Binary;
using System.Text;

namespace Luoshi.Application.Documents;

/// <summary>
/// The Chinese fonts installed on the server that a PDF can embed and a chart can draw with. PDFsharp subsets only
/// TrueType outlines (a <c>glyf</c> table) and reads single faces, not collections (.ttc), so each face is cut out of its
/// collection (<see cref="SfntFace"/>). Wanted in order, for the body (明体/宋体 style) and for headings (黑体 style):
/// AR PL UMing CN (Debian <c>fonts-arphic-uming</c>), WenQuanYi Micro Hei (<c>fonts-wqy-microhei</c>), and last Noto Serif/
/// Sans CJK SC (<c>fonts-noto-cjk</c>), whose CFF outlines PDFsharp embeds whole (a PDF of about 14 MB) rather than subset.
/// </summary>
public sealed class CjkFonts
{
    /// <summary>Where Debian and most Linux systems keep fonts.</summary>
    public static readonly string[] Folders = ["/usr/share/fonts", "/usr/local/share/fonts"];

    private static readonly string[] BodyFamilies = ["AR PL UMing CN", "WenQuanYi Micro Hei", "Noto Serif CJK SC", "Noto Sans CJK SC"];
    private static readonly string[] HeadingFamilies = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "AR PL UMing CN", "Noto Serif CJK SC"];
    private static readonly string[] FileNames = ["uming.ttc", "wqy-microhei.ttc", "NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc"];

    private static readonly Lazy<CjkFonts?> installed = new(() => Find(Folders));

    /// <summary>The face for body text and tables.</summary>
    public required SfntFace Body { get; init; }

    /// <summary>The face for the title and headings.</summary>
    public required SfntFace Heading { get; init; }

    /// <summary>The fonts of this server, or null when it has no Chinese font (the PDF and the charts are then refused).</summary>
    public static CjkFonts? Installed => installed.Value;

    public static CjkFonts? Find(IEnumerable<string> folders)
    {
        var faces = folders.Where(Directory.Exists)
            .SelectMany(folder => FileNames.SelectMany(name => SafeFiles(folder, name)))
            .Distinct().SelectMany(SfntFace.ReadAll).ToList();
        SfntFace? Pick(IEnumerable<string> families) =>
            families.Select(f => faces.FirstOrDefault(x => x.Family == f)).FirstOrDefault(x => x is not null);
        return Pick(BodyFamilies) is { } body && Pick(HeadingFamilies) is { } heading ? new CjkFonts { Body = body, Heading = heading } : null;
    }

    private static IEnumerable<string> SafeFiles(string folder, string name)
    {
        try
        {
            return Directory.EnumerateFiles(folder, name, SearchOption.AllDirectories).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}

/// <summary>
/// One face of a font file (.ttf, .otf, or one of a .ttc collection): its family name (English, from the <c>name</c>
/// table), whether its outlines are TrueType, and its bytes as a font file of its own.
/// </summary>
public sealed class SfntFace(string path, int index, string family, bool trueType, Func<byte[]> read)
{
    private readonly Lazy<byte[]> bytes = new(read);

    public string Path => path;

    /// <summary>The face's number in its collection (0 for a single font).</summary>
    public int Index => index;

    public string Family => family;

    public bool TrueType => trueType;

    /// <summary>The face as a single font file (the tables copied out of the collection).</summary>
    public byte[] Bytes => bytes.Value;

    /// <summary>Every face of the font file at <paramref name="file"/>; none when it cannot be read as one.</summary>
    public static IReadOnlyList<SfntFace> ReadAll(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var header = new byte[12];
            stream.ReadExactly(header);
            var offsets = new List<long>();
            if (Encoding.ASCII.GetString(header, 0, 4) == "ttcf")
            {
                var count = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
                var table = new byte[4 * count];
                stream.ReadExactly(table);
                for (var i = 0; i < count; i++) offsets.Add(BinaryPrimitives.ReadUInt32BigEndian(table.AsSpan(4 * i)));
            }
            else offsets.Add(0);
            return [.. offsets.Select((offset, i) => Read(file, stream, offset, i)).OfType<SfntFace>()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or EndOfStreamException)
        {
            return [];
        }
    }

    private sealed record TableRecord(string Tag, uint Checksum, uint Offset, uint Length);

    private static SfntFace? Read(string file, Stream stream, long offset, int index)
    {
        var tables = Directory(stream, offset);
        if (tables.FirstOrDefault(t => t.Tag == "name") is not { } name) return null;
        var family = FamilyName(ReadAt(stream, name.Offset, name.Length));
        if (family is null) return null;
        return new SfntFace(file, index, family, tables.Any(t => t.Tag == "glyf"), () => Extract(file, offset));
    }

    private static List<TableRecord> Directory(Stream stream, long offset)
    {
        var head = ReadAt(stream, offset, 12);
        var count = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(4));
        var records = ReadAt(stream, offset + 12, 16 * count);
        var tables = new List<TableRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var r = records.AsSpan(16 * i);
            tables.Add(new TableRecord(Encoding.ASCII.GetString(r[..4]), BinaryPrimitives.ReadUInt32BigEndian(r[4..]),
                BinaryPrimitives.ReadUInt32BigEndian(r[8..]), BinaryPrimitives.ReadUInt32BigEndian(r[12..])));
        }
        return tables;
    }

    private static byte[] ReadAt(Stream stream, long offset, long length)
    {
        var buffer = new byte[length];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>The family (name id 1) in Windows Unicode, US English first; null when the table has none.</summary>
    private static string? FamilyName(byte[] table)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(2));
        var strings = BinaryPrimitives.ReadUInt16BigEndian(table.AsSpan(4));
        string? found = null;
        for (var i = 0; i < count; i++)
        {
            var r = table.AsSpan(6 + (12 * i));
            var (platform, encoding, language, id) = (BinaryPrimitives.ReadUInt16BigEndian(r), BinaryPrimitives.ReadUInt16BigEndian(r[2..]),
                BinaryPrimitives.ReadUInt16BigEndian(r[4..]), BinaryPrimitives.ReadUInt16BigEndian(r[6..]));
            if (platform != 3 || encoding != 1 || id != 1) continue;
            var (length, at) = (BinaryPrimitives.ReadUInt16BigEndian(r[8..]), BinaryPrimitives.ReadUInt16BigEndian(r[10..]));
            var text = Encoding.BigEndianUnicode.GetString(table, strings + at, length);
            if (language == 0x409) return text;
            found ??= text;
        }
        return found;
    }

    /// <summary>The face at <paramref name="offset"/> as a font file of its own: its table directory rewritten, its tables copied after it.</summary>
    private static byte[] Extract(string file, long offset)
    {
        using var stream = File.OpenRead(file);
        var head = ReadAt(stream, offset, 12);
        var tables = Directory(stream, offset);
        using var output = new MemoryStream();
        output.Write(head);
        var position = 12 + (16 * tables.Count);
        var record = new byte[16];
        foreach (var t in tables)
        {
            Encoding.ASCII.GetBytes(t.Tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4), t.Checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(8), (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(12), t.Length);
            output.Write(record);
            position += (int)((t.Length + 3) & ~3u);
        }
        foreach (var t in tables)
        {
            output.Write(ReadAt(stream, t.Offset, t.Length));
            output.Write(new byte[(int)(((t.Length + 3) & ~3u) - t.Length)]);
        }
        return output.ToArray();
    }
}
