namespace Orchestrator.Cases;

/// <summary>The stored names of <see cref="FosterFamilyStatus"/> (kebab case, as the API and the journeys write them).</summary>
public static class FosterFamilyStatuses
{
    /// <summary>The stored name.</summary>
    /// <param name="status">The status.</param>
    public static string ToKey(FosterFamilyStatus status) => status switch
    {
        FosterFamilyStatus.Applicant => "applicant",
        FosterFamilyStatus.Informed => "informed",
        FosterFamilyStatus.Evaluated => "evaluated",
        FosterFamilyStatus.Certified => "certified",
        FosterFamilyStatus.Active => "active",
        FosterFamilyStatus.Suspended => "suspended",
        FosterFamilyStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The status of a stored name.</summary>
    /// <param name="key">The name.</param>
    public static FosterFamilyStatus Parse(string key) =>
        TryParse(key, out var status) ? status : throw new ArgumentException($"Unknown foster family status '{key}'.", nameof(key));

    /// <summary>The status of a name, if it is one.</summary>
    /// <param name="key">The name.</param>
    /// <param name="status">The status.</param>
    public static bool TryParse(string? key, out FosterFamilyStatus status)
    {
        foreach (var s in Enum.GetValues<FosterFamilyStatus>())
        {
            if (string.Equals(ToKey(s), key, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }
}
