using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.OpenDoor;

/// <summary>
/// The open door before the case file: street outreach contacts, the pseudonymous records counsellors link them to
/// (suggested by alias, zone and age, never merged by themselves), the monthly report, and a child's arrivals at and
/// departures from pre-community (which start and steer the <c>open-door</c> journey). A record's link to the case file
/// opened at admission is shown to coordinators only (<see cref="SensitiveDataGuard"/>).
/// </summary>
public sealed class OpenDoorService(
    OrchestratorDbContext db,
    TimeProvider time,
    IOptions<CasesOptions> options,
    WorkflowOptions workflowOptions,
    WorkflowService workflows,
    SensitiveDataGuard guard,
    CaseAccess access)
{
    /// <summary>The journey of a record, from the first arrival at pre-community to the admission.</summary>
    public const string JourneyId = "open-door";

    /// <summary>The message that the child left pre-community (correlation key: the record id).</summary>
    public const string LeftMessage = "childLeftPreCommunity";

    /// <summary>The message that the child came back (correlation key: the record id).</summary>
    public const string ReturnedMessage = "childReturnedToPreCommunity";

    /// <summary>The oldest an approximate age may be (a young adult met on the street still counts).</summary>
    private const int MaxApproximateAge = 30;

    private readonly CasesOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>Records an outreach contact; with <see cref="NewContactRequest.RecordId"/> it is linked at once.</summary>
    /// <param name="request">The contact.</param>
    /// <param name="actor">The counsellor.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">A field is missing or not allowed (offers that are not information, an age out of range, a time in the future).</exception>
    public async Task<OutreachContact> RecordContactAsync(NewContactRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var at = request.ContactedAt ?? now;
        if (at > now.AddMinutes(5))
        {
            throw new CaseInputException("contactedAt", "lies in the future.");
        }

        var contact = new OutreachContact
        {
            Id = Guid.NewGuid(),
            ContactedAt = at,
            Team = CaseInput.Require(request.Team, "team").Trim(),
            Zone = CaseInput.Require(request.Zone, "zone").Trim(),
            Place = request.Place?.Trim(),
            Alias = string.IsNullOrWhiteSpace(request.Alias) ? null : request.Alias.Trim(),
            ApproximateAge = CheckAge(request.ApproximateAge),
            Sex = CaseInput.OneOf(request.Sex ?? ChildSexes.Other, ChildSexes.All, "sex"),
            Offered = CaseRules.CheckOutreachOffers(request.Offered),
            Notes = request.Notes,
            RecordedAt = now,
            RecordedBy = CaseInput.Limit(actor.Id),
        };
        if (request.RecordId is { } recordId)
        {
            var record = await OpenRecordAsync(recordId, ct).ConfigureAwait(false);
            contact.RecordId = record.Id;
            contact.LinkedAt = now;
            contact.LinkedBy = contact.RecordedBy;
        }

        db.ChangeTracker.Clear();
        db.Add(contact);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return contact;
    }

    /// <summary>Outreach contacts of a month (the organisation's), newest first, at most 1,000; optionally only those not linked yet.</summary>
    /// <param name="month">The month (<c>2026-11</c>); <c>null</c>: this month.</param>
    /// <param name="unlinkedOnly">Only contacts no counsellor has linked.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<OutreachContact>> ListContactsAsync(string? month, bool unlinkedOnly, CancellationToken ct)
    {
        var (_, from, to) = MonthOf(month);
        var query = db.Set<OutreachContact>().AsNoTracking().Where(c => c.ContactedAt >= from && c.ContactedAt < to);
        if (unlinkedOnly)
        {
            query = query.Where(c => c.RecordId == null);
        }

        return await query.OrderByDescending(c => c.ContactedAt).ThenBy(c => c.Id).Take(1000).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes a pseudonymous record (reference <c>OD-yyyy-nnnn</c>) and links the contact it came from, if given. It
    /// carries an alias, never a name.
    /// </summary>
    /// <param name="request">The record.</param>
    /// <param name="actor">The counsellor.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">A field is missing or not allowed.</exception>
    /// <exception cref="WorkflowNotFoundException">No such contact.</exception>
    /// <exception cref="WorkflowConflictException">The contact is linked to another record.</exception>
    public async Task<OpenDoorRecord> CreateRecordAsync(NewRecordRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var alias = CaseInput.Fits(CaseInput.Require(request.Alias, "alias").Trim(), CaseModel.NameLength, "alias")!;
        var zone = CaseInput.Fits(CaseInput.Require(request.Zone, "zone").Trim(), CaseModel.IdLength, "zone")!;
        var age = CheckAge(request.ApproximateAge);
        var sex = CaseInput.OneOf(request.Sex ?? ChildSexes.Other, ChildSexes.All, "sex");
        var now = time.GetUtcNow();
        return await NumberedInsert.RunAsync(db, "open-door", workflowOptions.TimeZone, now, async (year, number) =>
        {
            var record = new OpenDoorRecord
            {
                Id = "odr-" + Guid.NewGuid().ToString("N")[..16],
                Reference = CaseRules.FormatReference(_options.OpenDoor.ReferencePrefix, year, number),
                Alias = alias,
                ApproximateAge = age,
                Sex = sex,
                Zone = zone,
                Status = OpenDoorStatuses.Street,
                CreatedAt = now,
                CreatedBy = CaseInput.Limit(actor.Id),
                UpdatedAt = now,
            };
            db.Add(record);
            if (request.ContactId is { } contactId)
            {
                var contact = await db.Set<OutreachContact>().SingleOrDefaultAsync(c => c.Id == contactId, ct).ConfigureAwait(false)
                    ?? throw new WorkflowNotFoundException($"No outreach contact '{contactId}'.");
                Link(contact, record.Id, now, actor);
            }

            return record;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The records a contact may be the child of, likeliest first, for a counsellor to choose from (or not): the same
    /// or a starting alias (accents and case aside), the same zone, an approximate age within
    /// <c>Cases:OpenDoor:SuggestionAgeTolerance</c>. A record is suggested when its alias matches, or its zone and its
    /// age both do. Records in the residence or closed are not suggested. Nothing is linked.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such contact.</exception>
    public async Task<IReadOnlyList<RecordSuggestion>> SuggestRecordsAsync(Guid contactId, CancellationToken ct)
    {
        var contact = await db.Set<OutreachContact>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No outreach contact '{contactId}'.");
        var records = await db.Set<OpenDoorRecord>().AsNoTracking()
            .Where(r => r.Status == OpenDoorStatuses.Street || r.Status == OpenDoorStatuses.PreCommunity)
            .ToListAsync(ct).ConfigureAwait(false);
        var alias = Fold(contact.Alias);
        var suggestions = new List<RecordSuggestion>();
        foreach (var r in records)
        {
            var reasons = new List<string>();
            var score = 0;
            var other = Fold(r.Alias);
            if (alias.Length > 0 && other.Length > 0)
            {
                if (alias == other)
                {
                    score += 3;
                    reasons.Add("alias");
                }
                else if (Math.Min(alias.Length, other.Length) >= 3 && (alias.StartsWith(other, StringComparison.Ordinal) || other.StartsWith(alias, StringComparison.Ordinal)))
                {
                    score += 2;
                    reasons.Add("alias");
                }
            }

            if (string.Equals(Fold(r.Zone), Fold(contact.Zone), StringComparison.Ordinal))
            {
                score += 2;
                reasons.Add("zone");
            }

            if (contact.ApproximateAge is { } a && r.ApproximateAge is { } b && Math.Abs(a - b) <= _options.OpenDoor.SuggestionAgeTolerance)
            {
                score += 1;
                reasons.Add("age");
            }

            if (reasons.Contains("alias") || (reasons.Contains("zone") && reasons.Contains("age")))
            {
                suggestions.Add(new RecordSuggestion(r.Id, r.Reference, r.Alias, r.Zone, r.ApproximateAge, score, reasons));
            }
        }

        return [.. suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.Reference, StringComparer.Ordinal).Take(_options.MaxSuggestions)];
    }

    /// <summary>Links a contact to a record, as a counsellor decided.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="request">The record.</param>
    /// <param name="actor">The counsellor.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such contact or record.</exception>
    /// <exception cref="WorkflowConflictException">The contact is linked to another record, or the record is closed.</exception>
    public async Task<OutreachContact> LinkContactAsync(Guid contactId, LinkContactRequest request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var record = await OpenRecordAsync(CaseInput.Require(request.RecordId, "recordId"), ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        var contact = await db.Set<OutreachContact>().SingleOrDefaultAsync(c => c.Id == contactId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No outreach contact '{contactId}'.");
        Link(contact, record.Id, time.GetUtcNow(), actor);
        await CaseWrites.SaveAsync(db, ct).ConfigureAwait(false);
        return contact;
    }

    /// <summary>
    /// A record with its contacts and stays, as <paramref name="actor"/> may see it: the link to the case file only for
    /// coordinators (each such read audited). The read itself is audited (<c>OpenDoorRecordRead</c>).
    /// </summary>
    /// <param name="recordId">The id or reference.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such record.</exception>
    public async Task<Redacted<OpenDoorRecord>> GetRecordAsync(string recordId, Actor actor, CancellationToken ct)
    {
        var record = await db.Set<OpenDoorRecord>().AsNoTracking().AsSplitQuery().Include(r => r.Contacts).Include(r => r.Episodes)
            .SingleOrDefaultAsync(r => r.Id == recordId || r.Reference == recordId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No open-door record '{recordId}'.");
        record.Contacts = [.. record.Contacts.OrderBy(c => c.ContactedAt)];
        record.Episodes = [.. record.Episodes.OrderBy(e => e.Number)];
        await access.AuditAsync(record.Id, "OpenDoorRecordRead", actor, ct).ConfigureAwait(false);
        return await guard.RedactAsync(record, record.Id, actor, "open-door-record", ct).ConfigureAwait(false);
    }

    /// <summary>Records by reference, optionally of one status (at most 1,000): no link to a case file.</summary>
    /// <param name="status">A status, or <c>null</c>.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<OpenDoorRecordSummary>> ListRecordsAsync(string? status, CancellationToken ct)
    {
        var query = db.Set<OpenDoorRecord>().AsNoTracking();
        if (status is not null)
        {
            CaseInput.OneOf(status, OpenDoorStatuses.All, "status");
            query = query.Where(r => r.Status == status);
        }

        return await query.OrderBy(r => r.Reference).Take(1000)
            .Select(r => new OpenDoorRecordSummary(r.Id, r.Reference, r.Alias, r.ApproximateAge, r.Zone, r.Status, r.Contacts.Count, r.Episodes.Count))
            .ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The month's contacts per team and zone (the organisation's month), and how many children they were.</summary>
    /// <param name="month">The month (<c>2026-11</c>); <c>null</c>: this month.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CaseInputException">Not a month.</exception>
    public async Task<ContactReport> ContactReportAsync(string? month, CancellationToken ct)
    {
        var (name, from, to) = MonthOf(month);
        var contacts = db.Set<OutreachContact>().AsNoTracking().Where(c => c.ContactedAt >= from && c.ContactedAt < to);
        var rows = await contacts.GroupBy(c => new { c.Team, c.Zone })
            .Select(g => new ContactReportRow(g.Key.Team, g.Key.Zone, g.Count()))
            .ToListAsync(ct).ConfigureAwait(false);
        var unlinked = await contacts.CountAsync(c => c.RecordId == null, ct).ConfigureAwait(false);
        var linked = await contacts.Where(c => c.RecordId != null).Select(c => c.RecordId).Distinct().CountAsync(ct).ConfigureAwait(false);
        return new ContactReport(name, from, to, rows.Sum(r => r.Contacts), unlinked + linked,
            [.. rows.OrderBy(r => r.Team, StringComparer.Ordinal).ThenBy(r => r.Zone, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The child arrived at pre-community: the first time, the record's <c>open-door</c> journey starts (business key:
    /// the record's reference); while the journey waits for the child to come back, it is told
    /// (<see cref="ReturnedMessage"/>) and a new stay begins.
    /// </summary>
    /// <param name="recordId">The record (id or reference).</param>
    /// <param name="request">Addresses for the journey's notices.</param>
    /// <param name="actor">Who records the arrival.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The journey's instance id.</returns>
    /// <exception cref="WorkflowNotFoundException">No such record.</exception>
    /// <exception cref="WorkflowConflictException">The record is closed or admitted, or the child is in pre-community already.</exception>
    public async Task<string> ArriveAsync(string recordId, ArrivalRequest? request, Actor actor, CancellationToken ct)
    {
        var record = await OpenRecordAsync(recordId, ct).ConfigureAwait(false);
        var running = await RunningJourneyAsync(record, ct).ConfigureAwait(false);
        if (running is null)
        {
            var variables = new JsonObject { ["recordId"] = record.Id, ["recordReference"] = record.Reference };
            if (request?.CoordinatorEmail is { Length: > 0 } coordinator)
            {
                variables["coordinatorEmail"] = coordinator;
            }

            if (request?.SocialWorkerEmail is { Length: > 0 } socialWorker)
            {
                variables["socialWorkerEmail"] = socialWorker;
            }

            return await workflows.StartAsync(JourneyId, variables, record.Reference, actor, ct).ConfigureAwait(false);
        }

        var correlated = await workflows.CorrelateMessageAsync(ReturnedMessage, record.Id, null, actor, ct).ConfigureAwait(false);
        return correlated.Contains(running, StringComparer.Ordinal)
            ? running
            : throw new WorkflowConflictException($"Record {record.Reference} is in pre-community already (its journey is not waiting for a return).");
    }

    /// <summary>The child left pre-community for the street: the stay ends and the journey waits for a return (<see cref="LeftMessage"/>).</summary>
    /// <param name="recordId">The record (id or reference).</param>
    /// <param name="actor">Who records the departure.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The journey's instance id.</returns>
    /// <exception cref="WorkflowNotFoundException">No such record.</exception>
    /// <exception cref="WorkflowConflictException">No stay in pre-community is open.</exception>
    public async Task<string> DepartAsync(string recordId, Actor actor, CancellationToken ct)
    {
        var record = await OpenRecordAsync(recordId, ct).ConfigureAwait(false);
        var running = await RunningJourneyAsync(record, ct).ConfigureAwait(false);
        var correlated = running is null ? [] : await workflows.CorrelateMessageAsync(LeftMessage, record.Id, null, actor, ct).ConfigureAwait(false);
        return running is not null && correlated.Contains(running, StringComparer.Ordinal)
            ? running
            : throw new WorkflowConflictException($"Record {record.Reference} has no stay in pre-community open.");
    }

    private async Task<OpenDoorRecord> OpenRecordAsync(string recordId, CancellationToken ct)
    {
        var record = await db.Set<OpenDoorRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordId || r.Reference == recordId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No open-door record '{recordId}'.");
        return record.Status is OpenDoorStatuses.Closed or OpenDoorStatuses.Residential
            ? throw new WorkflowConflictException($"Record {record.Reference} is {record.Status}.")
            : record;
    }

    private async Task<string?> RunningJourneyAsync(OpenDoorRecord record, CancellationToken ct)
    {
        var reference = record.Reference;
        return await db.Instances.AsNoTracking()
            .Where(i => i.ProcessId == JourneyId && i.BusinessKey == reference && i.Status == "active")
            .OrderByDescending(i => i.StartedAt).Select(i => i.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    private static void Link(OutreachContact contact, string recordId, DateTimeOffset at, Actor actor)
    {
        if (contact.RecordId is { } linked && linked != recordId)
        {
            throw new WorkflowConflictException($"Contact {contact.Id} is linked to another record already; a counsellor unlinks nothing by linking again.");
        }

        contact.RecordId = recordId;
        contact.LinkedAt = at;
        contact.LinkedBy = CaseInput.Limit(actor.Id);
    }

    private (string Name, DateTimeOffset From, DateTimeOffset To) MonthOf(string? month)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(workflowOptions.TimeZone);
        DateOnly first;
        if (month is null)
        {
            var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
            first = new DateOnly(local.Year, local.Month, 1);
        }
        else if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            throw new CaseInputException("month", $"'{month}' is not a month (yyyy-mm).");
        }

        DateTimeOffset Start(DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        return (first.ToString("yyyy-MM", CultureInfo.InvariantCulture), Start(first), Start(first.AddMonths(1)));
    }

    private static int? CheckAge(int? age) =>
        age is < 0 or > MaxApproximateAge ? throw new CaseInputException("approximateAge", $"must be between 0 and {MaxApproximateAge}.") : age;

    /// <summary>An alias or zone as compared: lower case, without accents, letters and digits only.</summary>
    private static string Fold(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
