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

/// <summary>The profile flags of care-model.md (recorded at detection; each changes the care a child needs).</summary>
public sealed class ProfileFlags
{
    /// <summary>Victim of crime.</summary>
    public bool VictimOfCrime { get; set; }

    /// <summary>LGBTTTI.</summary>
    public bool Lgbttti { get; set; }

    /// <summary>Victim of trafficking.</summary>
    public bool TraffickingVictim { get; set; }

    /// <summary>Victim of extreme violence.</summary>
    public bool ExtremeViolenceVictim { get; set; }

    /// <summary>Indigenous.</summary>
    public bool Indigenous { get; set; }

    /// <summary>Has a disability.</summary>
    public bool Disability { get; set; }

    /// <summary>Pregnant or with a child.</summary>
    public bool PregnantOrWithChild { get; set; }
}

/// <summary>The child's opinion at one decision (table <c>child_opinions</c>).</summary>
public sealed class ChildOpinion
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The decision (<c>referral</c>, <c>care-decision</c>, <c>placement</c>, <c>return</c>, <c>evaluation</c>, …).</summary>
    public string Decision { get; set; } = "";

    /// <summary>The opinion in the child's words (as recorded by staff).</summary>
    public string Opinion { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it (a user id, or <c>system</c> from a workflow step).</summary>
    public string RecordedBy { get; set; } = "";

    /// <summary>The instance whose step recorded it, if any.</summary>
    public string? InstanceId { get; set; }
}

/// <summary>One measure of the PPNNA's rights protection and restitution plan (table <c>restitution_measures</c>).</summary>
public sealed class RestitutionMeasure
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The right concerned (<c>education</c>, <c>health</c>, <c>family life</c>, <c>identity</c>, …).</summary>
    public string RightConcerned { get; set; } = "";

    /// <summary>The measure.</summary>
    public string Measure { get; set; } = "";

    /// <summary>The responsible institution.</summary>
    public string ResponsibleInstitution { get; set; } = "";

    /// <summary>The responsible person.</summary>
    public string? ResponsiblePerson { get; set; }

    /// <summary>Start date.</summary>
    public DateOnly? StartDate { get; set; }

    /// <summary>Due date.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>Status (<see cref="MeasureStatuses"/>).</summary>
    public string Status { get; set; } = MeasureStatuses.Planned;

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An objective of the individual life plan (table <c>life_plan_objectives</c>).</summary>
public sealed class LifePlanObjective
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The programme (<see cref="LifePlanProgrammes"/>).</summary>
    public string Programme { get; set; } = "";

    /// <summary>The horizon (<see cref="LifePlanHorizons"/>).</summary>
    public string Horizon { get; set; } = "";

    /// <summary>The objective.</summary>
    public string Description { get; set; } = "";

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Its activities.</summary>
    public List<LifePlanActivity> Activities { get; set; } = [];
}

/// <summary>An activity towards a life-plan objective (table <c>life_plan_activities</c>).</summary>
public sealed class LifePlanActivity
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The objective.</summary>
    public Guid ObjectiveId { get; set; }

    /// <summary>The activity.</summary>
    public string Description { get; set; } = "";

    /// <summary>Start of its time frame.</summary>
    public DateOnly? StartsOn { get; set; }

    /// <summary>End of its time frame.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>Status (<see cref="MeasureStatuses"/>).</summary>
    public string Status { get; set; } = MeasureStatuses.Planned;

    /// <summary>When it was added.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A fortnightly life-plan evaluation or an independence-plan review (table <c>life_plan_evaluations</c>).</summary>
public sealed class LifePlanEvaluation
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary><c>life-plan</c> or <c>independence-plan</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Progress, in the social worker's words.</summary>
    public string Progress { get; set; } = "";

    /// <summary>The child's opinion, recorded with every evaluation.</summary>
    public string? ChildOpinion { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset EvaluatedAt { get; set; }

    /// <summary>The instance whose step recorded it, if any.</summary>
    public string? InstanceId { get; set; }
}

/// <summary>A step of family tracing (table <c>family_tracing_records</c>).</summary>
public sealed class FamilyTracingRecord
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Whether family was found.</summary>
    public bool FamilyFound { get; set; }

    /// <summary><c>mexico</c>, <c>country-of-origin</c> or <c>third-country</c> when found.</summary>
    public string? FamilyLocation { get; set; }

    /// <summary>Notes.</summary>
    public string? Notes { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}

