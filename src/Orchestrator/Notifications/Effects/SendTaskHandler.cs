using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Effects;

/// <summary>
/// The handler of send tasks (<see cref="JobHandlerRegistry.SendType"/>): <c>orc:template</c>, <c>orc:to</c> (an address,
/// a comma- or semicolon-separated list, or a FEEL list) and <c>orc:language</c>. The attempt renders the email (a
/// missing or broken template, or a recipient that is not an address, fails it: retries, then an incident on the
/// element); the completion stages one outbox row per recipient in its own transaction, so the email exists exactly
/// when the step committed. The template sees an <see cref="EmailModel"/> only: the case reference (business key), a
/// date from a date-time variable <c>due</c> visible at the task, and — for a member of staff only — a link to the
/// case page; a recipient outside the organisation (a family, a consulate) gets no link into the service.
/// </summary>
public sealed class SendTaskHandler(TemplateCatalog templates, EmailOutbox outbox, NotificationLinks links, IServiceScopeFactory scopes)
    : TwoStepJobHandler<SendTaskEmails>(scopes)
{
    /// <summary>The variable a send task may set (input mapping) to fill <c>{{ due }}</c>, e.g. the information session's date.</summary>
    public const string DueVariable = "due";

    /// <inheritdoc/>
    protected override string ElementKind => "Send task";

    /// <inheritdoc/>
    protected override async ValueTask<JobOutcome> PrepareAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (context.Payload is not { } payload)
        {
            return Fail(context, "the job has no send-task payload (orc:template, orc:to).");
        }

        var template = payload["template"] is JsonValue t && t.TryGetValue<string>(out var key) ? key.Trim() : "";
        if (template.Length == 0)
        {
            return Fail(context, "orc:template is missing or evaluated to nothing.");
        }

        if (!templates.EmailKeys.Contains(template, StringComparer.Ordinal))
        {
            return Fail(context, $"there is no email template '{template}' (templates/email/{template}.{templates.DefaultLanguage}{TemplateCatalog.Extension}); known: {string.Join(", ", templates.EmailKeys)}.");
        }

        var (recipients, problem) = Recipients(payload["to"]);
        if (problem is not null)
        {
            return Fail(context, problem);
        }

        var language = payload["language"] is JsonValue l && l.TryGetValue<string>(out var lang) ? lang : null;
        var businessKey = await BusinessKeyAsync(context.Job.InstanceId, cancellationToken).ConfigureAwait(false);
        var staff = await ReadAsync((db, ct) => StaffDirectory.StaffAddressesAsync(db, recipients, ct), cancellationToken).ConfigureAwait(false);
        var reference = NotificationLinks.CaseReference(businessKey, context.Job.InstanceId);
        var outside = new EmailModel(reference, null) { Reason = "send-task", Due = Due(context.Variables[DueVariable]) };
        var inside = outside with { Link = links.Case(reference) };
        try
        {
            var forOutside = recipients.Any(r => !staff.Contains(r)) ? templates.RenderEmail(template, language, outside) : null;
            var forStaff = staff.Count > 0 ? templates.RenderEmail(template, language, inside) : null;
            return Prepared(new SendTaskEmails([.. recipients.Select(to => new OutgoingEmail(to, staff.Contains(to) ? forStaff! : forOutside!) { InstanceId = context.Job.InstanceId })]));
        }
        catch (TemplateException e)
        {
            return Fail(context, e.Message);
        }
    }

    /// <inheritdoc/>
    protected override Task StageAsync(JobContext context, SendTaskEmails prepared, AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        foreach (var email in prepared.Emails)
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
}
