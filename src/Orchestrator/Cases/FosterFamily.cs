namespace Orchestrator.Cases;

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

    /// <summary>
    /// Issues or renews DIF's certificate of aptitude (the caller checked <see cref="CaseRules.CheckCertifiable"/>). A
    /// family already in the register stays active; any other becomes certified.
    /// </summary>
    /// <param name="number">The certificate number (a renewal keeps it).</param>
    /// <param name="expiresAt">The expiry.</param>
    /// <param name="at">When.</param>
    public void Certify(string number, DateTimeOffset expiresAt, DateTimeOffset at)
    {
        CertificateNumber = number;
        CertifiedAt = at;
        CertificateExpiresAt = expiresAt;
        if (Status is not FosterFamilyStatus.Active)
        {
            Status = FosterFamilyStatus.Certified;
        }

        Touch(at);
    }

    /// <summary>Enters the register used for matching (status active), with the application's characteristics when given.</summary>
    /// <param name="capacity">How many children, or <c>null</c> to keep.</param>
    /// <param name="languages">Languages, or <c>null</c> to keep.</param>
    /// <param name="householdNotes">Notes, or <c>null</c> to keep.</param>
    /// <param name="at">When.</param>
    public void EnterRegister(int? capacity, string? languages, string? householdNotes, DateTimeOffset at)
    {
        Capacity = capacity ?? Capacity;
        Languages = languages ?? Languages;
        HouseholdNotes = householdNotes ?? HouseholdNotes;
        Status = FosterFamilyStatus.Active;
        ClosureReason = null;
        RegisteredAt ??= at;
        Touch(at);
    }

    /// <summary>Sets the status (a closure with its reason).</summary>
    /// <param name="status">The status.</param>
    /// <param name="closureReason">Why it closed, for <see cref="FosterFamilyStatus.Closed"/>.</param>
    /// <param name="at">When.</param>
    public void SetStatus(FosterFamilyStatus status, string? closureReason, DateTimeOffset at)
    {
        Status = status;
        ClosureReason = closureReason;
        Touch(at);
    }

    /// <summary>Counts a closed placement.</summary>
    /// <param name="at">When.</param>
    public void RecordPlacementClosed(DateTimeOffset at)
    {
        PlacementsClosed++;
        Touch(at);
    }

    private void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        RowVersion++;
    }
}
