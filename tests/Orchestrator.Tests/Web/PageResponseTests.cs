using System.Net;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Web;

/// <summary>What every page answers over HTTP, whatever its content: security headers, no caching, HTML errors for
/// people and problem details for programs, and the assets a visitor needs before signing in.</summary>
public sealed class PageResponseTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory;

    public PageResponseTests(ApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_page_has_a_script_policy_without_inline_scripts_no_store_and_no_framing()
    {
        using var client = _factory.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var scripts = policy.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "a page must not be stored: " + response.Headers.CacheControl);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Iniciar sesión", html, StringComparison.Ordinal); // letters as they are, not &#xF3;
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/dist/workspace.js", "text/javascript")]
    public async Task A_visitor_gets_the_icons_stylesheet_and_script_without_signing_in(string path, string type)
    {
        using var client = _factory.Anonymous();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_missing_page_is_an_html_page_for_a_browser_and_a_problem_for_a_program()
    {
        await _factory.CreateUserAsync("ana", Roles.SocialWorker, WorkspaceFactory.Password);
        using var client = _factory.Anonymous();
        await ApiFactory.SignInAsync(client, "ana", WorkspaceFactory.Password);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        page.Headers.Accept.ParseAdd("text/html");
        page.Headers.AcceptLanguage.ParseAdd("es-MX");
        var html = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.NotFound, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No encontramos esta página", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_asked_for_without_signing_in_goes_to_the_sign_in_page_and_back()
    {
        using var client = _factory.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/password");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=%2Faccount%2Fpassword", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
