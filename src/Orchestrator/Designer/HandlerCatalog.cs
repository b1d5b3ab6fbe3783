using Microsoft.Extensions.Localization;
using Orchestrator.Engine.Runtime;
using Orchestrator.Web.Designer;

namespace Orchestrator.Designer;

/// <summary>
/// The service-task handlers the designer offers for <c>orc:type</c>, with their inputs, outputs and BPMN errors
/// (<c>workflows/README.md</c>, "Service task types"). Each is listed as registered only when the engine's
/// <see cref="JobHandlerRegistry"/> of this service has it. The descriptions are resource strings
/// (<c>Handler_TYPE</c>, <c>Handler_TYPE_VARIABLE</c> in <c>DesignerText</c>), checked by a test for every type.
/// </summary>
public static class HandlerCatalog
{
    /// <summary>Every described handler, by type.</summary>
    public static IReadOnlyList<HandlerDescription> Described { get; } =
    [
        new("case.setPhase", [new("caseId", true), new("phase", true), new("reason", false)], [], []),
        new("case.assignPlacement", [new("caseId", true), new("placementType", true), new("facilityId", false), new("childOpinion", false)], [],
            ["FACILITY_FULL", "AGE_OUT_OF_RANGE", "SEX_MISMATCH", "FAMILY_NOT_AVAILABLE"]),
        new("case.recordEvaluation", [new("caseId", true), new("kind", true), new("progress", true), new("childOpinion", false)], [], []),
        new("case.recordEvent", [new("caseId", true), new("event", true), new("circumstances", false)], [], []),
        new("family.certify", [new("familyId", true), new("expiresAt", false)], ["certificateNumber", "certificateValidUntil"], []),
        new("family.register", [new("familyId", true), new("capacity", false), new("languages", false), new("householdNotes", false)], [], []),
        new("family.setStatus", [new("familyId", true), new("status", true)], [], []),
        new("family.recordPlacement", [new("familyId", true), new("event", true), new("caseId", false)], [], []),
        new("letter", [new("template", true), new("reference", true), new("language", false), new("recipientEmail", false)], ["documentId"], []),
    ];

    /// <summary>The handlers as the picker shows them, in the current UI language.</summary>
    /// <param name="registry">The engine's handlers of this service.</param>
    /// <param name="text">The designer's words.</param>
    /// <returns>One entry per described handler, registered ones first.</returns>
    public static IReadOnlyList<HandlerView> Views(JobHandlerRegistry registry, IStringLocalizer<DesignerText> text)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(text);
        string? Words(string key)
        {
            var s = text[key];
            return s.ResourceNotFound ? null : s.Value;
        }

        return [.. Described
            .Select(h => new HandlerView(
                h.Type,
                registry.Find(h.Type) is not null,
                Words("Handler_" + h.Type),
                [.. h.Inputs.Select(i => new HandlerFieldView(i.Name, i.Required, Words($"Handler_{h.Type}_{i.Name}")))],
                [.. h.Outputs.Select(o => new HandlerFieldView(o, false, Words($"Handler_{h.Type}_{o}")))],
                h.Errors))
            .OrderBy(h => h.Registered ? 0 : 1).ThenBy(h => h.Type, StringComparer.Ordinal)];
    }
}
