namespace Orchestrator.Cases.OpenDoor;

/// <summary>
/// One stay in pre-community (table <c>pre_community_episodes</c>): a child may leave for the street and come back many
/// times before moving on to the residence; each stay is an episode of the same record.
/// </summary>
public sealed class PreCommunityEpisode
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The record.</summary>
    public string RecordId { get; set; } = "";

    /// <summary>1 for the first stay, 2 for the second, …</summary>
    public int Number { get; set; }

    /// <summary>When the child arrived.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the stay ended; <c>null</c> while it lasts.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>How it ended (<see cref="EpisodeEndReasons"/>).</summary>
    public string? EndReason { get; set; }

    /// <summary>The open-door journey whose step recorded it.</summary>
    public string? InstanceId { get; set; }
}
