using Luoshi.Parsing.Rendering.Office;

namespace Luoshi.Application.Documents;

/// <summary>
/// The parts of a 公文's body after its 版头 and title, as both the Word document (<see cref="OfficialDocument"/>) and the
/// PDF (<see cref="OfficialPdf"/>) write them, so a report's content is composed once for both.
/// </summary>
public interface IOfficialWriter
{
    /// <summary>A first-level heading (一、总体情况) in 黑体.</summary>
    void Heading(string text);

    /// <summary>Body text; each line a paragraph indented two characters.</summary>
    void Text(string text);

    /// <summary>A table across the 版心, its header row repeated on every page it runs on to.</summary>
    void Table(SheetTable table);

    /// <summary>A PNG picture across the 版心 (its width and height in pixels give its shape), its caption centred under it.</summary>
    void Image(byte[] png, int width, int height, string caption);

    /// <summary>The issuer and the date at the end, right-aligned (落款).</summary>
    void Signature(DateOnly date);
}
