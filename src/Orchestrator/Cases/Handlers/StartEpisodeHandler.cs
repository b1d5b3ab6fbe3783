using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>openDoor.startEpisode</c>: the child arrived at pre-community: a new stay (episode) of the record begins, numbered
/// after the ones before. Output <c>episodeNumber</c>. A record with a stay still open, admitted or closed fails naming
/// <c>recordId</c>.
/// </summary>
public sealed class StartEpisodeHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<StartEpisodeHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "openDoor.startEpisode";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var recordId = inputs.Required("recordId");
        var record = await ExistingRecordAsync(db, recordId, ct).ConfigureAwait(false);
        if (record.Status is OpenDoorStatuses.Residential or OpenDoorStatuses.Closed)
        {
            throw new CaseInputException("recordId", $"record {record.Reference} is {record.Status}; a new stay in pre-community needs an open record.");
        }

        if (record.OpenEpisode is { } open)
        {
            throw new CaseInputException("recordId", $"record {record.Reference} has stay {open.Number} open since {open.StartedAt:O}; record the departure first.");
        }

        var number = record.Episodes.Count == 0 ? 1 : record.Episodes.Max(e => e.Number) + 1;
        return Complete(new Input(recordId, number), new JsonObject { ["episodeNumber"] = number });
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var record = await TrackedRecordAsync(change.Db, input.RecordId, ct).ConfigureAwait(false);
        if (record.OpenEpisode is not null || record.Episodes.Any(e => e.Number == input.Number))
        {
            throw new WorkflowConflictException($"{JobType}: record {record.Reference} changed since the attempt; the job runs again.");
        }

        change.Db.Add(new PreCommunityEpisode { Id = Guid.NewGuid(), RecordId = record.Id, Number = input.Number, StartedAt = change.Now, InstanceId = change.InstanceId });
        record.Status = OpenDoorStatuses.PreCommunity;
        record.Touch(change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="RecordId">The record.</param>
    /// <param name="Number">The new stay's number.</param>
    public sealed record Input(string RecordId, int Number);
}
