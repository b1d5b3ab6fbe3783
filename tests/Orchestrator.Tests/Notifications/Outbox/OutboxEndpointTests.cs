using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>The service as configured by default (no <c>Smtp:Host</c>), its mail folder in a temp directory.</summary>
public sealed class LocalMailFactory : ApiFactory
{
    /// <summary>Where the .eml files go.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "orchestrator-mail-" + Guid.NewGuid().ToString("N")[..10]);

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = "",
        ["Notifications:MailDirectory"] = MailDirectory,
        ["Orchestrator:PublicBaseUrl"] = "https://care.example.org/orchestrator",
    };

    /// <summary>Stages one email in a committed transaction of the running service (as a workflow step would).</summary>
    public async Task<Guid> StageAsync(string to, string subject)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var afterCommit = new List<Action>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var row = outbox.Enqueue(db, new OutgoingEmail(to, new RenderedEmail("task-assigned", "es", subject, "<p>Tarea nueva ñ</p>", "Tarea nueva ñ")), afterCommit.Add);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        afterCommit.ForEach(a => a());
        return row.Id;
    }

    /// <summary>Waits until the running dispatcher recorded the row as <paramref name="status"/>.</summary>
    public async Task<OutboxRecord> WaitForStatusAsync(Guid id, string status)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var scope = Services.CreateScope();
            var row = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Outbox.AsNoTracking().SingleAsync(o => o.Id == id);
            if (row.Status == status)
            {
                return row;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"Outbox row {id} is still {row.Status} ({row.LastError}) after 60 s; expected {status}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Makes a row failed, as the dispatcher does after the last attempt.</summary>
    public async Task MarkFailedAsync(Guid id)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Outbox.Where(o => o.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatuses.Failed).SetProperty(o => o.Attempts, 6).SetProperty(o => o.LastError, "SmtpException: gone"));
    }

    /// <summary>The history rows about one outbox email (retries and dismissals).</summary>
    public async Task<List<HistoryRecord>> AuditOfAsync(Guid id)
    {
        using var scope = Services.CreateScope();
        var item = id.ToString("D");
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().History.AsNoTracking().Where(h => h.ItemId == item).ToListAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }
}

