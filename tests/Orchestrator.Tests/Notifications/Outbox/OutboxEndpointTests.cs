using System.Net;
using System.Net.Http.Json;
using System.Text;
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

        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Outbox.Where(o => o.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatuses.Failed).SetProperty(o => o.Attempts, 6).SetProperty(o => o.LastError, "SmtpException: gone"));
        }

        Assert.Contains(await admin.GetFromJsonAsync<List<OutboxItemView>>("/api/outbox?status=failed") ?? [], i => i.Id == id && i.LastError == "SmtpException: gone");
        using (var retry = await admin.PostAsync($"/api/outbox/{id}/retry", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        }

        var row = await factory.WaitForStatusAsync(id, OutboxStatuses.Sent);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
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
            Assert.Contains("'status'", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
