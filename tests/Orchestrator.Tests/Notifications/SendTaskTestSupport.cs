using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Notifications;

/// <summary>
/// The real service with the repository's templates, <c>Fixtures/notified-journey.bpmn</c> deployed (with its task
/// names in Spanish and English, <c>Fixtures/translations/</c>), a clock fixed in
/// 2030 (so no timer falls due by itself while a test runs; the tests fire them) and four members of staff with
/// addresses and languages: sara (social worker, en), carla (coordinator, es), lucia (lawyer, es), luis (lawyer, en).
/// </summary>
public sealed class NotificationsFactory : ApiFactory, IAsyncLifetime
{
    public const string PublicBaseUrl = "https://orchestrator.example.org";
    public const string Organisation = "Casa Hogar Esperanza";
    public const string Address = "Calle de la Amistad 12, Coyoacán, 04000 Ciudad de México";

    public NotificationsFactory()
    {
        File.Copy(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Notifications", "Fixtures", "notified-journey.bpmn"),
            Path.Combine(WorkflowsDirectory, "notified-journey.bpmn"));
        File.Copy(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Notifications", "Fixtures", "attribute-reminders.bpmn"),
            Path.Combine(WorkflowsDirectory, "attribute-reminders.bpmn"));
        var translations = Directory.CreateDirectory(Path.Combine(WorkflowsDirectory, "translations")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Notifications", "Fixtures", "translations")))
        {
            File.Copy(file, Path.Combine(translations, Path.GetFileName(file)));
        }
    }

    /// <summary>The service's clock: 14 March 2030, 11:00 in Mexico City.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2030, 3, 14, 17, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string> UserIds { get; } = [];

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Orchestrator:PublicBaseUrl"] = PublicBaseUrl,
        ["Organisation:Name"] = Organisation,
        ["Notifications:OrganisationAddress"] = Address,
        ["Notifications:LetterPlace"] = "Ciudad de México",
        ["Notifications:TemplatesPath"] = Path.Combine(ApiFactory.RepositoryRoot, "templates"),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task InitializeAsync()
    {
        foreach (var (name, role, language) in new[] { ("sara", Roles.SocialWorker, "en"), ("carla", Roles.Coordinator, "es"), ("lucia", Roles.Lawyer, "es"), ("luis", Roles.Lawyer, "en") })
        {
            using var scope = Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = name, Email = $"{name}@staff.example.org", Language = language, DisplayName = name };
            var created = await users.CreateAsync(user, "A-long-test-Password-1");
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            UserIds[name] = user.Id;
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>Starts an instance through the API and returns its id.</summary>
    public async Task<string> StartAsync(string processId, JsonObject variables, string businessKey, string role = Roles.SocialWorker)
    {
        var response = await ClientAs(role).PostAsJsonAsync($"/api/processes/{processId}/instances", new { variables, businessKey });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Fires the pending timer of one boundary event, as the scheduler would when it falls due.</summary>
    public async Task FireTimerAsync(string instanceId, string elementId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.ElementId == elementId && t.Status == TimerStatuses.Pending);
        Assert.True(await scope.ServiceProvider.GetRequiredService<WorkflowService>().FireTimerAsync(timer.Id, CancellationToken.None));
    }

    /// <summary>Fires the instance's earliest pending timer (reminders and escalations of one task share its element id).</summary>
    public async Task FireEarliestTimerAsync(string instanceId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TimerStatuses.Pending).ToListAsync();
        var first = timers.OrderBy(t => t.DueAt).First();
        Assert.True(await scope.ServiceProvider.GetRequiredService<WorkflowService>().FireTimerAsync(first.Id, CancellationToken.None));
    }

    /// <summary>The open task of one element.</summary>
    public async Task<string> OpenTaskAsync(string instanceId, string elementId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.ElementId == elementId && t.Status == TaskStatuses.Open).Select(t => t.Id).SingleAsync();
    }

    /// <summary>Every outbox row (raw payload and parsed) of one instance.</summary>
    public async Task<IReadOnlyList<(OutboxRecord Row, OutboxEmailPayload Email)>> OutboxAsync(string instanceId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var rows = await db.Outbox.AsNoTracking().ToListAsync();
        return [.. rows.Select(r => (r, EmailOutbox.ReadPayload(r))).Where(x => x.Item2.InstanceId == instanceId)];
    }
}

/// <summary>Poppler's pdftotext and pdftoppm: installed (Debian poppler-utils) when missing and running as root; never skipped.</summary>
public static class PdfTools
{
    public static async Task EnsureAsync()
    {
        if (File.Exists("/usr/bin/pdftotext") && File.Exists("/usr/bin/pdftoppm"))
        {
            return;
        }

        if (Environment.UserName == "root")
        {
            await RunAsync("/bin/sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils)");
        }

        if (!File.Exists("/usr/bin/pdftotext") || !File.Exists("/usr/bin/pdftoppm"))
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException($"The letter tests read PDFs with pdftotext and pdftoppm{(ci ? " (CI=true)" : "")}, which were not found: install the Debian package 'poppler-utils' (apt-get install -y poppler-utils).");
        }
    }

    /// <summary>The text of a PDF (pdftotext -layout).</summary>
    public static async Task<string> TextAsync(byte[] pdf)
    {
        await EnsureAsync();
        var file = Path.Combine(Path.GetTempPath(), "orchestrator-letter-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return await RunAsync("/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", file, "-");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Writes page 1 of a PDF as a PNG (pdftoppm).</summary>
    public static async Task PageOnePngAsync(byte[] pdf, string pngPath)
    {
        await EnsureAsync();
        var file = Path.Combine(Path.GetTempPath(), "orchestrator-letter-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var prefix = Path.Combine(Path.GetDirectoryName(pngPath)!, Path.GetFileNameWithoutExtension(pngPath));
            await RunAsync("/usr/bin/pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, prefix);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Where the review screenshots go: <c>tests/Orchestrator.Tests/bin/screenshots/</c>.</summary>
    public static string ScreenshotDirectory()
    {
        var dir = Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "bin", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
