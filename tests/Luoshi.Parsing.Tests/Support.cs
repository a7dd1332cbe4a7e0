using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Tests;

internal static class Support
{
    public static PlanDocument Parse(string text) => PlanParser.Parse(text);

    public static List<Quantity> QuantitiesOf(string text) => Parse(text).AllQuantities.ToList();

    public static Quantity Single(string text)
    {
        var all = QuantitiesOf(text);
        Assert.True(all.Count == 1, $"expected one quantity in «{text}», found {all.Count}: {string.Join(" | ", all.Select(q => $"{q.Value}{q.Unit}"))}");
        return all[0];
    }
}
