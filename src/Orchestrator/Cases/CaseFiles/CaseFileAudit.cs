using System.Text.Json.Nodes;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>The audit rows of the case-file reads and changes, in the one audit trail (<c>history</c>), as the case domain writes them.</summary>
internal static class CaseFileAudit
{
    /// <summary>Stages one row (the caller saves it with the change it records, or alone for a read).</summary>
    /// <param name="db">The context.</param>
    /// <param name="itemId">The case or document id.</param>
    /// <param name="type">What happened (<c>DocumentUploaded</c>, <c>DocumentRead</c>, <c>CaseSearch</c>, …).</param>
    /// <param name="actor">Who.</param>
    /// <param name="at">When.</param>
    /// <param name="detail">More detail (never a child's name).</param>
    public static void Add(OrchestratorDbContext db, string? itemId, string type, Actor actor, DateTimeOffset at, JsonObject? detail = null) =>
        db.History.Add(new HistoryRecord
        {
            InstanceId = null,
            At = at,
            Type = type,
            ItemId = itemId,
            UserId = Limit(actor.Id),
            Detail = detail?.ToJsonString(),
        });

    /// <summary>A user id cut to its column.</summary>
    /// <param name="value">The id.</param>
    public static string Limit(string value) => ColumnText.Fit(value, OrchestratorModel.NameLength);
}
