using System.Text;
using Luoshi.Parsing.Rendering;

namespace Luoshi.Parsing.Tests;

/// <summary>
/// A long document's lines and items are read on all cores; what comes out is what one thread reads, byte for byte,
/// and a document of a few pages (read on one thread) reads the same inside a long one as on its own.
/// </summary>
public class LongDocumentTests
{
    /// <summary>The corpus plans one after another, <paramref name="rounds"/> times: thousands of lines and items.</summary>
    private static string Repeated(int rounds)
    {
        Assert.True(CorpusTests.Corpus is not null, "the corpus (tests/Data/corpus) was not copied beside the test binaries");
        var plans = Directory.GetFiles(Path.Combine(CorpusTests.Corpus!, "plans"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var text = new StringBuilder();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var plan in plans)
            {
                text.Append(plan).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Json(Model.PlanDocument document) => Encoding.UTF8.GetString(JsonPlanRenderer.Render(document));

    [Fact]
    public void A_long_document_reads_the_same_on_all_cores_as_on_one_thread()
    {
        var text = Repeated(6);
        var shared = PlanParser.Parse(text, "long.txt");
        Assert.True(shared.Items.Count > 1000, $"{shared.Items.Count} items: too few to be shared among threads");

        // A cap on targets (as for uploads) reads the items one after another on this thread.
        var oneThread = PlanParser.Parse(text, "long.txt", new ParseOptions { MaxTargets = int.MaxValue - 1, MaxItems = int.MaxValue - 1 });
        Assert.Equal(Json(oneThread), Json(shared));
    }

    /// <summary>
    /// A long document's items are written in pieces on all cores and joined: the JSON is what one writer writes, which
    /// reading it back and writing it again with the same writer options shows byte for byte.
    /// </summary>
    [Fact]
    public void The_json_of_a_long_document_is_written_as_one_writer_writes_it()
    {
        var document = PlanParser.Parse(Repeated(4), "long.txt");
        Assert.True(document.Items.Count > 1000, $"{document.Items.Count} items: too few to be written in pieces");
        var written = JsonPlanRenderer.Render(document);
        Assert.True(written.Length > 8 << 16, $"{written.Length} bytes");

        using var json = System.Text.Json.JsonDocument.Parse(written);
        using var again = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(again, new System.Text.Json.JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = true,
        }))
        {
            json.WriteTo(writer);
        }

        Assert.Equal(document.Items.Count, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(Encoding.UTF8.GetString(again.ToArray()), Encoding.UTF8.GetString(written));
    }
}
