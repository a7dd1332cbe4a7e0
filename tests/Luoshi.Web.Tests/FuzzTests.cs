using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Luoshi.Web.Tests;

/// <summary>
/// Random bodies for every call that changes something under /api/v1, read from the OpenAPI document: wrong types,
/// nulls, huge numbers, deep nesting, arrays for objects, odd strings, missing and extra fields, broken JSON, wrong
/// content types, real and made-up ids. Never a 5xx, every 4xx a Chinese problem+json, never a stack trace.
/// Set <c>LUOSHI_FUZZ_SEED</c> to replay a run; the seed is printed.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output, DemoCopies demo) : IClassFixture<DemoCopies>
{
    private const int BodiesPerEndpointAndCaller = 8;

    [Theory, Databases]
    public async Task Random_bodies_never_get_a_server_error(TestDatabase database)
    {
        var (seed, random, app, fixtures, document) = await StartAsync(database);
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 25, $"only {operations.Count} changing operations in the OpenAPI document");

        var failures = new List<string>();
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        foreach (var (method, path, schema) in operations)
        {
            foreach (var caller in new[] { "admin", "district" })
            {
                for (var i = 0; i < BodiesPerEndpointAndCaller; i++)
                {
                    var url = fixtures.Url(path, random);
                    var (content, what) = RandomBody.Next(random, schema, document);
                    var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
                    if (method is "PUT" or "PATCH" && random.Next(4) != 0)
                        request.Headers.TryAddWithoutValidation("If-Match", random.Pick(["*", "\"1\"", "\"abc", "W/\"0\"", "\"99999999999999\"", ""]));
                    if (random.Next(6) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", RandomBody.Text(random, random.Next(0, 300)));
                    var client = await fixtures.ClientAsync(caller);
                    var response = await client.SendAsync(request);
                    sent++;
                    statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                    var problem = await CheckAsync(response);
                    if (problem is not null)
                    {
                        var body = content is null ? "" : await content.ReadAsStringAsync();
                        var headers = string.Join("; ", request.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
                        failures.Add($"{method} {url} as {caller} with {what} → {problem}\n  headers: {(headers.Length > 200 ? headers[..200] + "…" : headers)}\n  body: {(body.Length > 400 ? body[..400] + "…" : body)}");
                    }
                }
            }
        }
        output.WriteLine($"{sent} requests to {operations.Count} operations: " + string.Join(", ", statuses.Select(x => $"{x.Value}× {x.Key}")));
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures.Take(40)));
    }

    private const int QueriesPerUrlAndCaller = 4;
    private const int PostsPerForm = 4;

    /// <summary>
    /// Odd query strings for every GET under /api/v1 and every page (its own parameters and others pages take: q,
    /// back, month, planId…), and odd values in every field of every form the pages show, posted with the page's
    /// antiforgery token: never a 5xx, never a stack trace; an API's 4xx is a Chinese problem+json.
    /// </summary>
    [Theory, Databases]
    public async Task Odd_query_strings_and_page_forms_never_get_a_server_error(TestDatabase database)
    {
        var (seed, random, app, fixtures, document) = await StartAsync(database);
        var reads = Reads(document).ToList();
        var pages = AccessMatrixTests.PageEndpoints(app).Select(e => e.Split(' ')[1]).Where(p => p is not ("/Logout" or "/Error")).Order().ToList();
        Assert.True(reads.Count > 10 && pages.Count > 10, $"only {reads.Count} API reads and {pages.Count} pages found");
        reads.AddRange(pages.Select(p => (p, (IReadOnlyList<string>)[])));

        var failures = new List<string>();
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        async Task SendAsync(string caller, HttpRequestMessage request, string what)
        {
            var response = await (await fixtures.ClientAsync(caller)).SendAsync(request);
            sent++;
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            var problem = await CheckAsync(response, api: request.RequestUri!.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal));
            if (problem is not null) failures.Add($"{request.Method} {request.RequestUri} as {caller}{what} → {problem}");
        }

        foreach (var caller in new[] { "admin", "district", "anonymous" })
        {
            foreach (var (path, parameters) in reads)
                for (var i = 0; i < QueriesPerUrlAndCaller; i++)
                    await SendAsync(caller, new HttpRequestMessage(HttpMethod.Get, fixtures.Url(path, random) + OddQuery.Next(random, parameters)), "");
            foreach (var page in pages)
            {
                var url = fixtures.Url(page, random, madeUp: false);
                var client = await fixtures.ClientAsync(caller);
                var shown = await client.GetAsync(url);
                if (shown.StatusCode != System.Net.HttpStatusCode.OK) continue;
                foreach (var form in PageForm.All(await shown.Content.ReadAsStringAsync(), url).Where(f => f.Action != "/Logout"))
                    for (var i = 0; i < PostsPerForm; i++)
                    {
                        var (content, what) = form.Fill(random);
                        await SendAsync(caller, new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = content }, $" ({what})");
                    }
            }
        }
        output.WriteLine($"{sent} requests to {reads.Count} addresses and their forms: " + string.Join(", ", statuses.Select(x => $"{x.Value}× {x.Key}")));
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>Every GET under /api/v1 with the names of its query parameters.</summary>
    private static IEnumerable<(string Path, IReadOnlyList<string> Parameters)> Reads(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/v1/", StringComparison.Ordinal) || !path.Value.TryGetProperty("get", out var get)) continue;
            var names = get.TryGetProperty("parameters", out var ps)
                ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()
                : [];
            yield return (path.Name, names);
        }
    }

    /// <summary>The run's seed (printed; <c>LUOSHI_FUZZ_SEED</c> replays it), the app with its fixtures, and its OpenAPI document.</summary>
    private async Task<(int Seed, Random Random, LuoshiFactory App, FuzzFixtures Fixtures, JsonElement Document)> StartAsync(TestDatabase database)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LUOSHI_FUZZ_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"LUOSHI_FUZZ_SEED={seed}");
        var app = await demo.For(database);
        var fixtures = await FuzzFixtures.CreateAsync(app);
        return (seed, new Random(seed), app, fixtures, await fixtures.Admin.GetJsonAsync("/openapi/v1.json"));
    }

    /// <summary>Every POST, PUT, PATCH and DELETE under /api/v1, with the schema of its JSON body if it has one.</summary>
    private static IEnumerable<(string Method, string Path, JsonElement? Schema)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/v1/", StringComparison.Ordinal)) continue;
            foreach (var op in path.Value.EnumerateObject())
            {
                var method = op.Name.ToUpperInvariant();
                if (method is not ("POST" or "PUT" or "PATCH" or "DELETE")) continue;
                JsonElement? schema = op.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var sc) ? sc : null;
                yield return (method, path.Name, schema);
            }
        }
    }

    /// <summary>
    /// Null when the response is acceptable (never a 5xx or a stack trace; from the API, a 4xx is a Chinese
    /// problem+json, a page's own Chinese error page is its business); otherwise what is wrong with it.
    /// </summary>
    private static async Task<string?> CheckAsync(HttpResponseMessage response, bool api = true)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var shown = body.Length > 300 ? body[..300] + "…" : body;
        if (status >= 500) return $"{status} {shown}";
        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal) || body.Contains("StackTrace", StringComparison.OrdinalIgnoreCase))
            return $"{status} with a stack trace: {shown}";
        if (status < 400 || !api) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"{status} as {response.Content.Headers.ContentType?.MediaType}: {shown}";
        try
        {
            using var problem = JsonDocument.Parse(body);
            var title = problem.RootElement.GetProperty("title").GetString() ?? "";
            if (!title.Any(c => c is >= '\u4e00' and <= '\u9fff')) return $"{status} without a Chinese title: {shown}";
            if (problem.RootElement.GetProperty("status").GetInt32() != status) return $"{status} but the problem says otherwise: {shown}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{status} with an unreadable problem: {shown}";
        }
        return null;
    }

    /// <summary>The callers (their own accounts, signed in again after a fuzzed sign-out) and records whose ids go into routes.</summary>
    private sealed class FuzzFixtures
    {
        public required LuoshiFactory App;
        public required HttpClient Admin;
        private readonly Dictionary<string, (string Name, HttpClient? Client)> callers = [];
        private readonly Dictionary<string, int[]> ids = [];

        public static async Task<FuzzFixtures> CreateAsync(LuoshiFactory app)
        {
            var adminName = await app.AddUserAsync(Role.Admin, Application.People.UserAccounts.BureauCode);
            var admin = await app.SignedInAsync(adminName);
            var f = new FuzzFixtures { App = app, Admin = admin };
            f.callers["admin"] = (adminName, admin);
            f.callers["district"] = (await app.AddUserAsync(Role.District, "Q01"), null);
            f.callers["anonymous"] = ("", app.NewClient());
            var district = await f.ClientAsync("district");

            var q01 = await app.UnitIdAsync("Q01");
            var d03 = await app.UnitIdAsync("D03");
            var unit = await admin.PostAsJsonAsync("/api/v1/org-units", new { code = "FZ" + Guid.NewGuid().ToString("N")[..8], name = "模糊测试小学", kind = "school", parentId = q01 }).SucceedsAsync("create unit");
            var victim = await app.AddUserAsync(Role.District, "Q01");
            var victimId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == victim).Select(u => u.Id).FirstAsync());

            async Task<(int Plan, int[] Tasks, int[] Targets)> PlanAsync(bool publish)
            {
                var (id, tasks) = await Ledgers.DraftPlanAsync(admin);
                foreach (var t in tasks) await Ledgers.AssignAsync(admin, t.GetProperty("id").GetInt32(), d03, q01);
                if (publish) await Ledgers.PublishAsync(admin, id);
                return (id, tasks.Select(t => t.GetProperty("id").GetInt32()).ToArray(),
                    tasks.SelectMany(t => t.GetProperty("targets").EnumerateArray()).Select(g => g.GetProperty("id").GetInt32()).ToArray());
            }
            var published = await PlanAsync(publish: true);
            var draft = await PlanAsync(publish: false);
            var report = await Ledgers.ReportAsync(district, published.Tasks[^1]);
            var notifications = await app.WithDbAsync(db => db.Notifications.OrderByDescending(n => n.Id).Select(n => (int)n.Id).Take(5).ToArrayAsync());

            f.ids["org-units"] = [unit.GetProperty("id").GetInt32()];
            f.ids["users"] = [victimId];
            f.ids["plans"] = [published.Plan, draft.Plan];
            f.ids["tasks"] = [.. published.Tasks, .. draft.Tasks];
            f.ids["targets"] = [.. published.Targets, .. draft.Targets];
            f.ids["reports"] = [report];
            f.ids["notifications"] = notifications;
            return f;
        }

        /// <summary>The caller's client, signed in again if a fuzzed request signed it out.</summary>
        public async Task<HttpClient> ClientAsync(string caller)
        {
            var (name, client) = callers[caller];
            if (name.Length == 0) return client!;
            if (client is not null && (await client.GetAsync("/api/v1/me")).IsSuccessStatusCode) return client;
            client = await App.SignedInAsync(name);
            callers[caller] = (name, client);
            return client;
        }

        private static readonly string[] MadeUpIds = ["0", "-1", "999999999", "2147483647", "2147483648", "99999999999999999999", "abc", "1.5", "%20", "%E4%B8%AD", "1e3"];

        /// <summary>The kind of record an address's id is, for the API (<c>/api/v1/tasks/{id}</c>) and the pages (<c>/Tasks/{id}</c>).</summary>
        private static string KindOf(string path)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.ElementAtOrDefault(0) == "api") return segments.ElementAtOrDefault(2) ?? "";
            return segments.ElementAtOrDefault(segments.Length - 2) switch
            {
                "Plans" => "plans",
                "Tasks" => "tasks",
                "UnitEdit" => "org-units",
                "UserEdit" => "users",
                _ => "",
            };
        }

        /// <summary>The path with its ids: mostly real ones of the right kind, sometimes made up (never, if not <paramref name="madeUp"/>).</summary>
        public string Url(string path, Random random, bool madeUp = true)
        {
            var kind = KindOf(path);
            return System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", _ =>
                (!madeUp || random.Next(4) != 0) && ids.TryGetValue(kind, out var real) && real.Length > 0
                    ? real[random.Next(real.Length)].ToString(CultureInfo.InvariantCulture)
                    : random.Pick(MadeUpIds));
        }
    }
}

