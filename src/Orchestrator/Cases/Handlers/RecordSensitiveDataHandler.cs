using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>case.recordSensitive</c>: writes what a programme's team recorded to the case file's sensitive fields, under the
/// same names: <c>hivStatus</c> (<c>unknown</c>, <c>negative</c>, <c>positive</c>), <c>sexualExploitationHistory</c>,
/// <c>traffickingVictim</c> (a recorded flag is never cleared). A missing variable leaves its field as it is. Who sees
/// them afterwards is the marks' business (<see cref="Sensitive.SensitiveDataGuard"/>).
/// </summary>
public sealed class RecordSensitiveDataHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RecordSensitiveDataHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.recordSensitive";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        var hiv = inputs.Optional("hivStatus") is { } h ? CaseInput.OneOf(h, HivStatuses.All, "hivStatus") : null;
        return Complete(new Input(caseId, hiv, inputs.Optional("sexualExploitationHistory"), inputs.OptionalBool("traffickingVictim")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        child.HivStatus = input.HivStatus ?? child.HivStatus;
        child.SexualExploitationHistory = input.SexualExploitationHistory ?? child.SexualExploitationHistory;
        if (input.TraffickingVictim == true)
        {
            child.Flags = child.Flags.With(new ProfileFlags { TraffickingVictim = true });
        }

        child.Touch(change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="HivStatus">The HIV status, if recorded.</param>
    /// <param name="SexualExploitationHistory">The history, if recorded.</param>
    /// <param name="TraffickingVictim">Whether the child is a victim of trafficking, if recorded.</param>
    public sealed record Input(string CaseId, string? HivStatus, string? SexualExploitationHistory, bool? TraffickingVictim);
}
