using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Validation;

/// <summary>Checks of activities (tasks, multi-instance, call activities) and of the FEEL they hold.</summary>
internal sealed partial class ProcessChecker
{
    private void CheckActivity(Activity activity)
    {
        var id = activity.Id;
        foreach (var (name, value) in activity.Extensions)
        {
            if (value.TrimStart().StartsWith('=') && name is not ("collection" or "outputElement"))
            {
                CheckFeel(id, value.TrimStart()[1..], $"Attribute {name} of '{id}'");
            }
        }

        if (activity.MultiInstance is { } mi)
        {
            CheckMultiInstance(id, mi);
        }

        switch (activity)
        {
            case UserTask user:
                if (user.Assignee is null && user.CandidateUsers is null && user.CandidateGroups is null && user.ExternalRecipient is null
                    && !ImplementationReported(id))
                {
                    Warning(id, ValidationCodes.UserTaskUnassigned,
                        $"User task '{id}' has no assignee, candidate users or candidate groups; nobody will see it in an inbox.");
                }

                CheckDate(id, "due date", user.DueDate);
                CheckDate(id, "follow-up date", user.FollowUpDate);
                CheckFollowUps(id, user);
                if (user.Notify is { } notify && notify is not ("assignee" or "candidates" or "none"))
                {
                    Error(id, ValidationCodes.InvalidAttribute, $"orc:notify '{notify}' of user task '{id}' is not one of assignee, candidates, none.");
                }
                else if (user.Notify == "assignee" && user.Assignee is null)
                {
                    Warning(id, ValidationCodes.InvalidAttribute, $"User task '{id}' has orc:notify=\"assignee\" but no orc:assignee; nobody is emailed until someone is assigned by hand.");
                }

                if (user.Language is { IsFeel: false } language && string.IsNullOrWhiteSpace(language.Text))
                {
                    Error(id, ValidationCodes.InvalidAttribute, $"orc:language of user task '{id}' is empty; give a language such as es or en, or leave the attribute out.");
                }

                break;
            case ServiceTask service:
                if (string.IsNullOrWhiteSpace(service.Type) && !ImplementationReported(id))
                {
                    Error(id, ValidationCodes.ServiceTaskTypeMissing, $"Service task '{id}' has no orc:type naming the handler that does its work.");
                }

                CheckRetries(id, service.Retries);
                break;
            case SendTask send:
                if (ImplementationReported(id))
                {
                    // Java, an external task or a connector: refused where it is written.
                }
                else if (send.Type is null && send.Template is null)
                {
                    Error(id, ValidationCodes.SendTaskTemplateMissing, $"Send task '{id}' has no orc:template (the notification to send) nor orc:type (a handler that sends it).");
                }
                else if (send.Type is null && send.To is null)
                {
                    Warning(id, ValidationCodes.SendTaskRecipientMissing, $"Send task '{id}' has no orc:to; the notification has no recipient.");
                }

                CheckRetries(id, send.Retries);
                break;
            case ReceiveTask receive:
                CheckMessageCatch(id, receive.Message, receive.CorrelationKey, needsKey: true);
                CheckFollowUps(id, receive);
                if (receive.Extensions.ContainsKey("externalRecipient"))
                {
                    // Email-action links complete a task row; a receive task has none, so the link could never answer it.
                    Error(id, ValidationCodes.InvalidAttribute,
                        $"Receive task '{id}' has orc:externalRecipient; outside recipients answer through a user task (a user task with orc:externalRecipient gets the email link).");
                }

                break;
            case ScriptTask script:
                if (ImplementationReported(id))
                {
                    // another language or a script resource: refused where it is written
                }
                else if (string.IsNullOrWhiteSpace(script.Script))
                {
                    Error(id, ValidationCodes.ScriptMissing, $"Script task '{id}' has no script; write its FEEL expression.");
                }
                else
                {
                    CheckFeel(id, script.Script, $"Script of '{id}'");
                }

                break;
            case CallActivity call:
                CheckCallActivity(call);
                break;
            default:
                break;
        }
    }

    private void CheckRetries(string id, int retries)
    {
        if (retries < 0)
        {
            Error(id, ValidationCodes.InvalidAttribute, $"'{id}' has retries {retries}; retries must be 0 or more.");
        }
    }

