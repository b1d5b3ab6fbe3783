namespace Orchestrator.Cases;

/// <summary>BPMN error codes the case handlers throw.</summary>
public static class CaseErrorCodes
{
    /// <summary>The facility (or foster family) has no place left.</summary>
    public const string FacilityFull = "FACILITY_FULL";

    /// <summary>The child's age is outside the facility's age range.</summary>
    public const string AgeOutOfRange = "AGE_OUT_OF_RANGE";

    /// <summary>The facility does not admit the child's sex.</summary>
    public const string SexMismatch = "SEX_MISMATCH";

    /// <summary>The programme has no place left.</summary>
    public const string ProgrammeFull = "PROGRAMME_FULL";

    /// <summary>The child is not someone the programme takes (its sex), or is enrolled in it already.</summary>
    public const string NotEligible = "NOT_ELIGIBLE";

    /// <summary>The foster family is not in the register (not active).</summary>
    public const string FamilyNotAvailable = "FAMILY_NOT_AVAILABLE";
}