/// <summary>Random request bodies, shaped by a JSON schema when one is known.</summary>
public static class RandomBody
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static readonly string[] OddStrings =
    [
        "", " ", "null", "0", "-1", "true", "2026-02-30", "2026-13", "9999-12-31", "0001-01-01", "2026-03", "accept", "return", "admin",
        "school", "district", "=", ">=", "range", "XX", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "%_\\",
        "江州市教育局", "基础教育处", "\u0000", "\u001b[31m", "\u202e反向", "😀🎉", "\ud800", "\udfff", "a\r\nb", "ＡＢＣ１２３",
    ];

    private static readonly string[] OddNumbers =
    [
        "0", "-0", "1", "-1", "1.5", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e308", "1e309", "-1e309",
        "123456789012345678901234567890", "0.000000000000000000000000000001", "1E+400", "79228162514264337593543950336",
    ];

    public static (HttpContent? Content, string What) Next(Random random, JsonElement? schema, JsonElement document)
    {
        var shaped = Shaped(random, schema, document);
        switch (random.Next(12))
        {
            case 0: return (Json("{}"), "{}");
            case 1: return (Json(random.Pick(["null", "42", "\"文本\"", "true", "[]", "\"\""])), "a scalar");
            case 2: return (Json("[" + shaped + "]"), "an array for an object");
            case 3:
                var depth = random.Pick([65, 200, 5000]);
                var nested = random.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                return (Json(nested), $"nesting {depth} deep");
            case 4:
                var broken = random.Pick([
                    shaped[..random.Next(shaped.Length)], shaped + ",", shaped.Replace('"', '\''), "{\"a\":}", "{\"a\":NaN}", "{\"a\":Infinity}",
                    "\uFEFF" + shaped, shaped + "\u0000", "{\"a\":\"\\u12\"}", "{\"a\":1,,}", "{\"title\":\"\\ud800\"}", "{\"a\" 1}", "//\n" + shaped,
                ]);
                return (Json(broken), "broken JSON");
            case 5:
                var type = random.Pick(["text/plain", "application/xml", "application/x-www-form-urlencoded", "text/html", "application/octet-stream", "application/json; charset=gbk", "application/json-patch+json"]);
                var content = new StringContent(shaped, Encoding.UTF8);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                return (content, $"a {type} body");
            case 6:
                return (new MultipartFormDataContent { { new StringContent(shaped), "file", random.Pick(["a.txt", "../../x.docx", "计划.html", "/etc/passwd"]) } }, "a multipart body");
            case 7: return (null, "no body");
            case 8: return (Json(""), "an empty JSON body");
            default: return (Json(shaped), "a random " + (schema is null ? "object" : "object of the schema's fields"));
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>An object with the schema's properties (some left out, some extra), each a random value of a random type.</summary>
    private static string Shaped(Random random, JsonElement? schema, JsonElement document)
    {
        var names = new List<string>();
        if (schema is { } sc && Resolve(sc, document) is { } resolved && resolved.TryGetProperty("properties", out var properties))
            names.AddRange(properties.EnumerateObject().Select(p => p.Name));
        if (names.Count == 0 || random.Next(3) == 0) names.Add(random.Pick(["extra", "id", "__proto__", "constructor", "中文字段", "$type", "status", "orgUnitId"]));
        var fields = names.Where(_ => random.Next(5) != 0).Select(n => $"{Quote(n)}:{Value(random, 0)}");
        return "{" + string.Join(",", fields) + "}";
    }

    private static JsonElement? Resolve(JsonElement schema, JsonElement document)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return document.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out var target) ? target : null;
        }
        return schema;
    }

    public static string Value(Random random, int depth) => random.Next(depth > 3 ? 6 : 9) switch
    {
        0 => "null",
        1 => random.Pick(["true", "false"]),
        2 or 3 => random.Pick(OddNumbers),
        4 => random.Next(-5, 200).ToString(CultureInfo.InvariantCulture),
        5 => Quote(random.Next(3) == 0 ? random.Pick(OddStrings) : Text(random, random.Pick([1, 8, 60, 600, 20000]))),
        6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1))) + "]",
        7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(i => $"{Quote("k" + i)}:{Value(random, depth + 1)}")) + "}",
        _ => "[{\"targetId\":" + random.Pick(OddNumbers) + ",\"value\":" + random.Pick(OddNumbers) + ",\"orgUnitId\":" + random.Pick(OddNumbers) + "}]",
    };

    /// <summary>Random text: Chinese, ASCII, control characters, lone surrogates, emoji.</summary>
    public static string Text(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(10) switch
            {
                < 4 => (char)random.Next(0x4e00, 0x9fff),
                < 7 => (char)random.Next(0x20, 0x7f),
                7 => (char)random.Next(0, 0x20),
                8 => (char)random.Next(0xd800, 0xe000),
                _ => random.Pick(['\u202e', '\u200b', '\ufeff', '\u3000', '，', '。', '\u00a0', '\u2028']),
            });
        }
        return text.ToString();
    }

    /// <summary>A JSON string literal; control characters and lone surrogates are escaped, so the JSON itself stays well-formed.</summary>
    public static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c == '"') json.Append("\\\"");
            else if (c == '\\') json.Append("\\\\");
            else if (c < 0x20 || char.IsSurrogate(c) || c is '\u2028' or '\u2029') json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else json.Append(c);
        }
        return json.Append('"').ToString();
    }
}

