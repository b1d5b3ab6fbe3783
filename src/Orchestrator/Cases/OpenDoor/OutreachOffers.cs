namespace Orchestrator.Cases.OpenDoor;

/// <summary>
/// What street outreach may offer a child: information only. No material goods are offered at this stage (the
/// organisation's method): a contact that records anything else is refused.
/// </summary>
public static class OutreachOffers
{
    /// <summary>The invitation to pre-community and what it offers.</summary>
    public const string PreCommunity = "pre-community";

    /// <summary>Information about the child's rights.</summary>
    public const string Rights = "rights";

    /// <summary>Where to find health care.</summary>
    public const string HealthServices = "health-services";

    /// <summary>Where to find schooling.</summary>
    public const string Education = "education";

    /// <summary>Where to find legal help (the PPNNA, asylum).</summary>
    public const string LegalHelp = "legal-help";

    /// <summary>Every offer.</summary>
    public static IReadOnlyList<string> All { get; } = [PreCommunity, Rights, HealthServices, Education, LegalHelp];
}
