using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>family.certify</c>: issues (or renews) DIF's certificate of aptitude. The number is
/// <c>{Cases:CertificatePrefix}-{year}-{family reference}</c> (a renewal keeps it); the expiry is the input
/// <c>expiresAt</c>, else <c>Cases:CertificateValidityMonths</c> from now. Outputs <c>certificateNumber</c> and
/// <c>certificateValidUntil</c>, the expiry as the register holds it (ISO 8601 in UTC, whatever form <c>expiresAt</c> came in).
/// </summary>
public sealed class CertifyFamilyHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<CertifyFamilyHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "family.certify";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var familyId = inputs.Required("familyId");
        var family = await ExistingFamilyAsync(db, familyId, ct).ConfigureAwait(false);
        CaseRules.CheckCertifiable(family);
        var now = Time.GetUtcNow();
        var expires = inputs.OptionalInstant("expiresAt") ?? now.AddMonths(Options.CertificateValidityMonths);
        var number = CaseRules.CertificateNumberFor(family, Options.CertificatePrefix, now.Year);

        // The expiry goes out as plain ISO 8601, not FEEL's date-time@zone: letters and emails print it as a date.
        return Complete(new Input(familyId, number, expires), new JsonObject
        {
            ["certificateNumber"] = number,
            ["certificateValidUntil"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var family = await TrackedFamilyAsync(change.Db, input.FamilyId, ct).ConfigureAwait(false);
        family.Certify(input.CertificateNumber, input.ExpiresAt, change.Now);
    }

    /// <summary>The checked input.</summary>
    /// <param name="FamilyId">The family.</param>
    /// <param name="CertificateNumber">The number.</param>
    /// <param name="ExpiresAt">The expiry.</param>
    public sealed record Input(string FamilyId, string CertificateNumber, DateTimeOffset ExpiresAt);
}
