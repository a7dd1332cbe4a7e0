using System.Net;
using System.Text;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>Bad requests get a Chinese problem+json and a 4xx, never a 500 or a stack trace.</summary>
public sealed class ErrorTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task Malformed_json_is_400(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        var response = await client.PostAsync("/api/v1/org-units", new StringContent("{\"code\": \"X1\", ", Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Theory, Databases]
    public async Task A_wrong_type_is_400(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        var response = await client.PostAsync("/api/v1/org-units", new StringContent("{\"code\": \"X1\", \"parentId\": \"one\"}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(400);
    }

    [Theory, Databases]
    public async Task Unknown_routes_and_ids_are_404(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        await (await client.GetAsync("/api/v1/no-such-thing")).AssertProblemAsync(404);
        await (await client.GetAsync("/api/v1/org-units/999999")).AssertProblemAsync(404);
        await (await client.GetAsync("/api/v1/users/999999")).AssertProblemAsync(404);
        await (await client.GetAsync("/api/v1/org-units/not-a-number")).AssertProblemAsync(404);
    }

    [Theory, Databases]
    public async Task An_unknown_page_shows_a_Chinese_404_page(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("找不到请求的内容", await response.Content.ReadAsStringAsync());
    }

    [Theory, Databases]
    public async Task A_body_that_is_not_json_is_rejected_with_a_problem(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        var response = await client.PostAsync("/api/v1/users", new StringContent("username=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
