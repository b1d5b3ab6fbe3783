namespace Orchestrator.Cases.OpenDoor;

/// <summary>Why a pseudonymous record closes without an admission to the residence.</summary>
public static class RecordClosureReasons
{
    /// <summary>The child has not come back and outreach has lost contact.</summary>
    public const string LostContact = "lost-contact";

    /// <summary>The child was referred elsewhere (outside the residence's ages: to the DIF or the PPNNA).</summary>
    public const string ReferredElsewhere = "referred-elsewhere";

    /// <summary>Every reason.</summary>
    public static IReadOnlyList<string> All { get; } = [LostContact, ReferredElsewhere];
}
