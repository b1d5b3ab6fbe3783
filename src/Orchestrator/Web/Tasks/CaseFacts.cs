using Orchestrator.Cases;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Tasks;

/// <summary>What the task page shows of a task's case beside the form: reference, phase and key dates; never names.</summary>
/// <param name="Reference">The case reference.</param>
/// <param name="Phase">The phase.</param>
/// <param name="PhaseSince">Since when.</param>
/// <param name="Registered">When the case was opened.</param>
/// <param name="PlacedSince">Since when the child is in their placement, if placed.</param>
public sealed record CaseFacts(string Reference, string Phase, DateTimeOffset PhaseSince, DateTimeOffset Registered, DateTimeOffset? PlacedSince)
{
    /// <summary>
    /// The facts of the case a task's business key names, read through <see cref="CaseService"/> (so the caseload rule
    /// and the audit of case reads apply), or <c>null</c> when the key is not a child's case (a foster family's
    /// journey) or the person may not open it. The one place the task pages read the case domain.
    /// </summary>
    /// <param name="cases">The case service.</param>
    /// <param name="businessKey">The task's business key.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The facts, or <c>null</c>.</returns>
    public static async Task<CaseFacts?> ReadAsync(CaseService cases, string? businessKey, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (string.IsNullOrEmpty(businessKey))
        {
            return null;
        }

        try
        {
            var child = (await cases.GetCaseAsync(businessKey, actor, ct).ConfigureAwait(false)).Value; // reference, phase and dates are never sensitive
            return new CaseFacts(child.Reference, child.Phase, child.PhaseSince, child.CreatedAt, child.PlacementSince);
        }
        catch (Exception e) when (e is WorkflowNotFoundException or WorkflowForbiddenException)
        {
            return null;
        }
    }
}
