using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Rendering;

/// <summary>Writes a <see cref="PlanDocument"/> as <c>luoshi.plan/1</c> JSON: UTF-8, Chinese unescaped, fields in contract order.</summary>
public static class JsonPlanRenderer
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    /// <summary>The property names, escaped once instead of at every write (the output is the same).</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Comparator = JsonEncodedText.Encode("comparator");
        public static readonly JsonEncodedText Deadline = JsonEncodedText.Encode("deadline");
        public static readonly JsonEncodedText Denominator = JsonEncodedText.Encode("denominator");
        public static readonly JsonEncodedText Heading = JsonEncodedText.Encode("heading");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Issuer = JsonEncodedText.Encode("issuer");
        public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
        public static readonly JsonEncodedText Marker = JsonEncodedText.Encode("marker");
        public static readonly JsonEncodedText Parent = JsonEncodedText.Encode("parent");
        public static readonly JsonEncodedText Placeholder = JsonEncodedText.Encode("placeholder");
        public static readonly JsonEncodedText Quantities = JsonEncodedText.Encode("quantities");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Removed = JsonEncodedText.Encode("removed");
        public static readonly JsonEncodedText Responsible = JsonEncodedText.Encode("responsible");
        public static readonly JsonEncodedText Schema = JsonEncodedText.Encode("schema");
        public static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText Upper = JsonEncodedText.Encode("upper");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Year = JsonEncodedText.Encode("year");
    }

    public static byte[] Render(PlanDocument document)
    {
        using var buffer = new MemoryStream();
        Write(document, buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// The writer hands what it holds to the stream once it holds this much: it keeps everything until a flush, so
    /// without one the JSON of a long document (18 MB for 8.5 MB of text) grew in one buffer by doubling and copying.
    /// </summary>
    private const int FlushAt = 1 << 16;

    /// <summary>
    /// Each thread's writer and the buffer it writes into, reused from document to document: a new writer on a stream
    /// starts with a small buffer of its own and grows it by doubling and copying, for every document of a batch.
    /// </summary>
    [ThreadStatic]
    private static (Utf8JsonWriter Writer, ArrayBufferWriter<byte> Buffer)? threadWriter;

    public static void Write(PlanDocument document, Stream output)
    {
        var (w, buffer) = threadWriter ??= NewWriter();
        buffer.ResetWrittenCount();
        w.Reset(buffer);
        try
        {
            Write(document, w, buffer, output);
        }
        finally
        {
            // A large document's buffer is not kept for the rest of the thread's life.
            if (buffer.Capacity > 4 * FlushAt)
            {
                threadWriter = null;
            }
        }
    }

    private static (Utf8JsonWriter, ArrayBufferWriter<byte>) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(2 * FlushAt);
        return (new Utf8JsonWriter(buffer, Options), buffer);
    }

    /// <summary>Hands what <paramref name="w"/> holds to <paramref name="output"/> and empties the buffer for what follows.</summary>
    private static void Flush(Utf8JsonWriter w, ArrayBufferWriter<byte> buffer, Stream output)
    {
        w.Flush();
        output.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }

    private static void Write(PlanDocument document, Utf8JsonWriter w, ArrayBufferWriter<byte> buffer, Stream output)
    {
        w.WriteStartObject();
        WriteString(w, Names.Schema, document.Schema);
        WriteString(w, Names.Title, document.Title);
        WriteNumber(w, Names.Year, document.Year);

        WriteString(w, Names.Issuer, document.Issuer);
        w.WritePropertyName(Names.Quantities);
        WriteQuantities(w, document.Quantities);
        w.WritePropertyName(Names.Items);
        w.WriteStartArray();
        if (document.Items.Count >= ParallelItems && Environment.ProcessorCount > 1)
        {
            WriteItemsInParallel(w, document.Items, buffer, output);
        }
        else
        {
            foreach (var item in document.Items)
            {
                WriteItem(w, item);
                if (w.BytesPending >= FlushAt)
                {
                    Flush(w, buffer, output);
                }
            }
        }

        w.WriteEndArray();
        w.WritePropertyName(Names.Removed);
        w.WriteStartArray();
        foreach (var line in document.RemovedLines)
        {
            w.WriteStartObject();
            WriteString(w, Names.Text, line.Text);
            WriteString(w, Names.Reason, line.Reason);
            w.WriteEndObject();
            if (w.BytesPending >= FlushAt)
            {
                Flush(w, buffer, output);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        Flush(w, buffer, output);
    }

    /// <summary>Documents with this many items have their items written on all cores, in pieces joined in order.</summary>
    private const int ParallelItems = 512;

    private static void WriteItem(Utf8JsonWriter w, PlanItem item)
    {
        w.WriteStartObject();
        w.WriteNumber(Names.Id, item.Id);
        WriteNumber(w, Names.Parent, item.Parent);

        w.WriteNumber(Names.Level, item.Level);
        WriteString(w, Names.Marker, item.Marker);
        WriteString(w, Names.Heading, item.Heading);
        WriteString(w, Names.Text, item.Text);
        w.WritePropertyName(Names.Responsible);
        w.WriteStartArray();
        foreach (var unit in item.Responsible)
        {
            w.WriteStringValue(unit);
        }

        w.WriteEndArray();
        WriteString(w, Names.Deadline, item.Deadline?.ToString());
        w.WritePropertyName(Names.Quantities);
        WriteQuantities(w, item.Quantities);
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes the items of a long document on all cores: each piece of consecutive items is written by a writer of its own
    /// inside the same two levels (the document object, the items array), so its bytes are what the one writer would have
    /// written there — each item on a new line at the items' indentation, a comma between items — and the pieces go into
    /// the array in order as raw JSON (the writer adds the comma between pieces).
    /// </summary>
    private static void WriteItemsInParallel(Utf8JsonWriter w, IReadOnlyList<PlanItem> items, ArrayBufferWriter<byte> buffer, Stream output)
    {
        var pieces = new byte[(items.Count + ParallelItems - 1) / ParallelItems][];
        Parallelism.ForRanges(pieces.Length, 2, (from, to) =>
        {
            using var buffer = new MemoryStream();
            using var writer = new Utf8JsonWriter(buffer, Options);
            for (var k = from; k < to; k++)
            {
                buffer.SetLength(0);
                writer.Reset(buffer);
                writer.WriteStartObject();
                writer.WritePropertyName(Names.Items);
                writer.WriteStartArray();
                writer.Flush();
                var opening = (int)buffer.Length;
                for (var i = k * ParallelItems; i < Math.Min(items.Count, (k + 1) * ParallelItems); i++)
                {
                    WriteItem(writer, items[i]);
                }

                writer.Flush();
                pieces[k] = buffer.GetBuffer().AsSpan(opening, (int)buffer.Length - opening).ToArray();
            }
        });

        foreach (var piece in pieces)
        {
            w.WriteRawValue(piece, skipInputValidation: true);
            Flush(w, buffer, output);
        }
    }

    /// <summary>
    /// Writes a string property exactly as <see cref="Utf8JsonWriter.WriteString(JsonEncodedText, string)"/> with
    /// <see cref="Options"/> would — the same escapes, from the same encoder — but without the writer's general escaping
    /// path, which the item texts (line breaks) always took: runs of characters the encoder leaves as they are are
    /// transcoded to UTF-8 at once, the few characters it escapes (quotes, backslashes, ASCII controls) are copied from a
    /// table the encoder filled in. A string with any other character the encoder escapes goes to the writer.
    /// </summary>
    private static void WriteString(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
            return;
        }

        var quoted = Quoted(value);
        if (quoted.IsEmpty)
        {
            w.WriteString(name, value);
            return;
        }

        w.WritePropertyName(name);
        w.WriteRawValue(quoted, skipInputValidation: true);
    }

    [ThreadStatic]
    private static byte[]? quotedBuffer;

    /// <summary>The JSON string for <paramref name="value"/> with its quotes, or empty when only the writer can escape it.</summary>
    private static ReadOnlySpan<byte> Quoted(string value)
    {
        var size = (value.Length * 6) + 2;
        var bytes = quotedBuffer;
        if (bytes is null || bytes.Length < size)
        {
            quotedBuffer = bytes = new byte[Math.Max(size, 1024)];
        }

        var n = 0;
        bytes[n++] = (byte)'"';
        var text = value.AsSpan();
        while (!text.IsEmpty)
        {
            var run = 0;
            while (run < text.Length && IsPlain(text[run]))
            {
                run++;
            }

            n += Encoding.UTF8.GetBytes(text[..run], bytes.AsSpan(n));
            if (run == text.Length)
            {
                break;
            }

            var c = text[run];
            if (c >= AsciiEscapes.Length || AsciiEscapes[c] is not { } escape)
            {
                return default;
            }

            escape.CopyTo(bytes, n);
            n += escape.Length;
            text = text[(run + 1)..];
        }

        bytes[n++] = (byte)'"';
        return bytes.AsSpan(0, n);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain(char c) => (PlainChars[c >> 6] & (1UL << (c & 63))) != 0;

    /// <summary>One bit for each UTF-16 code unit: set when the encoder writes it as it is (never for a surrogate).</summary>
    private static readonly ulong[] PlainChars = BuildPlainChars();

    /// <summary>How the encoder writes each ASCII character it escapes (as UTF-8), null for those it leaves as they are.</summary>
    private static readonly byte[]?[] AsciiEscapes = BuildAsciiEscapes();

    private static ulong[] BuildPlainChars()
    {
        var bits = new ulong[(char.MaxValue + 1) / 64];
        var encoder = Options.Encoder!;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (!char.IsSurrogate((char)c) && !encoder.WillEncode(c))
            {
                bits[c >> 6] |= 1UL << (c & 63);
            }
        }

        return bits;
    }

    private static byte[]?[] BuildAsciiEscapes()
    {
        var escapes = new byte[]?[128];
        var encoder = Options.Encoder!;
        for (var c = 0; c < escapes.Length; c++)
        {
            if (encoder.WillEncode(c))
            {
                escapes[c] = Encoding.UTF8.GetBytes(encoder.Encode(((char)c).ToString()));
            }
        }

        return escapes;
    }

    public static string ComparatorText(Comparator c) => c switch
    {
        Comparator.AtLeast => ">=",
        Comparator.AtMost => "<=",
        Comparator.Range => "range",
        _ => "=",
    };

    public static string KindText(QuantityKind k) => k switch
    {
        QuantityKind.Achievement => "achievement",
        QuantityKind.Other => "other",
        _ => "target",
    };

    private static void WriteQuantities(Utf8JsonWriter w, IReadOnlyList<Quantity> quantities)
    {
        w.WriteStartArray();
        foreach (var q in quantities)
        {
            w.WriteStartObject();
            WriteString(w, Names.Text, q.Text);
            WriteNumber(w, Names.Value, q.Value);
            WriteNumber(w, Names.Upper, q.Upper);
            WriteNumber(w, Names.Denominator, q.Denominator);
            WriteString(w, Names.Unit, q.Unit);
            WriteString(w, Names.Subject, q.Subject);
            w.WriteString(Names.Comparator, ComparatorText(q.Comparator));
            w.WriteString(Names.Kind, KindText(q.Kind));
            w.WriteBoolean(Names.Placeholder, q.Placeholder);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, JsonEncodedText name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, JsonEncodedText name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v / 1.000000000000000000000000000000000m);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