/// <summary>
/// With no SMTP server configured (the embedded default) mail is written to <c>Notifications:MailDirectory</c> as
/// <c>.eml</c> files and an admin reads it through <c>/api/outbox</c>.
/// </summary>
public sealed class OutboxEndpointTests(LocalMailFactory factory) : IClassFixture<LocalMailFactory>
{
    [Fact]
    public async Task Without_smtp_the_email_becomes_an_eml_file_an_admin_can_list_read_and_download()
    {
        var admin = factory.ClientAs(Roles.Admin);
        var to = $"consulate-{Guid.NewGuid():N}@test.invalid";
        var id = await factory.StageAsync(to, "Solicitud del consulado — CA-2026-0007");

        var row = await factory.WaitForStatusAsync(id, OutboxStatuses.Sent);
        var file = Path.Combine(factory.MailDirectory, $"{row.CreatedAt.UtcDateTime:yyyyMMdd'T'HHmmss}-{id:D}.eml");
        Assert.True(File.Exists(file), $"{file} was not written; the folder holds: {string.Join(", ", Directory.GetFiles(factory.MailDirectory))}");
        Assert.Equal($"{id:D}@care.example.org", row.MessageId);

        var sent = await admin.GetFromJsonAsync<List<OutboxItemView>>("/api/outbox?status=sent");
        var item = Assert.Single(sent!, i => i.Id == id);
        Assert.Equal((to, "Solicitud del consulado — CA-2026-0007", OutboxStatuses.Sent, 1), (item.To, item.Subject, item.Status, item.Attempts));
        Assert.NotNull(item.SentAt);
        Assert.DoesNotContain(await admin.GetFromJsonAsync<List<OutboxItemView>>("/api/outbox?status=pending") ?? [], i => i.Id == id);

        var full = await admin.GetFromJsonAsync<OutboxEmailView>($"/api/outbox/{id}");
        Assert.Equal(($"{id:D}@care.example.org", "Tarea nueva ñ", "<p>Tarea nueva ñ</p>", "task-assigned", "es"), (full!.MessageId, full.Text, full.Html, full.Template, full.Language));

        using var eml = await admin.GetAsync($"/api/outbox/{id}.eml");
        Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
        Assert.Equal("message/rfc822", eml.Content.Headers.ContentType?.MediaType);
        var bytes = await eml.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(file), bytes);
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Contains($"Message-Id: <{id:D}@care.example.org>", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"To: {to}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_email_can_be_retried_once_and_is_then_sent()
    {
        var admin = factory.ClientAs(Roles.Admin);
        var id = await factory.StageAsync($"retry-{Guid.NewGuid():N}@test.invalid", "Recordatorio");
        await factory.WaitForStatusAsync(id, OutboxStatuses.Sent);

        // Only failed rows are retried.
        using (var conflict = await admin.PostAsync($"/api/outbox/{id}/retry", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
            Assert.Contains("only a failed email can be retried", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await factory.MarkFailedAsync(id);

        Assert.Contains(await admin.GetFromJsonAsync<List<OutboxItemView>>("/api/outbox?status=failed") ?? [], i => i.Id == id && i.LastError == "SmtpException: gone");
        using (var retry = await admin.PostAsync($"/api/outbox/{id}/retry", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        }

        var row = await factory.WaitForStatusAsync(id, OutboxStatuses.Sent);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Equal(OutboxAdministration.RetriedType, Assert.Single(await factory.AuditOfAsync(id)).Type);
    }

    [Fact]
    public async Task A_failed_email_makes_health_degraded_until_an_admin_dismisses_it_and_the_dismissal_is_audited()
    {
        var admin = factory.ClientAs(Roles.Admin);
        var id = await factory.StageAsync($"dismiss-{Guid.NewGuid():N}@test.invalid", "Aviso");
        await factory.WaitForStatusAsync(id, OutboxStatuses.Sent);
        await factory.MarkFailedAsync(id);

        var degraded = await factory.Anonymous().GetFromJsonAsync<JsonObject>("/health");
        Assert.Equal("Degraded", degraded!["status"]!.GetValue<string>());
        Assert.Equal("Degraded", degraded["checks"]!["outbox"]!["status"]!.GetValue<string>());
        Assert.Contains("1 email failed", degraded["checks"]!["outbox"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("dismiss-", degraded.ToJsonString(), StringComparison.Ordinal); // the anonymous answer names no address
        Assert.Contains(await admin.GetFromJsonAsync<List<OutboxItemView>>("/api/outbox?status=failed") ?? [], i => i.Id == id);

        using (var dismissed = await admin.PostAsync($"/api/outbox/{id}/dismiss", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        }

        Assert.Contains(await admin.GetFromJsonAsync<List<OutboxItemView>>("/api/outbox?status=dismissed") ?? [], i => i.Id == id && i.Status == OutboxStatuses.Dismissed);
        Assert.DoesNotContain(await admin.GetFromJsonAsync<List<OutboxItemView>>("/api/outbox?status=failed") ?? [], i => i.Id == id);
        var healthy = await factory.Anonymous().GetFromJsonAsync<JsonObject>("/health");
        Assert.Equal("Healthy", healthy!["checks"]!["outbox"]!["status"]!.GetValue<string>());
        var audit = Assert.Single(await factory.AuditOfAsync(id));
        Assert.Equal((OutboxAdministration.DismissedType, "apikey:admin-bot"), (audit.Type, audit.UserId));
        Assert.Contains("SmtpException: gone", audit.Detail, StringComparison.Ordinal);

        // Only a failed email is dismissed; the row stays as it is otherwise.
        using var again = await admin.PostAsync($"/api/outbox/{id}/dismiss", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("only a failed email can be dismissed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await factory.AuditOfAsync(id));
        using var unknown = await admin.PostAsync($"/api/outbox/{Guid.NewGuid()}/dismiss", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var coordinator = await factory.ClientAs(Roles.Coordinator).PostAsync($"/api/outbox/{id}/dismiss", null);
        Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
    }

    [Fact]
    public async Task Only_admins_read_the_outbox_and_bad_requests_say_what_is_wrong()
    {
        using (var coordinator = await factory.ClientAs(Roles.Coordinator).GetAsync("/api/outbox"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
        }

        using (var anonymous = await factory.Anonymous().GetAsync("/api/outbox"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var admin = factory.ClientAs(Roles.Admin);
        using (var status = await admin.GetAsync("/api/outbox?status=lost"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
            var problem = await status.Content.ReadAsStringAsync();
            Assert.Contains("'status'", problem, StringComparison.Ordinal);
            Assert.Contains("'dismissed'", problem, StringComparison.Ordinal);
        }

        var unknown = Guid.NewGuid();
        foreach (var path in new[] { $"/api/outbox/{unknown}", $"/api/outbox/{unknown}.eml" })
        {
            using var missing = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var retryMissing = await admin.PostAsync($"/api/outbox/{unknown}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, retryMissing.StatusCode);
    }
}
