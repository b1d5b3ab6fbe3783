namespace Orchestrator.Cases.Programmes;

/// <summary>A baby of a mother in Palomas Home (table <c>baby_records</c>): a record linked to the mother's case file.</summary>
public sealed class BabyRecord
{
    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The mother's case.</summary>
    public string MotherCaseId { get; set; } = "";

    /// <summary>The mother's Palomas enrolment, if the baby was recorded with it.</summary>
    public Guid? EnrolmentId { get; set; }

    /// <summary>Given names (may be empty before a name is chosen).</summary>
    public string GivenNames { get; set; } = "";

    /// <summary>Date of birth.</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c>.</summary>
    public string Sex { get; set; } = ChildSexes.Other;

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}
