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
    private Dictionary<int, int> depthOf = [];

    public AnalyticsEngine()
    {
        connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(TablesSql("DOUBLE"));
    }

    /// <summary>Replaces the org tree. Units whose parent is unknown are treated as tops.</summary>
    public void SetUnits(IEnumerable<UnitRow> units)
    {
        var list = units.ToList();
        var parents = list.ToDictionary(u => u.Id, u => u.ParentId);
        var paths = new Dictionary<int, List<int>>();
        List<int> PathOf(int id)
        {
            if (paths.TryGetValue(id, out var known)) return known;
            var path = new List<int>();
            for (int? at = id; at is { } a && path.Count <= MaxDepth; at = parents.GetValueOrDefault(a))
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
                if (path.Count > MaxDepth) path = path[^MaxDepth..];
                var row = appender.CreateRow().AppendValue(unit.Id).AppendValue(path.Count - 1);
                for (var i = 0; i < MaxDepth; i++) row = i < path.Count ? row.AppendValue(path[i]) : row.AppendNullValue();
                row.EndRow();
            }
            depthOf = list.ToDictionary(u => u.Id, u => Math.Min(PathOf(u.Id).Count, MaxDepth) - 1);
        });
    }

    public void SetElements(IEnumerable<ElementRow> elements) => Locked(() =>
    {
        Execute("DELETE FROM elements");
        using var appender = connection.CreateAppender("elements");
        foreach (var e in elements)
            appender.CreateRow().AppendValue(e.Code).AppendValue(e.Aggregation.ToString().ToLowerInvariant()).EndRow();
    });

    /// <summary>Replaces the indicators and their terms.</summary>
    public void SetIndicators(IEnumerable<IndicatorRow> indicators) => Locked(() =>
    {
        Execute("DELETE FROM terms; DELETE FROM indicators;");
        using (var terms = connection.CreateAppender("terms"))
        using (var rows = connection.CreateAppender("indicators"))
        {
            foreach (var indicator in indicators)
            {
                AppendTerms(terms, indicator.Id, "n", indicator.Numerator);
                if (indicator.Denominator is { } den) AppendTerms(terms, indicator.Id, "d", den);
                rows.CreateRow().AppendValue(indicator.Id).AppendValue((double)indicator.Factor)
                    .AppendValue(Constant(indicator.Numerator)).AppendValue(indicator.Denominator is null ? 0 : Constant(indicator.Denominator))
                    .AppendValue(indicator.Denominator is not null).EndRow();
            }
        }
    });

    private static double Constant(IndicatorExpression e) => (double)e.Terms.Where(t => t.Operand is null).Sum(t => t.Constant);

    private static void AppendTerms(DuckDBAppender appender, int indicator, string part, IndicatorExpression expression)
    {
        foreach (var term in expression.Terms.Where(t => t.Operand is not null))
        {
            var row = appender.CreateRow().AppendValue(indicator).AppendValue(part).AppendValue(term.Operand!.ElementCode);
            row = term.Operand.Option is { } option ? row.AppendValue(option) : row.AppendNullValue();
            row.AppendValue((double)term.Sign).EndRow();
        }
    }

    /// <summary>Bulk-loads values with DuckDB's appender (on start: everything the database holds).</summary>
    public long Load(IEnumerable<ValueRow> values)
    {
        long count = 0;
        Locked(() =>
        {
            using var appender = connection.CreateAppender("vals");
            foreach (var v in values)
            {
                appender.CreateRow().AppendValue(v.UnitId).AppendValue(v.Month).AppendValue(v.ElementCode).AppendValue(v.Option)
                    .AppendValue(v.Value).EndRow();
                count++;
            }
        });
        return count;
    }

    /// <summary>Bulk-loads values from a reader of (unit, month, element, option, value) rows, as a database sends them.</summary>
    public long Load(IDataReader reader) => Load(Read(reader));

    private static IEnumerable<ValueRow> Read(IDataReader reader)
    {
        while (reader.Read())
            yield return new ValueRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2),
                reader.IsDBNull(3) ? "" : reader.GetString(3), Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Keeps the store current after a write: each changed value replaces the one of its unit, month, element and option;
    /// a null value removes it (missing again). Seen by the next query.
    /// </summary>
    public void Apply(IEnumerable<(int UnitId, int Month, string ElementCode, string Option, double? Value)> changes) => Locked(() =>
    {
        using var transaction = connection.BeginTransaction();
        foreach (var change in changes)
        {
            using var delete = Command("DELETE FROM vals WHERE unit = $1 AND month = $2 AND element = $3 AND option = $4",
                change.UnitId, change.Month, change.ElementCode, change.Option);
            delete.ExecuteNonQuery();
            if (change.Value is not { } value) continue;
            using var insert = Command("INSERT INTO vals VALUES ($1, $2, $3, $4, $5)",
                change.UnitId, change.Month, change.ElementCode, change.Option, value);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    });

    /// <summary>Removes every value (before a reload).</summary>
    public void ClearValues() => Locked(() => Execute("DELETE FROM vals"));

    /// <summary>
    /// One indicator for a unit's subtree: the figures of <paramref name="orgUnitId"/> and, when <paramref name="levelsBelow"/>
    /// is above 0, of its descendants that many levels down; periods from <paramref name="fromMonth"/> to
    /// <paramref name="toMonth"/> (yyyymm, inclusive) grouped by <paramref name="grain"/>.
    /// </summary>
    public IReadOnlyList<AnalyticsFigure> Query(int indicatorId, int orgUnitId, int fromMonth, int toMonth, PeriodGrain grain, int levelsBelow = 0)
    {
        if (!depthOf.TryGetValue(orgUnitId, out var depth)) return [];
        var lowest = Math.Min(depth + Math.Max(levelsBelow, 0), MaxDepth - 1);
        var filter = $"t.indicator = {indicatorId} AND v.month BETWEEN {fromMonth} AND {toMonth} AND u.a{depth} = {orgUnitId}";
        var sql = FiguresSql(filter, grain, depth, lowest);
        return Locked(() => ReadFigures(sql, grain));
    }

    /// <summary>
    /// A full recompute: every indicator for every unit and month, written to the table <c>figures</c>
    /// (indicator, unit, bucket, value, n, d). Answers how many figures were made.
    /// </summary>
    public long RecomputeAll(PeriodGrain grain = PeriodGrain.Month) => Locked(() =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE OR REPLACE TABLE figures AS " + FiguresSql("TRUE", grain, 0, MaxDepth - 1);
        command.ExecuteNonQuery();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM figures";
        return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    /// <summary>Runs a query over the store (for checks: the bench compares <c>figures</c> with PostgreSQL's).</summary>
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
    /// The full monthly recompute as plain SQL over tables units, vals, terms and indicators: the same text runs on DuckDB
    /// and on PostgreSQL (the bench compares them on the same data).
    /// </summary>
    public static string AllMonthlyFiguresSql => FiguresSql("TRUE", PeriodGrain.Month, 0, MaxDepth - 1);

    /// <summary>The columns of the store's tables, for a database that is to hold the same rows.</summary>
    public static string TablesSql(string doubleType) =>
        $"""
        CREATE TABLE units (id INTEGER, depth INTEGER, {string.Join(", ", Enumerable.Range(0, MaxDepth).Select(i => $"a{i} INTEGER"))});
        CREATE TABLE elements (code VARCHAR, agg VARCHAR);
        CREATE TABLE vals (unit INTEGER, month INTEGER, element VARCHAR, option VARCHAR, value {doubleType});
        CREATE TABLE terms (indicator INTEGER, part VARCHAR, element VARCHAR, option VARCHAR, sign {doubleType});
        CREATE TABLE indicators (id INTEGER, factor {doubleType}, ncon {doubleType}, dcon {doubleType}, has_den BOOLEAN);
        """;

    private static string Bucket(PeriodGrain grain) => grain switch
    {
        PeriodGrain.Month => "v.month",
        PeriodGrain.Quarter => "(v.month // 100) * 100 + ((v.month % 100 - 1) // 3) * 3 + 1",
        _ => "(v.month // 100) * 100 + 1",
    };

    /// <summary>
    /// The SQL of the figures: (1) each term per unit and month, summed over its options; (2) combined over the bucket's
    /// months per unit as its element says; (3) numerator and denominator per unit and bucket; (4) summed up the tree
    /// for the units at depths <paramref name="fromDepth"/>..<paramref name="toDepth"/>; (5) divided, × factor.
    /// </summary>
    private static string FiguresSql(string filter, PeriodGrain grain, int fromDepth, int toDepth)
    {
        var paths = string.Join(", ", Enumerable.Range(0, MaxDepth).Select(i => $"u.a{i}"));
        var sets = string.Join(", ", Enumerable.Range(fromDepth, toDepth - fromDepth + 1).Select(i => $"(indicator, bucket, a{i})"));
        var unit = "coalesce(" + string.Join(", ", Enumerable.Range(fromDepth, toDepth - fromDepth + 1).Select(i => $"a{i}")) + ")";
        var perUnit = grain == PeriodGrain.Month
            // A month is its own bucket: a term's value is the month's sum whatever the element's aggregation.
            ? $"""
              SELECT t.indicator, v.month AS bucket, {paths},
                     sum(t.sign * v.value) FILTER (WHERE t.part = 'n') AS n, sum(t.sign * v.value) FILTER (WHERE t.part = 'd') AS d
              FROM vals v JOIN terms t ON v.element = t.element AND (t.option IS NULL OR t.option = v.option)
                   JOIN units u ON u.id = v.unit
              WHERE {filter}
              GROUP BY t.indicator, v.month, {paths}
              """
            : $"""
              WITH m AS (
                  SELECT t.indicator, t.part, t.element, t.option, t.sign, v.unit, v.month, {Bucket(grain)} AS bucket, sum(v.value) AS s
                  FROM vals v JOIN terms t ON v.element = t.element AND (t.option IS NULL OR t.option = v.option)
                       JOIN units u ON u.id = v.unit
                  WHERE {filter}
                  GROUP BY ALL
              ), b AS (
                  SELECT m.indicator, m.part, m.unit, m.bucket,
                         m.sign * CASE any_value(e.agg) WHEN 'average' THEN avg(m.s) WHEN 'last' THEN arg_max(m.s, m.month) ELSE sum(m.s) END AS x
                  FROM m LEFT JOIN elements e ON e.code = m.element
                  GROUP BY m.indicator, m.part, m.element, m.option, m.sign, m.unit, m.bucket
              )
              SELECT b.indicator, b.bucket, {paths},
                     sum(x) FILTER (WHERE part = 'n') AS n, sum(x) FILTER (WHERE part = 'd') AS d
              FROM b JOIN units u ON u.id = b.unit
              GROUP BY b.indicator, b.bucket, {paths}
              """;
        return $"""
            WITH per_unit AS ({perUnit}),
            rolled AS (
                SELECT indicator, bucket, {unit} AS unit, sum(n) AS n, sum(d) AS d
                FROM per_unit
                GROUP BY GROUPING SETS ({sets})
            )
            SELECT r.indicator, r.unit, r.bucket,
                   CASE WHEN r.n IS NULL THEN NULL
                        WHEN NOT i.has_den THEN (r.n + i.ncon) * i.factor
                        WHEN r.d IS NULL OR r.d + i.dcon = 0 THEN NULL
                        ELSE (r.n + i.ncon) / (r.d + i.dcon) * i.factor END AS value,
                   r.n + i.ncon AS n, CASE WHEN i.has_den THEN r.d + i.dcon END AS d
            FROM rolled r JOIN indicators i ON i.id = r.indicator
            WHERE r.unit IS NOT NULL
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
