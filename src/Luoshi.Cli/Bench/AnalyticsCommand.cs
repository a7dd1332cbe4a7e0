using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Luoshi.Application.Analytics;
using Luoshi.Cli.CommandLine;
using Luoshi.Domain.Indicators;
using Npgsql;

namespace Luoshi.Cli.Bench;

/// <summary>
/// <c>luoshi bench analytics</c>: a province-size data set (16 cities, 160 districts, N schools, months × elements values
/// each) generated in PostgreSQL, bulk-loaded into the DuckDB analytics engine as the server loads it on start, then
/// (a) a full recompute of every indicator for every unit and month on DuckDB and (b) the same SQL on PostgreSQL, checked
/// to agree; ends with one line <c>engine_s=… postgres_s=… ratio=… load_s=… memory_mb=…</c>.
/// </summary>
public static class AnalyticsCommand
{
    public static Command Create()
    {
        var schools = CommonOptions.Integer("--schools", "学校数（默认 20000）", 20_000, 1, 200_000);
        var months = CommonOptions.Integer("--months", "月数（1–12，默认 12）", 12, 1, 12);
        var elements = CommonOptions.Integer("--elements", "数据元个数（2–200，默认 30；每两个组成一个比率指标）", 30, 2, 200);
        var database = DatabaseOptions.Database("PostgreSQL 连接串（默认取环境变量 LUOSHI_DATABASE）；在其中建一个临时 schema，结束后删除");
        var command = new Command("analytics", "分析引擎基准：省级规模数据在 DuckDB 上全量重算全部指标，与 PostgreSQL 的同一 SQL 比较速度并核对结果")
        {
            schools, months, elements, database,
        };
        command.SetAction(async (result, _) =>
        {
            var connection = result.GetValue(database) ?? Environment.GetEnvironmentVariable("LUOSHI_DATABASE");
            if (string.IsNullOrWhiteSpace(connection))
                return CliOutput.Error("需要 PostgreSQL 连接串：用 --database 或环境变量 LUOSHI_DATABASE 给出");
            try
            {
                var run = await MeasureAsync(result.GetValue(schools), result.GetValue(months), result.GetValue(elements), connection, Console.Out);
                return run.Agree ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (NpgsqlException e)
            {
                return CliOutput.Error($"无法使用 PostgreSQL：{e.Message}");
            }
        });
        return HelpPage.WithNotes(command, """
            生成 16 个市、160 个区县、N 所学校，每校每月每个数据元一个值（20000 × 12 × 30 = 720 万个值）；
            每两个数据元组成一个百分比指标（分子 ÷ 分母 × 100），按学校、区县、市、省逐月汇总（比率之和，不是比率的平均）。
            输出最后一行：engine_s（DuckDB 全量重算秒数）postgres_s（PostgreSQL 同一 SQL 秒数）ratio load_s（装入 DuckDB 秒数）memory_mb。
            退出码：0 两者结果一致；1 不一致或数据库不可用；2 用法错误。
            示例：luoshi bench analytics --schools 20000 --months 12 --elements 30 --database "Host=…;Username=…"
            """);
    }

    /// <summary>What a run measured, and whether DuckDB and PostgreSQL gave the same figures.</summary>
    public sealed record AnalyticsResult(double EngineSeconds, double PostgresSeconds, double LoadSeconds, double QueryMilliseconds,
        long Figures, bool Agree);

    public static async Task<AnalyticsResult> MeasureAsync(int schools, int months, int elements, string connectionString, TextWriter output)
    {
        var schema = "luoshi_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using var pg = new NpgsqlConnection(connectionString);
        await pg.OpenAsync();
        await ExecuteAsync(pg, $"CREATE SCHEMA {schema}; SET search_path TO {schema};");
        try
        {
            using var engine = new AnalyticsEngine();
            var tree = Tree(schools);
            engine.SetUnits(tree.Units);
            engine.SetElements(Enumerable.Range(1, elements).Select(e => new ElementRow(Code(e), PeriodAggregation.Sum)));
            engine.SetIndicators(Indicators(elements));
            var values = (long)schools * months * elements;
            output.WriteLine($"分析基准：{tree.Cities} 个市、{tree.Districts} 个区县、{schools} 所学校，{months} 个月 × {elements} 个数据元 = " +
                $"{values:N0} 个值，{elements / 2} 个指标；{Environment.ProcessorCount} 核");

            await ExecuteAsync(pg, AnalyticsEngine.TablesSql("DOUBLE PRECISION").Replace("CREATE TABLE", "CREATE UNLOGGED TABLE"));
            foreach (var table in new[] { "units", "elements", "terms", "indicators" })
                await CopyAsync(pg, table, engine.Rows($"SELECT * FROM {table}"));
            var clock = Stopwatch.StartNew();
            await ExecuteAsync(pg, Generate(tree.FirstSchool, schools, months, elements));
            await ExecuteAsync(pg, "ANALYZE");
            output.WriteLine($"已在 PostgreSQL 中生成数据（{clock.Elapsed.TotalSeconds:0.0} 秒）");

            clock.Restart();
            await using (var read = new NpgsqlCommand("SELECT unit, month, element, option, value FROM vals", pg))
            await using (var reader = await read.ExecuteReaderAsync())
                engine.Load(reader);
            var load = clock.Elapsed.TotalSeconds;
            output.WriteLine($"装入 DuckDB：{load:0.00} 秒");

            // Three recomputes, the median counted: one run on a shared machine is at the mercy of its neighbours. Each is
            // alternated with the same figures worked out on DuckDB straight from the values (the SQL PostgreSQL runs, the
            // engine's recompute before it kept a pivot), so the two are compared in the same minutes.
            var runs = new List<double>();
            var direct = new List<double>();
            List<double[]> duckCheck = [];
            List<double[]> directCheck = [];
            for (var run = 0; run < 3; run++)
            {
                clock.Restart();
                duckCheck = engine.RecomputeAll().Select(r => r.Select(Number).ToArray()).ToList();
                runs.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                directCheck = engine.Rows(AnalyticsEngine.AllMonthlyFiguresCheckSql).Select(r => r.Select(Number).ToArray()).ToList();
                direct.Add(clock.Elapsed.TotalSeconds);
            }
            var duck = runs.Order().ElementAt(1);
            var figures = (long)duckCheck.Sum(r => r[1]);
            static string Times(List<double> times) => string.Join(" / ", times.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)));
            output.WriteLine($"DuckDB 全量重算：{figures:N0} 个指标值，三次 {Times(runs)} 秒，取中位数 {duck:0.000} 秒");
            output.WriteLine($"DuckDB 直接由原始值计算（同一 SQL，交替运行）：三次 {Times(direct)} 秒，取中位数 {direct.Order().ElementAt(1):0.000} 秒");
            if (!Agree(duckCheck, directCheck, TextWriter.Null)) output.WriteLine("核对：DuckDB 全量重算与由原始值直接计算的结果不一致！");

            clock.Restart();
            var postgresCheck = await RowsAsync(pg, AnalyticsEngine.AllMonthlyFiguresCheckSql);
            var postgres = clock.Elapsed.TotalSeconds;
            output.WriteLine($"PostgreSQL 同一 SQL：{postgres:0.000} 秒");

            clock.Restart();
            var query = engine.Query(1, tree.FirstCity, Months.Key(2026, 1), Months.Key(2026, months), PeriodGrain.Month, levelsBelow: 1);
            var queryMs = clock.Elapsed.TotalMilliseconds;
            output.WriteLine($"单次分析查询（一个指标、一个市及其区县、{months} 个月，{query.Count} 个值）：{queryMs:0.0} 毫秒");

            var agree = Agree(duckCheck, postgresCheck, output) && Agree(duckCheck, directCheck, TextWriter.Null);
            var memory = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine_s={duck:0.000} postgres_s={postgres:0.000} ratio={postgres / Math.Max(duck, 1e-6):0.0} load_s={load:0.00} memory_mb={memory:0}"));
            return new AnalyticsResult(duck, postgres, load, queryMs, figures, agree);
        }
        finally
        {
            await ExecuteAsync(pg, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    /// <summary>Per indicator: how many figures, how many with a value, their sum and a sum weighted by unit and month.</summary>
    private static bool Agree(List<double[]> duck, List<double[]> postgres, TextWriter output)
    {
        var same = duck.Count == postgres.Count && duck.Count > 0 && duck.Zip(postgres).All(p => p.First.Zip(p.Second).All(x => Close(x.First, x.Second)));
        output.WriteLine(same ? $"核对：DuckDB 与 PostgreSQL 的 {duck.Count} 个指标结果一致" : "核对：DuckDB 与 PostgreSQL 的结果不一致！");
        return same;
    }

    private static async Task<List<double[]>> RowsAsync(NpgsqlConnection pg, string sql)
    {
        var rows = new List<double[]>();
        await using var command = new NpgsqlCommand(sql, pg) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Number(reader.GetValue(i))).ToArray());
        return rows;
    }

