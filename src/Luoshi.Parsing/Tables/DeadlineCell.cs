using Luoshi.Parsing.Finders;
using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Tables;

/// <summary>Reads a table's deadline column: the whole cell is the limit, so any date it states counts.</summary>
public static class DeadlineCell
{
    /// <summary>The earliest date that the cell states (<c>2023年6月底</c>, <c>6月底前</c>, <c>年底</c>); null for <c>长期坚持</c>.</summary>
    public static Deadline? Read(string cell, int? planYear)
    {
        Deadline? best = null;
        for (var i = 0; i < cell.Length; i++)
        {
            if (DateAtomReader.Read(cell, i) is not { } atom)
            {
                continue;
            }

            if (atom.ToDeadline(planYear) is { } deadline && (best is null || deadline.Date < best.Value.Date))
            {
                best = deadline;
            }

            i = Math.Max(i, atom.End - 1);
        }

        return best;
    }
}