/// <summary>Something that happened to a case (table <c>case_events</c>): phase changes, placements, a child leaving the shelter.</summary>
public sealed class CaseEvent
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The kind (<see cref="CaseEventTypes"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>The value before (a phase change's old phase, the previous placement).</summary>
    public string? From { get; set; }

    /// <summary>The value after.</summary>
    public string? To { get; set; }

    /// <summary>A reason or detail.</summary>
    public string? Detail { get; set; }

    /// <summary>The instance whose step recorded it, if any.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Who (a user id, or <c>system</c>).</summary>
    public string UserId { get; set; } = "";
}

/// <summary>A place a child lives (table <c>facilities</c>): a first reception or long-term CAS, or a group home.</summary>
public sealed class Facility
{
    /// <summary>Id (a short readable slug: staff type it in the referral form).</summary>
    public string Id { get; set; } = "";

    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The kind (<see cref="FacilityKinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>How many children it takes.</summary>
    public int Capacity { get; set; }

    /// <summary>Youngest age admitted.</summary>
    public int MinAge { get; set; }

    /// <summary>Oldest age admitted.</summary>
    public int MaxAge { get; set; }

    /// <summary><c>any</c>, <c>female</c> or <c>male</c>.</summary>
    public string Sex { get; set; } = FacilitySexes.Any;

    /// <summary>City.</summary>
    public string? City { get; set; }

    /// <summary>Optimistic concurrency: bumped by every placement, so two placements into its last place cannot both commit.</summary>
    public int RowVersion { get; set; }
}

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

/// <summary>A family of the foster-family programme and its entry in the register (table <c>foster_families</c>).</summary>
public sealed class FosterFamily
{
    /// <summary>Id (the certification journey's <c>familyId</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The family's reference (what letters carry; never a name).</summary>
    public string Reference { get; set; } = "";

    /// <summary>The family's name, for staff.</summary>
    public string Name { get; set; } = "";

    /// <summary>Status.</summary>
    public FosterFamilyStatus Status { get; set; } = FosterFamilyStatus.Applicant;

    /// <summary>Why it closed: <c>dropped-out</c>, <c>rejected</c>, <c>withdrawn</c>, <c>expired</c>.</summary>
    public string? ClosureReason { get; set; }

    /// <summary>Culture or people.</summary>
    public string? Culture { get; set; }

    /// <summary>Languages spoken at home, comma-separated.</summary>
    public string Languages { get; set; } = "";

    /// <summary>How many children it can take.</summary>
    public int Capacity { get; set; }

    /// <summary>Youngest preferred age.</summary>
    public int? PreferredMinAge { get; set; }

    /// <summary>Oldest preferred age.</summary>
    public int? PreferredMaxAge { get; set; }

    /// <summary>Household notes from the application.</summary>
    public string? HouseholdNotes { get; set; }

    /// <summary>The family's email (external recipient of the journey's emails).</summary>
    public string? Email { get; set; }

    /// <summary>DIF's certificate number.</summary>
    public string? CertificateNumber { get; set; }

    /// <summary>When the certificate was issued (or last renewed).</summary>
    public DateTimeOffset? CertifiedAt { get; set; }

    /// <summary>When the certificate expires.</summary>
    public DateTimeOffset? CertificateExpiresAt { get; set; }

    /// <summary>When it entered the register.</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>Placements closed so far.</summary>
    public int PlacementsClosed { get; set; }

    /// <summary>When it applied.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: bumped by every change and placement.</summary>
    public int RowVersion { get; set; }
}

/// <summary>A consulate (table <c>consulates</c>): the outside approver of an assisted voluntary return.</summary>
public sealed class Consulate
{
    /// <summary>Id (<c>gt-cdmx</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The country it represents.</summary>
    public string Country { get; set; } = "";

    /// <summary>City.</summary>
    public string City { get; set; } = "";

    /// <summary>Where approval requests go.</summary>
    public string Email { get; set; } = "";

    /// <summary>Phone.</summary>
    public string? Phone { get; set; }
}

/// <summary>The last number handed out per name and year (table <c>reference_counters</c>): case references, certificates.</summary>
public sealed class ReferenceCounter
{
    /// <summary><c>case</c> or <c>certificate</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The year.</summary>
    public int Year { get; set; }

    /// <summary>The last number handed out.</summary>
    public int LastNumber { get; set; }
}
