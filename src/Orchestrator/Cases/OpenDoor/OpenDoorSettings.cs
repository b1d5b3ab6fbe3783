namespace Orchestrator.Cases.OpenDoor;

/// <summary>Settings of the open door (section <c>Cases:OpenDoor</c>).</summary>
public sealed class OpenDoorSettings
{
    /// <summary>Pseudonymous records are <c>{ReferencePrefix}-{year}-{0001}</c> (not in the source).</summary>
    public string ReferencePrefix { get; set; } = "OD";

    /// <summary>Youngest age the residence admits: the organisation cares for boys and girls aged 12 to 18 (documented).</summary>
    public int MinAge { get; set; } = 12;

    /// <summary>Oldest age the residence admits (documented: 18).</summary>
    public int MaxAge { get; set; } = 18;

    /// <summary>How far apart two approximate ages may be for a contact to suggest a record (not in the source).</summary>
    public int SuggestionAgeTolerance { get; set; } = 2;
}