    /// <summary><c>orc:reminder</c>, <c>orc:escalateAfter</c>, <c>orc:escalateTo</c> (their FEEL is checked with the other attributes).</summary>
    private void CheckFollowUps(string id, IFollowedUpTask task)
    {
        if (task.Reminder is { IsFeel: false } reminder && !Refused(id, reminder.Text))
        {
            var text = reminder.Text.Trim();
            if (!(IsoTimer.TryParseDuration(text, out var d) && !d.IsZero) && !IsoTimer.TryParseCycle(text, out _))
            {
                Error(id, ValidationCodes.InvalidReminder,
                    $"orc:reminder '{text}' of '{id}' is neither an ISO 8601 duration (P30D: once) nor a cycle (R/P7D: every 7 days, R2/P1D: twice), nor FEEL (write FEEL with a leading '=').");
            }
        }

        if (task.EscalateAfter is { IsFeel: false } after && !Refused(id, after.Text))
        {
            var text = after.Text.Trim();
            if (!IsoTimer.TryParseDuration(text, out _) && !IsoTimer.TryParseDateTime(text, out _))
            {
                Error(id, ValidationCodes.InvalidReminder,
                    $"orc:escalateAfter '{text}' of '{id}' is neither an ISO 8601 duration (P45D) nor a date-time (2026-03-01T09:00:00), nor FEEL (write FEEL with a leading '=').");
            }
        }

        if (task.EscalateTo is { } to)
        {
            if (string.IsNullOrWhiteSpace(to.Text))
            {
                Error(id, ValidationCodes.InvalidReminder, $"orc:escalateTo of '{id}' is empty; name the group the task is escalated to (default coordinator: leave the attribute out).");
            }
            else if (task.EscalateAfter is null)
            {
                Warning(id, ValidationCodes.InvalidReminder, $"'{id}' has orc:escalateTo but no orc:escalateAfter; it is never escalated.");
            }
        }
    }

    private void CheckDate(string id, string what, ValueExpression? value)
    {
        if (value is null || value.IsFeel || Refused(id, value.Text))
        {
            return; // FEEL is checked with the other attributes; JUEL was refused by the parser
        }

        var text = value.Text.Trim();
        if (text.Length > 0 && !IsoTimer.TryParseDateTime(text, out _) && !IsoTimer.TryParseDuration(text, out _))
        {
            Error(id, ValidationCodes.InvalidDate, $"The {what} '{text}' of user task '{id}' is neither an ISO 8601 date-time nor a duration (for example P3D), nor FEEL.");
        }
    }

    private void CheckMultiInstance(string id, MultiInstance mi)
    {
        if (mi.Collection is null && mi.LoopCardinality is null)
        {
            Error(id, ValidationCodes.MultiInstanceInput, $"Multi-instance '{id}' has neither a collection (orc:collection) nor a loop cardinality; it cannot know how many instances to run.");
        }

        if (mi.ElementVariable is not null && mi.Collection is null)
        {
            Error(id, ValidationCodes.MultiInstanceVariable, $"Multi-instance '{id}' has element variable '{mi.ElementVariable}' but no collection to take the elements from.");
        }

        if (mi.OutputElement is not null && mi.OutputCollection is null)
        {
            Error(id, ValidationCodes.MultiInstanceVariable, $"Multi-instance '{id}' has an output element but no output collection to gather the results in.");
        }

        if (mi.Collection is { } c)
        {
            CheckFeel(id, c, $"Collection of multi-instance '{id}'");
        }

        if (mi.LoopCardinality is { } n)
        {
            CheckFeel(id, n, $"Loop cardinality of '{id}'");
        }

        if (mi.CompletionCondition is { } cc)
        {
            CheckFeel(id, cc, $"Completion condition of '{id}'");
        }

        if (mi.OutputElement is { } oe)
        {
            CheckFeel(id, oe, $"Output element of '{id}'");
        }
    }

    private void CheckCallActivity(CallActivity call)
    {
        var called = call.CalledElement;
        foreach (var m in call.InMappings)
        {
            CheckFeel(call.Id, m.Source, $"In mapping '{m.Target}' of '{call.Id}'");
        }

        foreach (var m in call.OutMappings)
        {
            CheckFeel(call.Id, m.Source, $"Out mapping '{m.Target}' of '{call.Id}'");
        }

        if (string.IsNullOrWhiteSpace(called.Text))
        {
            Error(call.Id, ValidationCodes.CalledElementMissing, $"Call activity '{call.Id}' does not say which process it calls (calledElement).");
            return;
        }

        if (called.IsFeel)
        {
            CheckFeel(call.Id, called.Text, $"Called element of '{call.Id}'");
            return;
        }

        if (!knownProcesses.ContainsKey(called.Text.Trim()))
        {
            Warning(call.Id, ValidationCodes.CalledProcessUnknown,
                $"Call activity '{call.Id}' calls process '{called.Text.Trim()}', which is not in the validated files; it must already be deployed, or the call will raise an incident.");
        }
    }

    // ---------------------------------------------------------------- FEEL

    private void CheckFeel(string elementId, string text, string what)
    {
        text = text.Trim();
        if (Refused(elementId, text) || !checkedFeel.Add((elementId, text)))
        {
            return;
        }

        FeelParseResult result;
        try
        {
            result = feel.Parse(text);
        }
#pragma warning disable CA1031 // A FEEL engine bug must become a problem, not crash validation.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Error(elementId, ValidationCodes.FeelSyntax, $"{what} could not be checked as FEEL ({ex.GetType().Name}: {ex.Message}).");
            return;
        }

        if (result.Succeeded)
        {
            return;
        }

        var first = result.Errors.Count > 0 ? result.Errors[0] : null;
        var where = first is null ? string.Empty : $" at line {first.Line}, column {first.Column}: {first.Message}";
        Error(elementId, ValidationCodes.FeelSyntax, $"{what} is not valid FEEL{where} (expression: {Shorten(text)}).");
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }
}