/// <summary>Random query strings, written as they travel (percent-encoded), so broken encodings can be sent too.</summary>
public static class OddQuery
{
    /// <summary>Parameters pages and APIs take, tried on every address.</summary>
    private static readonly string[] CommonNames =
        ["q", "back", "returnUrl", "ReturnUrl", "month", "planId", "status", "lead", "unit", "orgUnitId", "category", "page", "size", "from", "to", "handler", "done", "notice", "n", "year", "id", "user", "action", "entity"];

    private static readonly string[] OddValues =
    [
        "", "%00", "ab%00cd", "%E5%B9%BC%00", "%0D%0ASet-Cookie:%20a=b", "%1B%5B31m", "%09", "%7F", "%C2%85", "%FF", "%FE%FF", "%ED%A0%80", "%E4%B8",
        "%", "%%", "%zz", "//evil.example", "/%5Cevil.example", "https://evil.example", "javascript:alert(1)", "%3Cscript%3Ealert(1)%3C/script%3E",
        "'%20OR%201=1%20--", "%25_%5C", "-1", "0", "2147483648", "99999999999999999999", "1e309", "NaN", "2026-13", "2026-02-30", "9999-12", "0000-00",
        "true", "null", "%E5%B9%BC%E5%84%BF%E5%9B%AD", "%F0%9F%98%80", "%E2%80%AE", "+", "a+b",
    ];

