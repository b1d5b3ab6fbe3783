namespace Orchestrator.Cases.Programmes;

/// <summary>The places and ages of a programme (<c>Cases:Palomas</c>, <c>Cases:Luna</c>, <c>Cases:Apartments</c>); none set: no limit.</summary>
public sealed class ProgrammeSettings
{
    /// <summary>How many enrolments may hold a place at once.</summary>
    public int? Capacity { get; set; }

    /// <summary>Youngest age enrolled.</summary>
    public int? MinAge { get; set; }

    /// <summary>Oldest age enrolled.</summary>
    public int? MaxAge { get; set; }

    /// <summary>The only sex enrolled (<c>female</c> for a home for young mothers), if any.</summary>
    public string? Sex { get; set; }
}
