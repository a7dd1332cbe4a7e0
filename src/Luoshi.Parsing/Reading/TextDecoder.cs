using System.Text;

namespace Luoshi.Parsing.Reading;

/// <summary>Decodes plain-text bytes: BOMs, strict UTF-8, else GB18030 (which covers GBK and GB2312).</summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 { get; } = GetGb18030();

    /// <summary>Decodes <paramref name="bytes"/>, or throws <see cref="PlanDocumentException"/> when they are not text.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
        {
            return Check(Encoding.UTF8.GetString(bytes[3..]));
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Check(Encoding.Unicode.GetString(bytes[2..]));
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Check(Encoding.BigEndianUnicode.GetString(bytes[2..]));
        }

        if (LooksBinary(bytes))
        {
            throw new PlanDocumentException("文件不是文本文档（含有二进制内容），无法识别的文件编码");
        }

        if (StrictUtf8(bytes) is { } utf8)
        {
            return Check(utf8);
        }

        // Not UTF-8: Chinese documents saved by older tools are GBK/GB18030.

        return Check(Gb18030.GetString(bytes));
    }

    /// <summary>
    /// The text of <paramref name="bytes"/> when they are strict UTF-8, else null: transcoded in one pass (the decoder's
    /// GetString validates and counts first, then transcodes), into this thread's buffer for a document of usual size.
    /// </summary>
    private static string? StrictUtf8(ReadOnlySpan<byte> bytes)
    {
        var buffer = bytes.Length <= ReusedBufferChars ? decodeBuffer ??= new char[ReusedBufferChars] : new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? new string(buffer, 0, written) : null;
    }

    /// <summary>UTF-8 never takes more UTF-16 characters than bytes: documents up to this many bytes reuse one buffer per thread.</summary>
    private const int ReusedBufferChars = 64 * 1024;

    [ThreadStatic]
    private static char[]? decodeBuffer;

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }

    /// <summary>The bytes <see cref="LooksBinary"/> counts.</summary>
    private static readonly System.Buffers.SearchValues<byte> ControlBytes = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b < 0x09 || (b > 0x0D && b != 0x1B)).Select(b => (byte)b)]);

    /// <summary>The characters <see cref="Check"/> counts: the replacement character and controls other than line breaks and tabs.</summary>
    private static readonly System.Buffers.SearchValues<char> BadChars = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')), '\uFFFD']);

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        if (!sample.ContainsAny(ControlBytes))
        {
            return false; // a text file: one vectorised search instead of a look at every byte
        }

        var control = 0;
        foreach (var b in sample)
        {
            if (ControlBytes.Contains(b))
            {
                control++;
            }
        }

        return sample.Length > 0 && control * 20 > sample.Length;
    }

    private static string Check(string text)
    {
        var bad = 0;
        var sample = text.AsSpan(0, Math.Min(text.Length, 20000));
        if (!sample.ContainsAny(BadChars))
        {
            return text;
        }

        foreach (var c in sample)
        {
            if (BadChars.Contains(c))
            {
                bad++;
            }
        }

        if (sample.Length > 0 && bad * 10 > sample.Length)
        {
            throw new PlanDocumentException("无法识别的文件编码（不是 UTF-8 或 GB18030/GBK 文本）");
        }

        return text;
    }
}
