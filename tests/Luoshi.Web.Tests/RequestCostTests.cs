using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Luoshi.Web.Tests;

/// <summary>
/// What a signed-in request costs the database: the session check and the caller's name come from memory, not from a query
/// per request; names kept in memory still change at once when an administrator changes them.
/// </summary>
public sealed class RequestCostTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task A_signed_in_call_to_me_runs_no_database_command_once_the_session_is_checked(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q02"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        using var commands = new DatabaseCommands(app);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(0, commands.Count);
    }

    [Theory, Databases]
    public async Task A_new_display_name_shows_in_me_at_once(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Role.District, "Q03");
        var user = await app.SignedInAsync(name);
        var admin = await app.SignedInAsync("admin");
        Assert.NotEqual("改过的名字", (await user.GetJsonAsync("/api/v1/me")).GetProperty("displayName").GetString());
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstAsync());
        var read = await admin.GetAsync($"/api/v1/users/{id}");
        var update = await admin.PutJsonAsync($"/api/v1/users/{id}", new { displayName = "改过的名字" }, read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("改过的名字", (await user.GetJsonAsync("/api/v1/me")).GetProperty("displayName").GetString());
    }

    /// <summary>
    /// A warm analytics call checks that the engine is current with one command (the data version), not with counts of the
    /// indicators and elements: with the indicator and the unit it reads, three commands in all.
    /// </summary>
    [Theory, Databases]
    public async Task A_warm_analytics_call_checks_the_engines_currency_with_one_command(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("supervisor");
        var indicator = await app.WithDbAsync(async db =>
        {
            var code = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            db.DataElements.Add(new Domain.Data.DataElement { Code = code, Name = code, ValueType = Domain.Data.DataValueType.Integer, Unit = "人" });
            var added = new Domain.Indicators.Indicator { Code = code, Name = code, Numerator = $"#{{{code}}}", Factor = 1 };
            db.Indicators.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var city = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync());
        var url = $"/api/v1/analytics?indicatorId={indicator}&orgUnitId={city}&period=2026&level=1";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        using var commands = new DatabaseCommands(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        Assert.InRange(commands.Count, 1, 3);
    }

    /// <summary>
    /// The most commands each page or call of issue 16's measurements may run when it is rendered afresh (a handful, not one per
    /// row or per unit), as a district sees them; a copy sent again, while nothing changed, runs one: the data version.
    /// </summary>
    [Theory, Databases]
    public async Task Each_busy_page_runs_a_handful_of_commands_and_a_kept_copy_runs_one(TestDatabase database)
    {
        var app = await demo.For(database);
        var pages = await DistrictPages.PublishedAsync(app);
        var client = await pages.SignedInAsync(app);
        var most = new Dictionary<string, int>
        {
            // The task page of a district's own task also reads the parts it gave its schools (one command); the plan's ledger
            // reads its tasks' targets (one command), to show those that follow the data; the task's timeline reads its 督办单's
            // steps from their audit rows (one command). 我的任务 colours its tasks by the one colour rule, which reads which
            // targets follow an indicator and their data (two commands).
            [pages.TaskList] = 6, [pages.Home] = 5, [pages.Plan] = 9, [pages.Task] = 17, [pages.MyTasks] = 9,
        };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode); // the session is checked once
        foreach (var (path, limit) in most)
        {
            using (var fresh = new DatabaseCommands(app))
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
                Assert.True(fresh.Count <= limit, $"{path} 运行了 {fresh.Count} 条数据库命令（最多 {limit} 条）");
            }
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
            using var again = new DatabaseCommands(app);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
            Assert.True(again.Count <= 1, $"{path} 再次打开运行了 {again.Count} 条数据库命令（最多 1 条）");
        }
    }

    /// <summary>
    /// The leaders' dashboard runs a fixed number of commands, not one per plan, task or unit: a few for the ledger, notices and
    /// reports, and a few per ranking criterion and month of the year for the districts' rank trend (and the December before).
    /// </summary>
    [Theory, Databases]
    public async Task The_dashboard_runs_a_few_commands_and_one_per_criterion_and_month_for_the_ranking(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode); // the session is checked once
        var today = Luoshi.Domain.Time.ChinaClock.System.Today;
        // Every month of the year is ranked once, and the December before for January's movement; the ranking reads the
        // scheme, the units and the adjustments once, the targets' tasks and reports once (4 commands), and per month a
        // linked target's reading costs 4 more (plans, units, the city, the analytics store's version).
        var months = today.Month + 1;
        var limit = 8 + 3 + 6 + ((Luoshi.Application.Rankings.AssessmentSchemes.Default.Criteria.Count + 4) * months);
        using var fresh = new DatabaseCommands(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/dashboard")).StatusCode);
        Assert.True(fresh.Count <= limit, $"/api/v1/dashboard 运行了 {fresh.Count} 条数据库命令（最多 {limit} 条）");
    }

    /// <summary>Counts the commands EF runs against this app's own database (the test class's copy), whoever runs them.</summary>
    private sealed class DatabaseCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly LuoshiFactory app;
        private readonly IDisposable all;
        private readonly List<IDisposable> listeners = [];
        private int count;

        public DatabaseCommands(LuoshiFactory app)
        {
            this.app = app;
            all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (listeners) listeners.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data && IsMine(data.Command.Connection))
                Interlocked.Increment(ref count);
        }

        private bool IsMine(DbConnection? connection)
        {
            if (connection is null) return false;
            if (app.PostgresConnection is { } pg)
                return string.Equals(connection.Database, new DbConnectionStringBuilder { ConnectionString = pg }["Database"] as string,
                    StringComparison.Ordinal);
            return Path.GetFullPath(connection.DataSource) == Path.GetFullPath(Path.Combine(app.DataDirectory, "luoshi.db"));
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            all.Dispose();
            lock (listeners) listeners.ForEach(l => l.Dispose());
        }
    }
}
