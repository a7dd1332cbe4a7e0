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
        w.WriteString("schema", document.Schema);
        w.WriteString("title", document.Title);
        if (document.Year is { } year)
        {
            w.WriteNumber("year", year);
        }
        else
        {
            w.WriteNull("year");
        }

        w.WriteString("issuer", document.Issuer);
        w.WritePropertyName("quantities");
        WriteQuantities(w, document.Quantities);
        w.WritePropertyName("items");
        w.WriteStartArray();
        foreach (var item in document.Items)
        {
            w.WriteStartObject();
            w.WriteNumber("id", item.Id);
            if (item.Parent is { } parent)
            {
                w.WriteNumber("parent", parent);
            }
            else
            {
                w.WriteNull("parent");
            }

            w.WriteNumber("level", item.Level);
            w.WriteString("marker", item.Marker);
            w.WriteString("heading", item.Heading);
            w.WriteString("text", item.Text);
            w.WritePropertyName("responsible");
            w.WriteStartArray();
            foreach (var unit in item.Responsible)
            {
                w.WriteStringValue(unit);
            }

            w.WriteEndArray();
            w.WriteString("deadline", item.Deadline?.ToString());
            w.WritePropertyName("quantities");
            WriteQuantities(w, item.Quantities);
            w.WriteEndObject();
            if (w.BytesPending >= FlushAt)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
        w.WritePropertyName("removed");
        w.WriteStartArray();
        foreach (var line in document.RemovedLines)
        {
            w.WriteStartObject();
            w.WriteString("text", line.Text);
            w.WriteString("reason", line.Reason);
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
            w.WriteString("text", q.Text);
            WriteNumber(w, "value", q.Value);
            WriteNumber(w, "upper", q.Upper);
            WriteNumber(w, "denominator", q.Denominator);
            w.WriteString("unit", q.Unit);
            w.WriteString("subject", q.Subject);
            w.WriteString("comparator", ComparatorText(q.Comparator));
            w.WriteString("kind", KindText(q.Kind));
            w.WriteBoolean("placeholder", q.Placeholder);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, decimal? value)
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