    private static double Number(object? value) => value is null or DBNull ? 0 : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>The province (1), its cities, districts (up to 10 a city) and schools, each school under a district in turn.</summary>
    private sealed record ProvinceTree(List<UnitRow> Units, int Cities, int Districts, int FirstCity, int FirstSchool);

    private static ProvinceTree Tree(int schools)
    {
        var districts = Math.Min(160, schools);
        var cities = Math.Min(16, districts);
        const int province = 1, firstCity = 100, firstDistrict = 1000, firstSchool = 100_000;
        var units = new List<UnitRow> { new(province, null) };
        units.AddRange(Enumerable.Range(0, cities).Select(c => new UnitRow(firstCity + c, province)));
        units.AddRange(Enumerable.Range(0, districts).Select(d => new UnitRow(firstDistrict + d, firstCity + d % cities)));
        units.AddRange(Enumerable.Range(0, schools).Select(s => new UnitRow(firstSchool + s, firstDistrict + s % districts)));
        return new ProvinceTree(units, cities, districts, firstCity, firstSchool);
    }

    private static string Code(int element) => $"E{element:D3}";

    /// <summary>Element 2k−1 over element 2k, × 100: one percentage indicator per pair.</summary>
    private static IEnumerable<IndicatorRow> Indicators(int elements) =>
        Enumerable.Range(1, elements / 2).Select(k => new IndicatorRow(k,
            IndicatorExpression.Parse($"#{{{Code(2 * k - 1)}}}", "分子").Expression!,
            IndicatorExpression.Parse($"#{{{Code(2 * k)}}}", "分母").Expression!, 100));

    /// <summary>Every school, month and element a value: numerators 0–499 (some zero reports), denominators 500–999.</summary>
    private static string Generate(int firstSchool, int schools, int months, int elements) => $"""
        INSERT INTO vals
        SELECT s, 202600 + m, e, 0,
               CASE WHEN e % 2 = 1 THEN (s * 37 + m * 11 + e * 7) % 500 ELSE 500 + (s * 13 + m * 5 + e) % 500 END
        FROM generate_series({firstSchool}, {firstSchool + schools - 1}) s,
             generate_series(1, {months}) m, generate_series(1, {elements}) e
        """;

    private static async Task CopyAsync(NpgsqlConnection pg, string table, List<object?[]> rows)
    {
        if (rows.Count == 0) return;
        await using var writer = await pg.BeginTextImportAsync($"COPY {table} FROM STDIN");
        foreach (var row in rows)
            await writer.WriteLineAsync(string.Join('\t', row.Select(Text)));
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => @"\N",
        bool b => b ? "t" : "f",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static async Task ExecuteAsync(NpgsqlConnection pg, string sql)
    {
        await using var command = new NpgsqlCommand(sql, pg) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
