using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>The running service sending to a MailDev of its own, on the real clock and the default outbox settings.</summary>
public sealed class SmtpServiceFactory(MailDevServer mail) : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = mail.Host,
        ["Smtp:Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp:From"] = "orchestrator@test.invalid",
        ["Orchestrator:PublicBaseUrl"] = "https://care.example.org",
    };

    /// <summary>Stages one email in a committed transaction of the running service, as a workflow step does.</summary>
    public async Task<Guid> StageAsync(string to, string subject)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var afterCommit = new List<Action>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var row = outbox.Enqueue(db, new OutgoingEmail(to, new RenderedEmail("task-assigned", "es", subject, "<p>Tarea</p>", "Tarea")), afterCommit.Add);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        afterCommit.ForEach(a => a());
        return row.Id;
    }

    /// <summary>The outbox rows of <paramref name="ids"/>.</summary>
    public async Task<List<OutboxRecord>> RowsAsync(IReadOnlyCollection<Guid> ids)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Outbox.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync();
    }

    /// <summary>The <c>outbox</c> check of <c>/health</c>.</summary>
    public async Task<JsonObject> OutboxHealthAsync() =>
        (await Anonymous().GetFromJsonAsync<JsonObject>("/health"))!["checks"]!["outbox"]!.AsObject();
}
