using System.Text.Json.Nodes;
using Orchestrator.Forms;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>The result of a submission.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="View">The link as it stands after the submission.</param>
/// <param name="Errors">The fields that break the form (for <see cref="EmailActionOutcome.Invalid"/>).</param>
/// <param name="Submitted">The data submitted (shown again with the errors).</param>
public sealed record EmailActionSubmission(EmailActionOutcome Outcome, EmailActionView View, IReadOnlyList<FormFieldError> Errors, JsonObject? Submitted = null);
