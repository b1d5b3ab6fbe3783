using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Effects;

/// <summary>
/// The handler of send tasks (<see cref="JobHandlerRegistry.SendType"/>): <c>orc:template</c>, <c>orc:to</c> (an address,
/// a comma- or semicolon-separated list, or a FEEL list) and <c>orc:language</c>. The attempt renders the email (a
/// missing or broken template, or a recipient that is not an address, fails it: retries, then an incident on the
/// element); the completion stages one outbox row per recipient in its own transaction, so the email exists exactly
/// when the step committed. The template sees an <see cref="EmailModel"/> only: the case reference (business key), a
/// link to the case page, and, from a date-time variable <c>due</c> visible at the task, a date.
/// </summary>
public sealed class SendTaskHandler(TemplateCatalog templates, EmailOutbox outbox, NotificationLinks links, IServiceScopeFactory scopes) : ITransactionalJobHandler
{
    /// <summary>The variable a send task may set (input mapping) to fill <c>{{due}}</c>, e.g. the information session's date.</summary>
    public const string DueVariable = "due";

    /// <inheritdoc/>
    public async ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var element = context.Job.ElementId;
        if (context.Payload is not { } payload)
        {
            return JobOutcome.Fail($"Send task {element}: the job has no send-task payload (orc:template, orc:to).");
        }

        var template = payload["template"] is JsonValue t && t.TryGetValue<string>(out var key) ? key.Trim() : "";
        if (template.Length == 0)
        {
            return JobOutcome.Fail($"Send task {element}: orc:template is missing or evaluated to nothing.");
        }

        if (!templates.EmailKeys.Contains(template, StringComparer.Ordinal))
        {
            return JobOutcome.Fail($"Send task {element}: there is no email template '{template}' (templates/email/{template}.{templates.Options.DefaultLanguage}.hbs); known: {string.Join(", ", templates.EmailKeys)}.");
        }

        var (recipients, problem) = Recipients(payload["to"]);
        if (problem is not null)
        {
            return JobOutcome.Fail($"Send task {element}: {problem}");
        }

        var language = payload["language"] is JsonValue l && l.TryGetValue<string>(out var lang) ? lang : null;
        var businessKey = await BusinessKeyAsync(context.Job.InstanceId, cancellationToken).ConfigureAwait(false);
        var reference = NotificationLinks.CaseReference(businessKey, context.Job.InstanceId);
        var model = new EmailModel(reference, links.Case(reference)) { Reason = "send-task", Due = Due(context.Variables[DueVariable]) };
        RenderedEmail rendered;
        try
        {
            rendered = templates.RenderEmail(template, language, model);
        }
        catch (TemplateException e)
        {
            return JobOutcome.Fail($"Send task {element}: {e.Message}");
        }

        return JobOutcome.Complete(null, new SendTaskEmails([.. recipients.Select(to => new OutgoingEmail(to, rendered) { InstanceId = context.Job.InstanceId })]));
    }

    /// <inheritdoc/>
    public Task OnCompletingAsync(JobContext context, JobCompleted outcome, AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(change);
        if (outcome.Attachment is not SendTaskEmails emails)
        {
            throw new InvalidOperationException($"Send task {context.Job.ElementId}: the completed attempt carries no rendered email.");
        }

        foreach (var email in emails.Emails)
        {
            outbox.Enqueue(change, email);
        }

        return Task.CompletedTask;
    }

    /// <summary>The addresses of <c>orc:to</c>: a string (one address or a list separated by <c>,</c> or <c>;</c>) or a list of strings.</summary>
    /// <param name="to">The evaluated value.</param>
    /// <returns>The addresses, or what is wrong with them.</returns>
    public static (IReadOnlyList<string> Addresses, string? Problem) Recipients(JsonNode? to)
    {
        var raw = new List<string>();
        switch (to)
        {
            case null:
                return ([], "orc:to is missing or evaluated to null; it must give an email address or a list of them.");
            case JsonValue v when v.TryGetValue<string>(out var s):
                raw.AddRange(s.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is JsonValue iv && iv.TryGetValue<string>(out var one))
                    {
                        raw.Add(one.Trim());
                    }
                    else
                    {
                        return ([], $"orc:to holds {item?.ToJsonString() ?? "null"}, which is not an email address.");
                    }
                }

                break;
            default:
                return ([], $"orc:to evaluated to {to.ToJsonString()}, which is neither an email address nor a list of them.");
        }

        if (raw.Count == 0)
        {
            return ([], "orc:to gives no address.");
        }

        foreach (var address in raw)
        {
            if (!EmailAddresses.IsPlain(address))
            {
                return ([], $"orc:to '{address}' is not an email address.");
            }
        }

        return ([.. raw.Distinct(StringComparer.OrdinalIgnoreCase)], null);
    }

    private static DateTimeOffset? Due(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private async Task<string?> BusinessKeyAsync(string instanceId, CancellationToken ct)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            return await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.BusinessKey).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        }
    }
}

/// <summary>What a send task's attempt prepared: one email per recipient, staged when the completion commits.</summary>
/// <param name="Emails">The emails.</param>
public sealed record SendTaskEmails(IReadOnlyList<OutgoingEmail> Emails);
