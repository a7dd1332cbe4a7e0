using System.Data;
using System.Globalization;
using DuckDB.NET.Data;
using Luoshi.Domain.Indicators;

namespace Luoshi.Application.Analytics;

/// <summary>
/// The analytics store: an in-process DuckDB (columnar) holding the org tree as paths from the top, the data elements,
/// every value (unit, month, element, option, value) and the indicators' terms. Indicators are worked out in SQL as
/// ratios of sums: each term is first combined over time per unit as its element says (sum, average, last), then summed
/// up the tree, and only then divided — never a mean of the units' ratios. Missing values have no row and stay missing;
/// a zero is a value. One connection, one caller at a time.
/// </summary>
public sealed class AnalyticsEngine : IDisposable
{
    /// <summary>How deep the org tree may be (province → city → district → school → …).</summary>
    public const int MaxDepth = 6;

    private readonly DuckDBConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, int> elementIds = [];
    private readonly Dictionary<string, int> optionIds = [];
    private Dictionary<int, int> depthOf = [];
    private Dictionary<int, int[]> indicatorElements = [];

    /// <summary>An indicator as the recompute works it out over the pivot: its terms as (numerator?, pivot column, sign).</summary>
    private sealed record PivotIndicator(int Id, double Factor, double NumeratorConstant, double DenominatorConstant, bool HasDenominator,
        IReadOnlyList<(bool Numerator, int Column, double Sign)> Terms);

    /// <summary>The pivot's columns: each (element, option) a term reads (option null: the element's sum over its options).</summary>
    private List<(int Element, int? Option)> pivotColumns = [];

    private List<PivotIndicator> pivotIndicators = [];

    public AnalyticsEngine()
    {
        connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute($"SET threads = {Math.Max(1, Environment.ProcessorCount)}");
        Execute(TablesSql("DOUBLE"));
        Execute("CREATE TABLE unit_months (unit INTEGER, month INTEGER)");
    }

    /// <summary>Replaces the org tree. Units whose parent is unknown are treated as tops.</summary>
    public void SetUnits(IEnumerable<UnitRow> units)
    {
        var list = units.ToList();
        var parents = list.ToDictionary(u => u.Id, u => u.ParentId);
        var withChildren = list.Where(u => u.ParentId is { } p && parents.ContainsKey(p)).Select(u => u.ParentId!.Value).ToHashSet();
        var paths = new Dictionary<int, List<int>>();
        List<int> PathOf(int id)
        {
            if (paths.TryGetValue(id, out var known)) return known;
            var path = new List<int>();
            for (int? at = id; at is { } a && path.Count < MaxDepth; at = parents.GetValueOrDefault(a))
            {
                path.Insert(0, a);
                if (!parents.ContainsKey(a)) break;
            }
            return paths[id] = path;
        }
        Locked(() =>
        {
            Execute("DELETE FROM units");
            using var appender = connection.CreateAppender("units");
            foreach (var unit in list)
            {
                var path = PathOf(unit.Id);
                var row = appender.CreateRow().AppendValue(unit.Id).AppendValue(path.Count - 1);
                row = path.Count > 1 ? row.AppendValue(path[^2]) : row.AppendNullValue();
                row = row.AppendValue(!withChildren.Contains(unit.Id));
                for (var i = 0; i < MaxDepth; i++) row = i < path.Count ? row.AppendValue(path[i]) : row.AppendNullValue();
                row.EndRow();
            }
            depthOf = list.ToDictionary(u => u.Id, u => PathOf(u.Id).Count - 1);
        });
    }

    /// <summary>Replaces the data elements; each gets a number (1, 2, … in the order given) that the store keeps values by.</summary>
    public void SetElements(IEnumerable<ElementRow> elements) => Locked(() =>
    {
        Execute("DELETE FROM elements");
        using var appender = connection.CreateAppender("elements");
        foreach (var e in elements)
            appender.CreateRow().AppendValue(ElementId(e.Code)).AppendValue(e.Code).AppendValue(e.Aggregation.ToString().ToLowerInvariant()).EndRow();
    });

