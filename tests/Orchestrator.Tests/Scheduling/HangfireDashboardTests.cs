using System.Net;
using System.Text.RegularExpressions;
using Orchestrator.Scheduling;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// Hangfire's Dashboard at <c>/hangfire</c>: administrators signed in with the service's cookie see it, read-only, with
/// the pages' security headers; anyone else — anonymous, another role, an administrator's API key — gets 403.
/// </summary>
public sealed partial class HangfireDashboardTests : IDisposable
{
    private readonly OutageService _service = new(null);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Only_an_administrator_signed_in_with_the_cookie_sees_the_read_only_dashboard_with_the_security_headers()
    {
        using (var started = _service.Anonymous())
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await started.GetAsync(HangfireDashboard.Path)).StatusCode);
        }

        await _service.CreateUserAsync("admin-ana", Roles.Admin, "Admin-Ana-2026!x");
        await _service.CreateUserAsync("coord-carla", Roles.Coordinator, "Coord-Carla-2026!");

        using (var anonymous = _service.Anonymous())
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(HangfireDashboard.Path)).StatusCode);
        }

        using (var key = _service.ClientAs(Roles.Admin))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync(HangfireDashboard.Path)).StatusCode);
        }

        using (var coordinator = _service.Anonymous())
        {
            await ApiFactory.SignInAsync(coordinator, "coord-carla", "Coord-Carla-2026!");
            Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(HangfireDashboard.Path + "/jobs/scheduled")).StatusCode);
        }

        // A timer fires in-process; its Hangfire job (the backstop) is deleted unrun as it falls due, and listed so.
        var (instance, task) = await _service.StartFollowUpAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _service.CompleteAsync(task, DateTimeOffset.UtcNow.AddSeconds(1))).Status);

        using var admin = _service.Anonymous();
        await ApiFactory.SignInAsync(admin, "admin-ana", "Admin-Ana-2026!x");
        HttpResponseMessage? page = null;
        var html = "";
        await Eventually.HoldsAsync(
            async () =>
            {
                page?.Dispose();
                page = await admin.GetAsync(HangfireDashboard.Path + "/jobs/deleted");
                html = await page.Content.ReadAsStringAsync();
                return html.Contains("HangfireWorkflowJobs", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(60),
            "the timer's job is listed as deleted");
        using var _ = page;
        Assert.Equal(HttpStatusCode.OK, page!.StatusCode);
        Assert.Equal(HangfireDashboard.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        // The policy allows no inline script: every script of the page is a file of the dashboard's.
        Assert.DoesNotMatch(InlineScript(), html);

        // Read-only: no command buttons, and a command is refused.
        Assert.DoesNotContain("data-ajax=", html, StringComparison.Ordinal);
        using var delete = await admin.PostAsync(HangfireDashboard.Path + "/jobs/scheduled/delete", new FormUrlEncodedContent([]));
        Assert.False(delete.IsSuccessStatusCode, $"a command answered {(int)delete.StatusCode}");
        Assert.True(await _service.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Timers, t => t.InstanceId == instance && t.Status == Orchestrator.Persistence.TimerStatuses.Fired)), "the timer fired");
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