    public static string Next(Random random, IReadOnlyList<string> parameters)
    {
        var names = parameters.Where(_ => random.Next(3) != 0).Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Pick(CommonNames))).ToList();
        if (random.Next(8) == 0) names.Add(random.Pick(["%00", "a%00b", "%E4%B8", "%FF", ""]));
        var pairs = names.Select(n => n + "=" + (random.Next(4) == 0 ? Uri.EscapeDataString(Plain(RandomBody.Text(random, random.Pick([1, 10, 200, 3000])))) : random.Pick(OddValues)));
        return "?" + string.Join("&", pairs);
    }

    /// <summary>The text without lone surrogates, which no browser can send (it replaces them).</summary>
    public static string Plain(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var paired = char.IsHighSurrogate(chars[i]) ? i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])
                : char.IsLowSurrogate(chars[i]) && i > 0 && char.IsHighSurrogate(chars[i - 1]);
            if (char.IsSurrogate(chars[i]) && !paired) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }
}

/// <summary>A form a page shows: where it posts, whether it uploads files, its fields with their values.</summary>
public sealed partial record PageForm(string Action, bool Multipart, IReadOnlyList<(string Name, string Value, bool File)> Fields)
{
    [System.Text.RegularExpressions.GeneratedRegex("<form\\b([^>]*)>(.*?)</form>", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FormTag();

    [System.Text.RegularExpressions.GeneratedRegex("<(input|textarea|select)\\b([^>]*)>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex FieldTag();

    [System.Text.RegularExpressions.GeneratedRegex("\\b([\\w-]+)=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex Attribute();

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).GroupBy(m => m.Groups[1].Value.ToLowerInvariant()).ToDictionary(g => g.Key, g => System.Net.WebUtility.HtmlDecode(g.First().Groups[2].Value));

    /// <summary>The POST forms of a page's HTML.</summary>
    public static IEnumerable<PageForm> All(string html, string pageUrl)
    {
        foreach (System.Text.RegularExpressions.Match form in FormTag().Matches(html))
        {
            var attributes = Attributes(form.Groups[1].Value);
            if (!attributes.TryGetValue("method", out var method) || !method.Equals("post", StringComparison.OrdinalIgnoreCase)) continue;
            var fields = FieldTag().Matches(form.Groups[2].Value).Select(f => Attributes(f.Groups[2].Value)).Where(a => a.ContainsKey("name"))
                .Select(a => (a["name"], a.GetValueOrDefault("value", ""), a.GetValueOrDefault("type") == "file")).ToList();
            yield return new(attributes.GetValueOrDefault("action") is { Length: > 0 } action ? action : pageUrl,
                attributes.GetValueOrDefault("enctype") == "multipart/form-data", fields);
        }
    }

    private static readonly string[] OddIds = ["", "-1", "0", "999999999", "2147483648", "abc", "1.5", "1e3", " 1", "%00"];

    /// <summary>
    /// The form with odd values: some fields keep the page's value, ids get impossible ones (never another test's
    /// records), text fields odd strings; the antiforgery token is kept, except now and then.
    /// </summary>
    public (HttpContent Content, string What) Fill(Random random)
    {
        var values = new List<(string Name, string Value, bool File)>();
        foreach (var (name, value, file) in Fields)
        {
            if (name == "__RequestVerificationToken")
            {
                if (random.Next(12) != 0) values.Add((name, value, false));
                continue;
            }
            if (random.Next(6) == 0) continue;
            var id = name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal) || name.EndsWith("id", StringComparison.Ordinal)
                || name.EndsWith("Version", StringComparison.Ordinal) || name.StartsWith("taskIds", StringComparison.Ordinal);
            var odd = random.Next(3) == 0 ? value
                : id ? random.Pick(OddIds)
                : name is "username" or "password" ? "fz" + RandomBody.Text(random, random.Next(0, 40))
                : random.Next(2) == 0 ? random.Pick(RandomBody.OddStrings) : RandomBody.Text(random, random.Pick([1, 20, 600, 30000]));
            values.Add((name, OddQuery.Plain(odd), file));
            if (random.Next(10) == 0) values.Add((name, OddQuery.Plain(random.Pick(RandomBody.OddStrings)), file));
        }
        if (random.Next(8) == 0) values.Add((random.Pick(["handler", "extra", "__proto__", "中文字段", "back"]), random.Pick(RandomBody.OddStrings), false));
        var what = string.Join(", ", values.Where(v => v.Name != "__RequestVerificationToken").Select(v => $"{v.Name}={(v.Value.Length > 40 ? v.Value[..40] + "…" : v.Value)}"));
        if (!Multipart) return (new FormUrlEncodedContent(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))), what);
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value, file) in values)
        {
            if (!file) multipart.Add(new StringContent(value), name);
            else multipart.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(value)), name, random.Pick(["a.txt", "../../x.docx", "计划.docx", "/etc/passwd", "a.png"]));
        }
        return (multipart, what);
    }
}
