using Microsoft.Extensions.Options;
using Orchestrator.Hosting;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// Issues the link of every new task that belongs to an outside recipient (<c>orc:externalRecipient</c>): a token
/// row and the <c>email-action</c> email, staged in the transaction of the command that created the task, so the
/// email exists exactly when the task does. After the commit the link's expiry gets its trigger
/// (<see cref="EmailActionExpiryScheduler"/>).
/// </summary>
/// <remarks>
/// Only user tasks carry an outside recipient: the engine's <c>ReceiveTask</c> has no <c>orc:externalRecipient</c>
/// and <see cref="Orchestrator.Engine.Runtime.EngineResult"/> reports no receive tasks, so a receive task cannot be
/// answered through a link yet.
/// </remarks>
public sealed class EmailActionEffects(
    EmailActionTokenCodec codec,
    EmailOutbox outbox,
    TemplateCatalog templates,
    NotificationOptions notifications,
    EmailActionExpiryScheduler expiries,
    JourneyNames names,
    IOptions<OrchestratorOptions> orchestrator) : IWorkflowEffects
{
    /// <summary>The email template of the link.</summary>
    public const string TemplateKey = "email-action";

    /// <summary>The route of the pages; a link is <c>{Orchestrator:PublicBaseUrl}/act/{token}</c>.</summary>
    public const string RoutePrefix = "/act";

    /// <inheritdoc/>
    public Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var task in change.Result.TasksCreated)
        {
            if (string.IsNullOrWhiteSpace(task.ExternalRecipient))
            {
                continue;
            }

            var recipient = task.ExternalRecipient.Trim();
            if (!EmailAddresses.IsPlain(recipient))
            {
                // Rolls the command back (the API answers 400 with this message; a job or timer gets an incident): a
                // link nobody can receive would leave the task waiting forever, unseen.
                throw new ArgumentException(
                    $"User task '{task.ElementId}' of instance {change.InstanceId}: orc:externalRecipient gave '{recipient}', which is not one email address.");
            }

            var issued = codec.Issue();
            var expires = change.Now + notifications.EmailActionLifetime;

            // orc:language on the task (evaluated by the engine); unset: the default language.
            var language = TemplateCatalog.NormaliseLanguage(task.Language);
            var id = Guid.NewGuid();
            change.Db.EmailActionTokens.Add(new EmailActionTokenRecord
            {
                Id = id,
                TokenHash = issued.Hash,
                TaskId = task.Id,
                InstanceId = task.InstanceId,
                Recipient = recipient,
                Language = language,
                ExpiresAt = expires,
                CreatedAt = change.Now,
            });
            expiries.ScheduleAfterCommit(change, id, expires);

            var model = new EmailModel(change.BusinessKey, LinkFor(issued.Token))
            {
                TaskName = names.TaskName(task.ProcessId, task.ElementId, templates.LanguageFor(TemplateKey, language), task.Name),
                Due = task.Due,
                ExpiresAt = expires,
                Reason = "external-recipient",
            };
            outbox.Enqueue(change, new OutgoingEmail(recipient, templates.RenderEmail(TemplateKey, language, model))
            {
                InstanceId = task.InstanceId,
                TaskId = task.Id,
            });
        }

        return Task.CompletedTask;
    }

    private Uri LinkFor(string token) => new($"{orchestrator.Value.PublicBaseUrl.TrimEnd('/')}{RoutePrefix}/{token}", UriKind.Absolute);
}
