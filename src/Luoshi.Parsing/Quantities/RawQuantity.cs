using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Quantities;

/// <summary>A figure found by <see cref="QuantityScanner"/>, with its position in the scanned text.</summary>
public sealed record RawQuantity(
    int Start,
    int End,
    decimal? Value,
    decimal? Upper,
    decimal? Denominator,
    string Unit,
    Comparator Comparator,
    bool Placeholder);
