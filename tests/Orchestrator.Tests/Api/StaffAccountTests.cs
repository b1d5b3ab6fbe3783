using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

/// <summary>Staff accounts through the API: administrators create, change, reset, lock; a person changes their password.</summary>
public sealed class StaffAccountTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string FirstPassword = "Primera-clave-2026";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_administrator_creates_an_account_that_signs_in_with_its_roles_and_every_change_is_audited()
    {
        using var admin = factory.ClientAs(Roles.Admin);
        var created = await (await admin.PostAsync("/api/users", Json($$"""{"userName":"marta","email":"marta@dif.example","roles":["social-worker","lawyer"],"password":"{{FirstPassword}}"}""")))
            .AssertJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(["lawyer", "social-worker"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(created.TryGetProperty("passwordHash", out _));

        using (var marta = factory.Anonymous())
        {
            await ApiFactory.SignInAsync(marta, "marta", FirstPassword);
            var me = await (await marta.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK);
            Assert.Equal(["lawyer", "social-worker"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        var changed = await (await admin.PutAsync($"/api/users/{id}/roles", Json("""{"roles":["psychologist"]}"""))).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["psychologist"], changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var listed = await (await admin.GetAsync("/api/users")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), u => u.GetProperty("userName").GetString() == "marta" && u.GetProperty("roles")[0].GetString() == "psychologist");

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var audit = await db.History.AsNoTracking().Where(h => h.ItemId == id).OrderBy(h => h.Sequence).ToListAsync();
        Assert.Equal(["StaffAccountCreated", "StaffRolesChanged"], audit.Select(h => h.Type));
        Assert.All(audit, h => Assert.Equal("apikey:admin-bot", h.UserId));
        Assert.DoesNotContain(audit, h => h.Detail?.Contains(FirstPassword, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_and_a_reset_password_lets_it_in_again()
    {
        using var admin = factory.ClientAs(Roles.Admin);
        var id = (await (await admin.PostAsync("/api/users", Json($$"""{"userName":"tomas","roles":["educator"],"password":"{{FirstPassword}}"}"""))).AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        var locked = await (await admin.PostAsync($"/api/users/{id}/lock", null)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.String, locked.GetProperty("lockedUntil").ValueKind);
        using (var tomas = factory.Anonymous())
        {
            using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName = "tomas", password = FirstPassword }) };
            login.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, await ApiFactory.AntiforgeryTokenAsync(tomas));
            Assert.Equal(HttpStatusCode.Unauthorized, (await tomas.SendAsync(login)).StatusCode);
        }

        await (await admin.PostAsync($"/api/users/{id}/unlock", null)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/users/{id}/password", Json("""{"password":"Nueva-clave-segura-1"}"""))).StatusCode);
        using (var tomas = factory.Anonymous())
        {
            var antiforgery = await ApiFactory.SignInAsync(tomas, "tomas", "Nueva-clave-segura-1");

            // Tomás now chooses his own password.
            using var change = new HttpRequestMessage(HttpMethod.Post, "/account/password") { Content = Json("""{"currentPassword":"Nueva-clave-segura-1","newPassword":"Solo-la-se-yo-2026"}""") };
            change.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, antiforgery);
            Assert.Equal(HttpStatusCode.NoContent, (await tomas.SendAsync(change)).StatusCode);
        }

        using (var tomas = factory.Anonymous())
        {
            await ApiFactory.SignInAsync(tomas, "tomas", "Solo-la-se-yo-2026");
        }
    }

    [Fact]
    public async Task Bad_requests_name_the_field_change_nothing_and_only_administrators_may_ask()
    {
        using var admin = factory.ClientAs(Roles.Admin);
        Assert.Contains("roles", (await (await admin.PostAsync("/api/users", Json($$"""{"userName":"nadie","roles":["janitor"],"password":"{{FirstPassword}}"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Contains("roles", (await (await admin.PostAsync("/api/users", Json($$"""{"userName":"nadie","roles":[],"password":"{{FirstPassword}}"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Contains("password", (await (await admin.PostAsync("/api/users", Json("""{"userName":"nadie","roles":["educator"],"password":"short"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Contains("userName", (await (await admin.PostAsync("/api/users", Json($$"""{"roles":["educator"],"password":"{{FirstPassword}}"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        Assert.Contains("email", (await (await admin.PostAsync("/api/users", Json($$"""{"userName":"nadie","email":"not an address","roles":["educator"],"password":"{{FirstPassword}}"}"""))).AssertProblemAsync(HttpStatusCode.BadRequest)).Detail(), StringComparison.Ordinal);
        var listed = await (await admin.GetAsync("/api/users")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.EnumerateArray(), u => u.GetProperty("userName").GetString() == "nadie");

        await (await admin.PostAsync("/api/users", Json($$"""{"userName":"duplicada","roles":["educator"],"password":"{{FirstPassword}}"}"""))).AssertJsonAsync(HttpStatusCode.Created);
        await (await admin.PostAsync("/api/users", Json($$"""{"userName":"duplicada","roles":["lawyer"],"password":"{{FirstPassword}}"}"""))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsync("/api/users/no-such-account/roles", Json("""{"roles":["educator"]}"""))).AssertProblemAsync(HttpStatusCode.NotFound);

        using var coordinator = factory.ClientAs(Roles.Coordinator);
        await (await coordinator.GetAsync("/api/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await coordinator.PostAsync("/api/users", Json($$"""{"userName":"colada","roles":["admin"],"password":"{{FirstPassword}}"}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);

        // A program (API key) has no password to change.
        await (await coordinator.PostAsync("/account/password", Json("""{"currentPassword":"x","newPassword":"Otra-clave-larga-1"}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