    private int ElementId(string code)
    {
        if (!elementIds.TryGetValue(code, out var id)) elementIds[code] = id = elementIds.Count + 1;
        return id;
    }

    private int OptionId(string option)
    {
        if (option.Length == 0) return 0;
        if (!optionIds.TryGetValue(option, out var id)) optionIds[option] = id = optionIds.Count + 1;
        return id;
    }

    /// <summary>Replaces the indicators and their terms.</summary>
    public void SetIndicators(IEnumerable<IndicatorRow> indicators) => Locked(() =>
    {
        var list = indicators.ToList();
        Execute("DELETE FROM terms; DELETE FROM indicators;");
        var elementsOf = new Dictionary<int, int[]>();
        using (var terms = connection.CreateAppender("terms"))
        using (var rows = connection.CreateAppender("indicators"))
        {
            foreach (var indicator in list)
            {
                AppendTerms(terms, indicator.Id, true, indicator.Numerator);
                if (indicator.Denominator is { } den) AppendTerms(terms, indicator.Id, false, den);
                rows.CreateRow().AppendValue(indicator.Id).AppendValue((double)indicator.Factor)
                    .AppendValue(Constant(indicator.Numerator)).AppendValue(indicator.Denominator is null ? 0 : Constant(indicator.Denominator))
                    .AppendValue(indicator.Denominator is not null).EndRow();
                elementsOf[indicator.Id] = indicator.Numerator.Operands.Concat(indicator.Denominator?.Operands ?? [])
                    .Select(o => ElementId(o.ElementCode)).Distinct().ToArray();
            }
        }
        indicatorElements = elementsOf;
        var columns = new List<(int Element, int? Option)>();
        int Column(int element, int? option)
        {
            var at = columns.IndexOf((element, option));
            if (at < 0) columns.Add((element, option));
            return at < 0 ? columns.Count - 1 : at;
        }
        pivotIndicators = [.. list.Select(i => new PivotIndicator(i.Id, (double)i.Factor, Constant(i.Numerator),
            i.Denominator is null ? 0 : Constant(i.Denominator), i.Denominator is not null,
            [.. PivotTerms(i.Numerator).Select(t => (true, Column(t.Element, t.Option), t.Sign)),
             .. (i.Denominator is null ? [] : PivotTerms(i.Denominator)).Select(t => (false, Column(t.Element, t.Option), t.Sign))]))];
        pivotColumns = columns;
        RebuildPivot();
    });

    private IEnumerable<(int Element, int? Option, double Sign)> PivotTerms(IndicatorExpression expression) =>
        expression.Terms.Where(t => t.Operand is not null).Select(t =>
            (ElementId(t.Operand!.ElementCode), t.Operand.Option is { } o ? OptionId(o) : (int?)null, (double)t.Sign)).ToList();

    private static double Constant(IndicatorExpression e) => (double)e.Terms.Where(t => t.Operand is null).Sum(t => t.Constant);

    private void AppendTerms(DuckDBAppender appender, int indicator, bool numerator, IndicatorExpression expression)
    {
        foreach (var term in expression.Terms.Where(t => t.Operand is not null))
        {
            var row = appender.CreateRow().AppendValue(indicator).AppendValue(numerator).AppendValue(ElementId(term.Operand!.ElementCode));
            row = term.Operand.Option is { } option ? row.AppendValue(OptionId(option)) : row.AppendNullValue();
            row.AppendValue((double)term.Sign).EndRow();
        }
    }

    /// <summary>
    /// Bulk-loads values with DuckDB's appender (on start: everything the database holds), then keeps them in element
    /// and month order, so that a query for one indicator reads only its elements' blocks.
    /// </summary>
    public long Load(IEnumerable<ValueRow> values) =>
        LoadNumbered(values.Select(v => (v.UnitId, v.Month, ElementId(v.ElementCode), OptionId(v.Option), v.Value)));

    /// <summary>
    /// Bulk-loads values from a reader of (unit, month, element, option, value) rows, as a database sends them; element
    /// and option are codes (text) or already the store's numbers.
    /// </summary>
    public long Load(IDataReader reader) => reader.GetFieldType(2) == typeof(string)
        ? Load(ReadCoded(reader))
        : LoadNumbered(ReadNumbered(reader));

