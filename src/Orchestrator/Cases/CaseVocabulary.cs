namespace Orchestrator.Cases;

/// <summary>The phases of a child's journey (the <c>phase</c> input of <c>case.setPhase</c>).</summary>
public static class CasePhases
{
    /// <summary>Detected; to be referred within 24 h.</summary>
    public const string Detection = "detection";

    /// <summary>In a first reception CAS (at most 45 days).</summary>
    public const string FirstReception = "first-reception";

    /// <summary>Long-term care.</summary>
    public const string LongTermCare = "long-term-care";

    /// <summary>Assisted voluntary return under way.</summary>
    public const string Returning = "returning";

    /// <summary>Transition to independent living.</summary>
    public const string Transition = "transition";

    /// <summary>Follow-up after leaving care.</summary>
    public const string AfterCare = "after-care";

    /// <summary>Closed.</summary>
    public const string Closed = "closed";

    /// <summary>Every phase.</summary>
    public static IReadOnlyList<string> All { get; } = [Detection, FirstReception, LongTermCare, Returning, Transition, AfterCare, Closed];
}

/// <summary>Placements (the <c>placementType</c> input of <c>case.assignPlacement</c>).</summary>
public static class PlacementTypes
{
    /// <summary>A first reception CAS.</summary>
    public const string FirstReception = "first-reception";

    /// <summary>The extended family (no facility).</summary>
    public const string ExtendedFamily = "extended-family";

    /// <summary>A certified foster family of the register.</summary>
    public const string FosterFamily = "foster-family";

    /// <summary>A long-term CAS.</summary>
    public const string LongTermCas = "long-term-cas";

    /// <summary>A supervised small group home.</summary>
    public const string GroupHome = "group-home";

    /// <summary>Every placement type.</summary>
    public static IReadOnlyList<string> All { get; } = [FirstReception, ExtendedFamily, FosterFamily, LongTermCas, GroupHome];

    /// <summary>The facility kind a placement type needs, or <c>null</c> when it is not a facility.</summary>
    /// <param name="placementType">The placement type.</param>
    public static string? FacilityKindOf(string placementType) => placementType switch
    {
        FirstReception => FacilityKinds.FirstReception,
        LongTermCas => FacilityKinds.LongTerm,
        GroupHome => FacilityKinds.GroupHome,
        _ => null,
    };
}

/// <summary>Kinds of facility.</summary>
public static class FacilityKinds
{
    /// <summary>First reception CAS (20–30 children, at most 45 days).</summary>
    public const string FirstReception = "first-reception";

    /// <summary>Long-term CAS (at most 15 children aged 11–17).</summary>
    public const string LongTerm = "long-term";

    /// <summary>Supervised small group home (at most 8 adolescents aged 16–18).</summary>
    public const string GroupHome = "group-home";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [FirstReception, LongTerm, GroupHome];
}

/// <summary>Who a facility admits.</summary>
public static class FacilitySexes
{
    /// <summary>Anyone.</summary>
    public const string Any = "any";

    /// <summary>Girls only.</summary>
    public const string Female = "female";

    /// <summary>Boys only.</summary>
    public const string Male = "male";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [Any, Female, Male];
}

/// <summary>A child's recorded sex.</summary>
public static class ChildSexes
{
    /// <summary>Female.</summary>
    public const string Female = "female";

    /// <summary>Male.</summary>
    public const string Male = "male";

    /// <summary>Other or not stated (admitted only where a facility admits anyone).</summary>
    public const string Other = "other";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [Female, Male, Other];
}

/// <summary>Asylum status of a child (COMAR).</summary>
public static class AsylumStatuses
{
    /// <summary>No claim.</summary>
    public const string None = "none";

    /// <summary>A claim is pending: no consular contact may happen.</summary>
    public const string Pending = "pending";

    /// <summary>Granted.</summary>
    public const string Granted = "granted";

    /// <summary>Refused.</summary>
    public const string Refused = "refused";

    /// <summary>Withdrawn.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Pending, Granted, Refused, Withdrawn];
}

/// <summary>Status of a restitution measure or life-plan activity.</summary>
public static class MeasureStatuses
{
    /// <summary>Planned.</summary>
    public const string Planned = "planned";

    /// <summary>Under way.</summary>
    public const string InProgress = "in-progress";

    /// <summary>Done.</summary>
    public const string Done = "done";

    /// <summary>Cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Every value.</summary>
    public static IReadOnlyList<string> All { get; } = [Planned, InProgress, Done, Cancelled];
}

/// <summary>The three programmes of the individual life plan.</summary>
public static class LifePlanProgrammes
{
    /// <summary>Education.</summary>
    public const string Education = "education";

    /// <summary>Preparation for independent living.</summary>
    public const string IndependentLiving = "independent-living";

    /// <summary>Personal growth.</summary>
    public const string PersonalGrowth = "personal-growth";

    /// <summary>Every programme.</summary>
    public static IReadOnlyList<string> All { get; } = [Education, IndependentLiving, PersonalGrowth];
}

/// <summary>The horizons of a life-plan objective.</summary>
public static class LifePlanHorizons
{
    /// <summary>Short term.</summary>
    public const string ShortTerm = "short";

    /// <summary>Medium term.</summary>
    public const string MediumTerm = "medium";

    /// <summary>Long term.</summary>
    public const string LongTerm = "long";

    /// <summary>Every horizon.</summary>
    public static IReadOnlyList<string> All { get; } = [ShortTerm, MediumTerm, LongTerm];
}

/// <summary>Kinds of <see cref="CaseEvent"/>.</summary>
public static class CaseEventTypes
{
    /// <summary>The case was opened.</summary>
    public const string Opened = "opened";

    /// <summary>The phase changed (From → To); plans are reviewed at every change of phase.</summary>
    public const string PhaseChanged = "phase-changed";

    /// <summary>A placement was assigned (From → To: placement type and facility).</summary>
    public const string PlacementAssigned = "placement-assigned";

    /// <summary>The child left the shelter.</summary>
    public const string LeftShelter = "left-shelter";
}

/// <summary>BPMN error codes the case handlers throw.</summary>
public static class CaseErrorCodes
{
    /// <summary>The facility (or foster family) has no place left.</summary>
    public const string FacilityFull = "FACILITY_FULL";

    /// <summary>The child's age is outside the facility's age range.</summary>
    public const string AgeOutOfRange = "AGE_OUT_OF_RANGE";

    /// <summary>The facility does not admit the child's sex.</summary>
    public const string SexMismatch = "SEX_MISMATCH";

    /// <summary>The foster family is not in the register (not active).</summary>
    public const string FamilyNotAvailable = "FAMILY_NOT_AVAILABLE";
}
