using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

public sealed class SecurityApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Password = "Correct-Horse-42";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("GET", "/api/definitions")]
    [InlineData("GET", "/api/tasks")]
    [InlineData("GET", "/api/instances/x")]
    [InlineData("GET", "/api/incidents")]
    [InlineData("POST", "/api/messages")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/account/me")]
    [InlineData("GET", "/no/such/route")]
    public async Task Without_credentials_every_endpoint_answers_401(string method, string path)
    {
        using var client = factory.Anonymous();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_API_key_answers_401()
    {
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", "not-a-key-of-this-service");
        var response = await client.GetAsync("/api/tasks");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    [Fact]
    public async Task An_API_key_acts_with_its_roles()
    {
        using var client = factory.ClientAs(Roles.DataManager);
        var me = await (await client.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("apikey:data-manager-bot", me.GetProperty("id").GetString());
        Assert.Equal(["data-manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_API_key_configured_by_its_hash_authenticates()
    {
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", ApiFactory.HashedKey);
        var me = await (await client.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("apikey:hashed-bot", me.GetProperty("id").GetString());

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ApiFactory.HashedKey))));
        await (await client.GetAsync("/account/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem_to_a_signed_in_caller()
    {
        using var client = factory.ClientAs(Roles.Admin);
        await (await client.GetAsync("/api/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_person_signs_in_with_a_cookie_and_posts_with_the_antiforgery_token()
    {
        await factory.CreateUserAsync("ana", Roles.SocialWorker, Password);
        using var client = factory.Anonymous();
        var token = await ApiFactory.SignInAsync(client, "ana", Password);

        var me = await (await client.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("ana", me.GetProperty("userName").GetString());
        Assert.Equal(["social-worker"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // A cookie post without the token is refused before anything happens.
        var refused = await client.PostAsync("/api/processes/ApiIntake/instances", Json("{}"));
        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(SecurityServiceCollectionExtensions.AntiforgeryHeader, problem.Detail(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/processes/ApiIntake/instances") { Content = Json("{}") };
        request.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, token);
        var started = await (await client.SendAsync(request)).AssertJsonAsync(HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString();

        // The person's actor id is their Identity id: the history says who.
        var history = await (await client.GetAsync($"/api/instances/{id}/history")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("userId").GetString() == me.GetProperty("id").GetString());

        // A person without the role still gets 403 (before the token check).
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout");
        logout.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(logout)).StatusCode);
        await (await client.GetAsync("/account/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_person_with_the_wrong_role_gets_403()
    {
        await factory.CreateUserAsync("dora", Roles.Designer, Password);
        using var client = factory.Anonymous();
        await ApiFactory.SignInAsync(client, "dora", Password);

        await (await client.GetAsync("/api/tasks")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/definitions")).AssertJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_answers_400()
    {
        await factory.CreateUserAsync("bea", Roles.Lawyer, Password);
        using var client = factory.Anonymous();
        var response = await client.PostAsync("/account/login", JsonContent.Create(new { userName = "bea", password = Password }));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account()
    {
        await factory.CreateUserAsync("carl", Roles.Educator, Password);
        using var client = factory.Anonymous();

        for (var i = 0; i < 5; i++)
        {
            var failed = await SignInAsync(client, "carl", "wrong-password-" + i);
            await failed.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await (await SignInAsync(client, "carl", Password)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked.Detail(), StringComparison.Ordinal);
        await (await client.GetAsync("/account/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_login_page_is_served_with_a_form_that_posts_the_token()
    {
        using var client = factory.Anonymous();
        var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/account/login\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_form_signs_in_and_returns_to_a_local_address_only()
    {
        await factory.CreateUserAsync("eva", Roles.PpnnaLiaison, Password);
        using var client = factory.Anonymous();
        var html = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]* value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
            ["userName"] = "eva",
            ["password"] = Password,
            ["returnUrl"] = "//evil.example/",
        });
        var response = await client.PostAsync("/account/login", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        var me = await (await client.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("eva", me.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_contract()
    {
        using var client = factory.ClientAs(Roles.Designer);
        var document = await (await client.GetAsync("/openapi/v1.json")).AssertJsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/definitions", "/api/definitions/{processId}/versions/{version}/xml", "/api/processes/{processId}/instances",
            "/api/instances/{id}", "/api/instances/{id}/history", "/api/tasks", "/api/tasks/{id}/claim", "/api/tasks/{id}/unclaim",
            "/api/tasks/{id}/complete", "/api/messages", "/api/incidents", "/api/incidents/{id}/retry", "/api/instances/{id}/variables",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
        var complete = document.GetProperty("paths").GetProperty("/api/tasks/{id}/complete").GetProperty("post");
        Assert.Contains(complete.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        var setVariables = document.GetProperty("paths").GetProperty("/api/instances/{id}/variables").GetProperty("put");
        Assert.True(setVariables.TryGetProperty("requestBody", out _));
        Assert.Contains(setVariables.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
    }

    [Fact]
    public async Task Health_reports_the_database_without_credentials()
    {
        using var client = factory.Anonymous();
        var health = await (await client.GetAsync("/health")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName, password }) };
        login.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, await ApiFactory.AntiforgeryTokenAsync(client));
        return await client.SendAsync(login);
    }
}

public sealed class DemoAccountTests : IDisposable
{
    private readonly DemoFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Development_seeds_one_account_per_role_and_prints_each_password_once()
    {
        using var client = _factory.Anonymous();
        var output = _factory.ConsoleOutput.ToString();
        foreach (var role in Roles.All)
        {
            Assert.Contains($"  {role} ", output, StringComparison.Ordinal);
        }

        var line = output.Split('\n').First(l => l.TrimStart().StartsWith("social-worker ", StringComparison.Ordinal));
        var password = line[(line.IndexOf("password ", StringComparison.Ordinal) + "password ".Length)..].Trim();
        await ApiFactory.SignInAsync(client, "social-worker", password);
        var me = await (await client.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["social-worker"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private sealed class DemoFactory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Security:SeedDemoAccounts"] = "true" };
    }
}
