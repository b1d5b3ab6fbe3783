using System.Text.Json.Serialization;
using Orchestrator.Cases.Programmes;
using Orchestrator.Cases.Sensitive;

namespace Orchestrator.Cases;

/// <summary>
/// A child's case file (table <c>child_cases</c>): who the child is, the flags that change their care, where they are
/// in their journey and where they live. Emails carry <see cref="Reference"/> only; everything else stays behind the login.
/// </summary>
public sealed class ChildCase
{
    /// <summary>The case id (the journeys' <c>caseId</c>, which correlates their messages).</summary>
    public string Id { get; set; } = "";

    /// <summary>The case reference, <c>CA-2026-0001</c>: what emails, letters and business keys carry.</summary>
    public string Reference { get; set; } = "";

    /// <summary>Given names.</summary>
    public string GivenNames { get; set; } = "";

    /// <summary>Family names.</summary>
    public string FamilyNames { get; set; } = "";

    /// <summary>Date of birth; <c>null</c> while unknown (then no facility age range is checked).</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c> (matched against a facility's <see cref="Facility.Sex"/>).</summary>
    public string Sex { get; set; } = ChildSexes.Other;

    /// <summary>Nationality (country name).</summary>
    public string Nationality { get; set; } = "";

    /// <summary>Languages the child speaks, comma-separated (<c>es, k'iche'</c>).</summary>
    public string Languages { get; set; } = "";

    /// <summary>Culture or people, if the child names one (used to suggest foster families).</summary>
    public string? Culture { get; set; }

    /// <summary>The profile flags that change care.</summary>
    public ProfileFlags Flags { get; set; } = new();

    /// <summary>The phase of the journey (<see cref="CasePhases"/>).</summary>
    public string Phase { get; set; } = CasePhases.Detection;

    /// <summary>Since when the case is in <see cref="Phase"/>.</summary>
    public DateTimeOffset PhaseSince { get; set; }

    /// <summary>The current placement (<see cref="PlacementTypes"/>), <c>null</c> before the first.</summary>
    public string? PlacementType { get; set; }

    /// <summary>The facility or foster family of the current placement; <c>null</c> for extended family or none.</summary>
    public string? PlacementId { get; set; }

    /// <summary>Since when the current placement holds.</summary>
    public DateTimeOffset? PlacementSince { get; set; }

    /// <summary>The child's one reference educator/operator (a user name).</summary>
    public string? ReferenceEducator { get; set; }

    /// <summary>Asylum status (<see cref="AsylumStatuses"/>).</summary>
    public string AsylumStatus { get; set; } = AsylumStatuses.None;

    /// <summary>Children with the same value are siblings, placed together.</summary>
    public string? SiblingGroup { get; set; }

    /// <summary>Who represents the child in law (<see cref="LegalRepresentatives"/>), if anyone: their consent is needed besides the child's assent.</summary>
    public string? LegalRepresentative { get; set; }

    /// <summary>HIV status (<see cref="HivStatuses"/>), as the Luna programme records it: sensitive.</summary>
    [Sensitive(SensitiveCategories.SexualHealth)]
    public string? HivStatus { get; set; }

    /// <summary>A history of sexual exploitation, in the Luna team's words: sensitive.</summary>
    [Sensitive(SensitiveCategories.SexualExploitation)]
    public string? SexualExploitationHistory { get; set; }

    /// <summary>When the file was opened.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who opened it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: bumped by every change.</summary>
    public int RowVersion { get; set; }

    /// <summary>The child's opinion at each decision.</summary>
    public List<ChildOpinion> Opinions { get; set; } = [];

    /// <summary>The PPNNA's rights protection and restitution plan.</summary>
    public List<RestitutionMeasure> RestitutionMeasures { get; set; } = [];

    /// <summary>The individual life plan's objectives.</summary>
    public List<LifePlanObjective> Objectives { get; set; } = [];

    /// <summary>Fortnightly evaluations (and independence-plan reviews).</summary>
    public List<LifePlanEvaluation> Evaluations { get; set; } = [];

    /// <summary>Family tracing.</summary>
    public List<FamilyTracingRecord> FamilyTracing { get; set; } = [];

    /// <summary>What happened to the case, oldest first (phase changes, placements, events).</summary>
    public List<CaseEvent> Events { get; set; } = [];

    /// <summary>Enrolments in the programmes (Palomas Home, Luna, apartments).</summary>
    public List<ProgrammeEnrolment> Enrolments { get; set; } = [];

    /// <summary>Consents and assents, as given.</summary>
    public List<CaseConsent> Consents { get; set; } = [];

    /// <summary>The babies of a mother in Palomas Home.</summary>
    public List<BabyRecord> Babies { get; set; } = [];

    /// <summary>The current placement as case events record it (<c>long-term-cas:cas-1</c>), <c>null</c> before the first.</summary>
    [JsonIgnore]
    public string? PlacementKey => PlacementType is null ? null : $"{PlacementType}:{PlacementId}";

    /// <summary>
    /// Moves the case to <paramref name="phase"/>. A case already in that phase does not change (a called journey
    /// and its caller both closing it): the phase keeps the date it was reached, and the caller records no event.
    /// </summary>
    /// <param name="phase">The new phase (<see cref="CasePhases"/>).</param>
    /// <param name="at">When.</param>
    /// <returns>Whether the phase changed.</returns>
    public bool ChangePhase(string phase, DateTimeOffset at)
    {
        if (Phase == phase)
        {
            return false;
        }

        Phase = phase;
        PhaseSince = at;
        Touch(at);
        return true;
    }

    /// <summary>Places the child (the caller checked the place with <see cref="CaseRules.CheckPlacementAsync"/>).</summary>
    /// <param name="placementType">The placement type.</param>
    /// <param name="placementId">The facility or family; <c>null</c> for the extended family.</param>
    /// <param name="at">When.</param>
    public void Place(string placementType, string? placementId, DateTimeOffset at)
    {
        PlacementType = placementType;
        PlacementId = placementId;
        PlacementSince = at;
        Touch(at);
    }

    /// <summary>The child leaves the current placement (a foster placement closed).</summary>
    /// <param name="at">When.</param>
    public void LeavePlacement(DateTimeOffset at)
    {
        PlacementType = null;
        PlacementId = null;
        PlacementSince = null;
        Touch(at);
    }

    /// <summary>Records a change: the time and the row version that makes concurrent writers conflict.</summary>
    /// <param name="at">When.</param>
    public void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        RowVersion++;
    }

    /// <summary>Age in whole years on <paramref name="today"/>, <c>null</c> when the birth date is unknown.</summary>
    /// <param name="today">The date.</param>
    public int? AgeOn(DateOnly today)
    {
        if (BirthDate is not { } birth)
        {
            return null;
        }

        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }
}