    private static IEnumerable<ValueRow> ReadCoded(IDataReader reader)
    {
        while (reader.Read())
            yield return new ValueRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2),
                reader.IsDBNull(3) ? "" : reader.GetString(3), Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture));
    }

    private static IEnumerable<(int, int, int, int, double)> ReadNumbered(IDataReader reader)
    {
        while (reader.Read())
            yield return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? 0 : reader.GetInt32(3),
                reader.GetDouble(4));
    }

    private long LoadNumbered(IEnumerable<(int Unit, int Month, int Element, int Option, double Value)> values)
    {
        long count = 0;
        Locked(() =>
        {
            using (var appender = connection.CreateAppender("vals"))
            {
                foreach (var v in values)
                {
                    appender.CreateRow().AppendValue(v.Unit).AppendValue(v.Month).AppendValue(v.Element).AppendValue(v.Option)
                        .AppendValue(v.Value).EndRow();
                    count++;
                }
            }
            Execute("CREATE OR REPLACE TABLE vals AS SELECT * FROM vals ORDER BY element, month, unit");
            RebuildPivot();
        });
        return count;
    }

    /// <summary>
    /// Keeps the store current after a write: each changed value replaces the one of its unit, month, element and option;
    /// a null value removes it (missing again). Seen by the next query.
    /// </summary>
    public void Apply(IEnumerable<(int UnitId, int Month, string ElementCode, string Option, double? Value)> changes) => Locked(() =>
    {
        using var transaction = connection.BeginTransaction();
        var touched = new HashSet<(int Unit, int Month)>();
        foreach (var change in changes)
        {
            touched.Add((change.UnitId, change.Month));
            var element = ElementId(change.ElementCode);
            var option = OptionId(change.Option);
            using var delete = Command("DELETE FROM vals WHERE element = $1 AND month = $2 AND unit = $3 AND option = $4",
                element, change.Month, change.UnitId, option);
            delete.ExecuteNonQuery();
            if (change.Value is not { } value) continue;
            using var insert = Command("INSERT INTO vals VALUES ($1, $2, $3, $4, $5)", change.UnitId, change.Month, element, option, value);
            insert.ExecuteNonQuery();
        }
        RefreshPivot(touched);
        transaction.Commit();
    });

    /// <summary>
    /// The pivot: one row per unit and month that has a value of an element some indicator reads, a column per (element,
    /// option) of the indicators' terms holding the sum of that month's values (null when there is none: missing stays
    /// missing). Built whole on load and when the indicators change, and kept exact on every write (<see cref="RefreshPivot"/>).
    /// </summary>
    private string PivotSelect(string where) => pivotColumns.Count == 0
        ? "SELECT unit, month FROM vals WHERE FALSE"
        : $"SELECT unit, month, {string.Join(", ", pivotColumns.Select((c, i) =>
              $"sum(value) FILTER (WHERE element = {c.Element}{(c.Option is { } o ? $" AND option = {o}" : "")}) AS c{i}"))} "
          + $"FROM vals WHERE element IN ({string.Join(", ", pivotColumns.Select(c => c.Element).Distinct())}){where} GROUP BY unit, month";

    private void RebuildPivot() => Execute($"CREATE OR REPLACE TABLE unit_months AS {PivotSelect("")} ORDER BY unit, month");

    /// <summary>Works the pivot's rows of the changed units and months out again from their values, so the pivot stays exact.</summary>
    private void RefreshPivot(IReadOnlyCollection<(int Unit, int Month)> touched)
    {
        foreach (var chunk in touched.Chunk(500))
        {
            var pairs = string.Join(" OR ", chunk.Select(p => $"(unit = {p.Unit} AND month = {p.Month})"));
            Execute($"DELETE FROM unit_months WHERE {pairs}");
            Execute($"INSERT INTO unit_months {PivotSelect($" AND ({pairs})")}");
        }
    }

    /// <summary>Removes every value (before a reload).</summary>
    public void ClearValues() => Locked(() => Execute("DELETE FROM vals; DELETE FROM unit_months;"));

    /// <summary>
    /// One indicator for a unit's subtree: the figures of <paramref name="orgUnitId"/> and, when <paramref name="levelsBelow"/>
    /// is above 0, of its descendants that many levels down; periods from <paramref name="fromMonth"/> to
    /// <paramref name="toMonth"/> (yyyymm, inclusive) grouped by <paramref name="grain"/>.
    /// </summary>
    public IReadOnlyList<AnalyticsFigure> Query(int indicatorId, int orgUnitId, int fromMonth, int toMonth, PeriodGrain grain, int levelsBelow = 0)
    {
        if (!depthOf.TryGetValue(orgUnitId, out var depth) || !indicatorElements.TryGetValue(indicatorId, out var elements)) return [];
        var lowest = Math.Min(depth + Math.Max(levelsBelow, 0), MaxDepth - 1);
        var filter = $"t.indicator = {indicatorId} AND v.element IN ({string.Join(", ", elements)}) " +
            $"AND v.month BETWEEN {fromMonth} AND {toMonth} AND v.unit IN (SELECT id FROM units WHERE a{depth} = {orgUnitId})";
        var sql = FiguresSql(filter, grain, depth, lowest);
        return Locked(() => ReadFigures(sql, grain));
    }

    /// <summary>
    /// A full recompute: every indicator for every unit and month, each figure worked out and folded into a check per
    /// indicator (how many figures, how many with a value, their sum, a sum weighted by unit and month).
    /// </summary>
    /// <remarks>
    /// It reads the pivot (each unit's and month's sum per element and option, kept exact on every write): the units'
    /// sums up the tree are one pass grouping the pivot by each depth's ancestor (a unit's subtree: its own values and
    /// its descendants'), and each indicator's figure is worked out from those sums, a ratio of sums. It gives the same
    /// numbers as <see cref="AllMonthlyFiguresCheckSql"/> over the values themselves (the bench and the tests check it).
    /// </remarks>
    public List<object?[]> RecomputeAll() => Rows(RecomputeSql());

    /// <summary>The figures of every indicator for every unit and month over the pivot, folded as <see cref="AllMonthlyFiguresCheckSql"/> folds them.</summary>
    private string RecomputeSql()
    {
        if (pivotIndicators.Count == 0) return "SELECT 0 AS indicator, 0 AS figures, 0 AS valued, 0.0 AS total, 0.0 AS weighted WHERE FALSE";
        var columns = string.Join(", ", pivotColumns.Select((_, i) => $"c{i}"));
        var sums = string.Join(", ", pivotColumns.Select((_, i) => $"sum(c{i}) AS c{i}"));
        // A unit without children is its own row (no grouping); a unit with children sums its subtree's rows, its own included.
        var levels = "SELECT unit, month, " + columns + " FROM placed WHERE leafy" + string.Concat(Enumerable.Range(0, MaxDepth).Select(k =>
            $"\n UNION ALL SELECT a{k} AS unit, month, {sums} FROM placed WHERE depth >= {k} AND a{k} IS NOT NULL AND NOT (leafy AND depth = {k}) GROUP BY a{k}, month"));
        var placed = "SELECT p.unit, p.month, u.depth, u.leafy, " + string.Join(", ", Enumerable.Range(0, MaxDepth).Select(k => $"u.a{k}"))
            + ", " + string.Join(", ", pivotColumns.Select((_, i) => $"p.c{i}")) + " FROM unit_months p JOIN units u ON u.id = p.unit";
        static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        static string Side(IEnumerable<(bool, int Column, double Sign)> terms)
        {
            var list = terms.ToList();
            if (list.Count == 0) return "CAST(NULL AS DOUBLE)";
            return $"CASE WHEN {string.Join(" AND ", list.Select(t => $"c{t.Column} IS NULL"))} THEN NULL ELSE "
                + string.Join(" + ", list.Select(t => $"coalesce({Number(t.Sign)} * c{t.Column}, 0)")) + " END";
        }
        var perIndicator = pivotIndicators.Select(i =>
        {
            var n = $"({Side(i.Terms.Where(t => t.Numerator))})";
            var d = i.HasDenominator ? $"({Side(i.Terms.Where(t => !t.Numerator))})" : "CAST(NULL AS DOUBLE)";
            var value = i.HasDenominator
                ? $"CASE WHEN n IS NULL OR d IS NULL OR d + {Number(i.DenominatorConstant)} = 0 THEN NULL "
                  + $"ELSE (n + {Number(i.NumeratorConstant)}) / (d + {Number(i.DenominatorConstant)}) * {Number(i.Factor)} END"
                : $"(n + {Number(i.NumeratorConstant)}) * {Number(i.Factor)}";
            return $"SELECT {i.Id} AS indicator, count(*) AS figures, count(value) AS valued, sum(value) AS total, "
                + "sum(value * (unit % 97 + 1) * (month % 13 + 1)) AS weighted "
                + $"FROM (SELECT unit, month, {value} AS value FROM (SELECT unit, month, {n} AS n, {d} AS d FROM sums) x "
                + "WHERE n IS NOT NULL OR d IS NOT NULL) y";
        });
        return $"WITH placed AS MATERIALIZED ({placed}), sums AS MATERIALIZED ({levels})\n{string.Join("\nUNION ALL\n", perIndicator)}\nORDER BY indicator";
    }

    /// <summary>Runs a query over the store.</summary>
    public List<object?[]> Rows(string sql) => Locked(() =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    });

    /// <summary>
    /// The full monthly recompute as plain SQL over tables units, vals, terms and indicators, folded into a check per
    /// indicator: the same text runs on DuckDB and on PostgreSQL (the bench compares them on the same data).
    /// </summary>
    public static string AllMonthlyFiguresCheckSql =>
        $"""
        SELECT indicator, count(*) AS figures, count(value) AS valued, sum(value) AS total,
               sum(value * (unit % 97 + 1) * (bucket % 13 + 1)) AS weighted
        FROM ({FiguresSql("TRUE", PeriodGrain.Month, 0, MaxDepth - 1)}) f
        GROUP BY indicator ORDER BY indicator
        """;

    /// <summary>The store's tables, for a database that is to hold the same rows.</summary>
    public static string TablesSql(string doubleType) =>
        $"""
        CREATE TABLE units (id INTEGER, depth INTEGER, parent INTEGER, leafy BOOLEAN,
            {string.Join(", ", Enumerable.Range(0, MaxDepth).Select(i => $"a{i} INTEGER"))});
        CREATE TABLE elements (id INTEGER, code VARCHAR, agg VARCHAR);
        CREATE TABLE vals (unit INTEGER, month INTEGER, element INTEGER, option INTEGER, value {doubleType});
        CREATE TABLE terms (indicator INTEGER, isn BOOLEAN, element INTEGER, option INTEGER, sign {doubleType});
        CREATE TABLE indicators (id INTEGER, factor {doubleType}, ncon {doubleType}, dcon {doubleType}, has_den BOOLEAN);
        """;

    private static string Bucket(PeriodGrain grain) => grain switch
    {
        PeriodGrain.Month => "v.month",
        PeriodGrain.Quarter => "(v.month // 100) * 100 + ((v.month % 100 - 1) // 3) * 3 + 1",
        _ => "(v.month // 100) * 100 + 1",
    };

    /// <summary>
    /// The SQL of the figures: (1) each unit's own numerator and denominator per bucket — in a month a term is the sum of
    /// its options; over a quarter or year it is first combined per unit as its element says (sum, average, last);
    /// (2) level by level from the deepest up, a unit's sums are its own plus its children's; (3) divided, × factor.
    /// Units at depths <paramref name="fromDepth"/>..<paramref name="toDepth"/> are answered.
    /// </summary>
    private static string FiguresSql(string filter, PeriodGrain grain, int fromDepth, int toDepth)
    {
        var own = grain == PeriodGrain.Month
            ? $"""
              SELECT t.indicator, v.unit, v.month AS bucket,
                     sum(t.sign * v.value) FILTER (WHERE t.isn) AS n, sum(t.sign * v.value) FILTER (WHERE NOT t.isn) AS d
              FROM vals v JOIN terms t ON v.element = t.element
              WHERE (t.option IS NULL OR t.option = v.option) AND {filter}
              GROUP BY t.indicator, v.unit, v.month
              """
            : $"""
              WITH m AS (
                  SELECT t.indicator, t.isn, t.element, t.option, t.sign, v.unit, v.month, {Bucket(grain)} AS bucket, sum(v.value) AS s
                  FROM vals v JOIN terms t ON v.element = t.element
                  WHERE (t.option IS NULL OR t.option = v.option) AND {filter}
                  GROUP BY ALL
              ), b AS (
                  SELECT m.indicator, m.isn, m.unit, m.bucket,
                         m.sign * CASE any_value(e.agg) WHEN 'average' THEN avg(m.s) WHEN 'last' THEN arg_max(m.s, m.month) ELSE sum(m.s) END AS x
                  FROM m LEFT JOIN elements e ON e.id = m.element
                  GROUP BY m.indicator, m.isn, m.element, m.option, m.sign, m.unit, m.bucket
              )
              SELECT indicator, unit, bucket, sum(x) FILTER (WHERE isn) AS n, sum(x) FILTER (WHERE NOT isn) AS d
              FROM b GROUP BY indicator, unit, bucket
              """;
        var ctes = new List<string>
        {
            $"own AS ({own})",
            "placed AS (SELECT o.indicator, o.unit, o.bucket, o.n, o.d, u.depth, u.parent, u.leafy FROM own o JOIN units u ON u.id = o.unit)",
        };
        for (var k = MaxDepth - 1; k >= fromDepth; k--)
        {
            var children = k == MaxDepth - 1 ? "" : $" UNION ALL SELECT indicator, parent, bucket, n, d FROM all{k + 1}";
            ctes.Add($"""
                sum{k} AS (SELECT indicator, unit, bucket, sum(n) AS n, sum(d) AS d
                    FROM (SELECT indicator, unit, bucket, n, d FROM placed WHERE depth = {k} AND NOT leafy{children}) x
                    GROUP BY indicator, unit, bucket)
                """);
            ctes.Add($"""
                all{k} AS (SELECT indicator, unit, bucket, n, d, parent FROM placed WHERE depth = {k} AND leafy
                    UNION ALL SELECT s.indicator, s.unit, s.bucket, s.n, s.d, u.parent FROM sum{k} s JOIN units u ON u.id = s.unit)
                """);
        }
        var answered = string.Join(" UNION ALL ", Enumerable.Range(fromDepth, toDepth - fromDepth + 1)
            .Select(k => $"SELECT indicator, unit, bucket, n, d FROM all{k}"));
        return $"""
            WITH {string.Join(",\n", ctes)}
            SELECT r.indicator, r.unit, r.bucket,
                   CASE WHEN r.n IS NULL THEN NULL
                        WHEN NOT i.has_den THEN (r.n + i.ncon) * i.factor
                        WHEN r.d IS NULL OR r.d + i.dcon = 0 THEN NULL
                        ELSE (r.n + i.ncon) / (r.d + i.dcon) * i.factor END AS value,
                   r.n + i.ncon AS n, CASE WHEN i.has_den THEN r.d + i.dcon END AS d
            FROM ({answered}) r JOIN indicators i ON i.id = r.indicator
            """;
    }

    private List<AnalyticsFigure> ReadFigures(string sql, PeriodGrain grain)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql + " ORDER BY 2, 3";
        using var reader = command.ExecuteReader();
        var figures = new List<AnalyticsFigure>();
        while (reader.Read())
            figures.Add(new AnalyticsFigure(reader.GetInt32(0), reader.GetInt32(1), Months.Name(reader.GetInt32(2), grain),
                Number(reader, 3), Number(reader, 4), Number(reader, 5)));
        return figures;
    }

    private static double? Number(IDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);

    private DuckDBCommand Command(string sql, params object[] args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var arg in args) command.Parameters.Add(new DuckDBParameter(arg));
        return command;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Locked(Action action) => Locked(() => { action(); return 0; });

    private T Locked<T>(Func<T> func)
    {
        gate.Wait();
        try { return func(); }
        finally { gate.Release(); }
    }

    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }
}
