using System.Text.Json.Serialization;
using Orchestrator.Cases.Sensitive;

namespace Orchestrator.Cases.OpenDoor;

/// <summary>
/// A street child's pseudonymous record (table <c>open_door_records</c>): the alias a counsellor knows them by, an
/// approximate age and zone, the outreach contacts linked to it and every stay in pre-community. It carries no name.
/// At admission to the residence a case file is opened; the link to it is kept here, and only coordinators read it.
/// </summary>
public sealed class OpenDoorRecord
{
    /// <summary>Id (the open-door journey's <c>recordId</c>, which correlates its messages).</summary>
    public string Id { get; set; } = "";

    /// <summary>The record's reference (<c>OD-2026-0001</c>): the open-door journey's business key.</summary>
    public string Reference { get; set; } = "";

    /// <summary>The alias or nickname the child gives (never a required name).</summary>
    public string Alias { get; set; } = "";

    /// <summary>The age the counsellor estimates, if any.</summary>
    public int? ApproximateAge { get; set; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c> (not stated).</summary>
    public string Sex { get; set; } = ChildSexes.Other;

    /// <summary>Where the child is usually met (a zone of the city).</summary>
    public string Zone { get; set; } = "";

    /// <summary>Where the child is now in the open door (<see cref="OpenDoorStatuses"/>).</summary>
    public string Status { get; set; } = OpenDoorStatuses.Street;

    /// <summary>Why the record closed (<see cref="RecordClosureReasons"/>), when it did.</summary>
    public string? ClosureReason { get; set; }

    /// <summary>The case file opened at admission to the residence: coordinators only.</summary>
    [Sensitive(SensitiveCategories.CaseLink)]
    public string? AdmittedCaseId { get; set; }

    /// <summary>That case file's reference: coordinators only.</summary>
    [Sensitive(SensitiveCategories.CaseLink)]
    public string? AdmittedCaseReference { get; set; }

    /// <summary>When the child was admitted to the residence.</summary>
    public DateTimeOffset? AdmittedAt { get; set; }

    /// <summary>When the record was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who made it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: bumped by every change.</summary>
    public int RowVersion { get; set; }

    /// <summary>The outreach contacts linked to the record.</summary>
    public List<OutreachContact> Contacts { get; set; } = [];

    /// <summary>Every stay in pre-community, first first.</summary>
    public List<PreCommunityEpisode> Episodes { get; set; } = [];

    /// <summary>The stay in pre-community under way, if any.</summary>
    [JsonIgnore]
    public PreCommunityEpisode? OpenEpisode => Episodes.FirstOrDefault(e => e.EndedAt is null);

    /// <summary>Records a change.</summary>
    /// <param name="at">When.</param>
    public void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        RowVersion++;
    }
}
