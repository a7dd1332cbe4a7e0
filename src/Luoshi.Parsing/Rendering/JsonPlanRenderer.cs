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

    public static void Write(PlanDocument document, Stream output)
    {
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString(Names.Schema, document.Schema);
        w.WriteString(Names.Title, document.Title);
        WriteNumber(w, Names.Year, document.Year);

        w.WriteString(Names.Issuer, document.Issuer);
        w.WritePropertyName(Names.Quantities);
        WriteQuantities(w, document.Quantities);
        w.WritePropertyName(Names.Items);
        w.WriteStartArray();
        if (document.Items.Count >= ParallelItems && Environment.ProcessorCount > 1)
        {
            WriteItemsInParallel(w, document.Items);
        }
        else
        {
            foreach (var item in document.Items)
            {
                WriteItem(w, item);
                if (w.BytesPending >= FlushAt)
                {
                    w.Flush();
                }
            }
        }

        w.WriteEndArray();
        w.WritePropertyName(Names.Removed);
        w.WriteStartArray();
        foreach (var line in document.RemovedLines)
        {
            w.WriteStartObject();
            w.WriteString(Names.Text, line.Text);
            w.WriteString(Names.Reason, line.Reason);
            w.WriteEndObject();
            if (w.BytesPending >= FlushAt)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>Documents with this many items have their items written on all cores, in pieces joined in order.</summary>
    private const int ParallelItems = 512;

    private static void WriteItem(Utf8JsonWriter w, PlanItem item)
    {
        w.WriteStartObject();
        w.WriteNumber(Names.Id, item.Id);
        WriteNumber(w, Names.Parent, item.Parent);

        w.WriteNumber(Names.Level, item.Level);
        w.WriteString(Names.Marker, item.Marker);
        w.WriteString(Names.Heading, item.Heading);
        w.WriteString(Names.Text, item.Text);
        w.WritePropertyName(Names.Responsible);
        w.WriteStartArray();
        foreach (var unit in item.Responsible)
        {
            w.WriteStringValue(unit);
        }

        w.WriteEndArray();
        w.WriteString(Names.Deadline, item.Deadline?.ToString());
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
    private static void WriteItemsInParallel(Utf8JsonWriter w, IReadOnlyList<PlanItem> items)
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
            w.Flush();
        }
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
            w.WriteString(Names.Text, q.Text);
            WriteNumber(w, Names.Value, q.Value);
            WriteNumber(w, Names.Upper, q.Upper);
            WriteNumber(w, Names.Denominator, q.Denominator);
            w.WriteString(Names.Unit, q.Unit);
            w.WriteString(Names.Subject, q.Subject);
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
