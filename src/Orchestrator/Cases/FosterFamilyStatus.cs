namespace Orchestrator.Cases;

/// <summary>Where a foster family is in the programme (RELAF/UNICEF seven steps).</summary>
public enum FosterFamilyStatus
{
    /// <summary>Answered the public call.</summary>
    Applicant,

    /// <summary>Attended the information session.</summary>
    Informed,

    /// <summary>Evaluated (legal, social, psychological).</summary>
    Evaluated,

    /// <summary>Holds DIF's certificate of aptitude.</summary>
    Certified,

    /// <summary>In the register, available for matching.</summary>
    Active,

    /// <summary>Temporarily out of the register.</summary>
    Suspended,

    /// <summary>Left the programme (<see cref="FosterFamily.ClosureReason"/> says why).</summary>
    Closed,
}
