namespace Luoshi.Parsing.Reading;

/// <summary>
/// What any document may unpack to and how deeply it may nest, for every parse (web and command line): a .docx or web
/// page beyond these is hostile or broken, and reading it could exhaust memory or the stack. Real plans stay far below:
/// the body of a 100-page Word document is a few MB of XML nested a few dozen levels deep.
/// </summary>
public static class ReadingLimits
{
    /// <summary>Bytes one XML part of a .docx may unpack to.</summary>
    public const long MaxXmlPartBytes = 8L * 1024 * 1024;

    /// <summary>Bytes all parts of a .docx together may unpack to (pictures included).</summary>
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    /// <summary>Parts (files) a .docx may hold.</summary>
    public const int MaxParts = 5_000;

    /// <summary>How deep XML elements may nest in a .docx part.</summary>
    public const int MaxXmlDepth = 256;

    /// <summary>Elements all XML parts of a .docx together may hold.</summary>
    public const int MaxXmlElements = 500_000;

    /// <summary>How deep the tags of a web page may nest.</summary>
    public const int MaxHtmlDepth = 256;

    /// <summary>Tags a web page may hold.</summary>
    public const int MaxHtmlTags = 200_000;

    internal static string Megabytes(long bytes) => (bytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
