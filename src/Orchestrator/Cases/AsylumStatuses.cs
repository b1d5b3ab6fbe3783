namespace Orchestrator.Cases;

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
