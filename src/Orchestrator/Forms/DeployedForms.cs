using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Forms;

/// <summary>
/// The forms as deployed, versioned with the processes (tables <c>form_versions</c> and <c>definition_forms</c>). A form
/// gets a new version only when its content changes; each process version records the form versions it was deployed
/// with, so a task is shown and checked with the form of its own process version for as long as it is open, whatever is
/// deployed after it (<see cref="ForTaskAsync"/>). The in-memory <see cref="FormCatalog"/> holds the newest version of
/// every form (<see cref="RefreshCatalogAsync"/>).
/// </summary>
public sealed class DeployedForms(OrchestratorDbContext db, FormCatalog catalog)
{
    /// <summary>The newest version of every deployed form, by key.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<DeployedFormSummary>> ListLatestAsync(CancellationToken ct)
    {
        var rows = await LatestRowsAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(r => new DeployedFormSummary(r.FormKey, r.Version, r.DeployedBy, r.DeployedAt, TitleOf(r.Schema)))];
    }

    /// <summary>The key of every deployed form.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<string>> KeysAsync(CancellationToken ct) =>
        await db.Set<FormVersionRecord>().AsNoTracking().Select(f => f.FormKey).Distinct().ToListAsync(ct).ConfigureAwait(false);

    /// <summary>The newest version of one form, or <c>null</c> when no form has that key.</summary>
    /// <param name="formKey">The form key.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DeployedForm?> LatestAsync(string formKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(formKey);
        var row = await db.Set<FormVersionRecord>().AsNoTracking().Where(f => f.FormKey == formKey)
            .OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return row is null ? null : new DeployedForm(row.FormKey, row.Version, row.Schema);
    }

    /// <summary>The forms a process version was deployed with, by key (empty for a version deployed before forms were versioned).</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The process version.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyDictionary<string, DeployedForm>> OfDefinitionAsync(string processId, int version, CancellationToken ct)
    {
        var rows = await (from d in db.Set<DefinitionFormRecord>().AsNoTracking()
                          join f in db.Set<FormVersionRecord>().AsNoTracking() on new { d.FormKey, Version = d.FormVersion } equals new { f.FormKey, f.Version }
                          where d.ProcessId == processId && d.ProcessVersion == version
                          select f).ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.FormKey, r => new DeployedForm(r.FormKey, r.Version, r.Schema), StringComparer.Ordinal);
    }

    /// <summary>
    /// The form a task of <paramref name="processId"/> version <paramref name="version"/> is shown and checked with:
    /// the one that version was deployed with; for a version deployed before forms were versioned, the newest version;
    /// <c>null</c> when no form has the key.
    /// </summary>
    /// <param name="processId">The task's process id.</param>
    /// <param name="version">The task's process version.</param>
    /// <param name="formKey">The task's form key.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<DeployedForm?> ForTaskAsync(string processId, int version, string formKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(formKey);
        var recorded = await (from d in db.Set<DefinitionFormRecord>().AsNoTracking()
                              join f in db.Set<FormVersionRecord>().AsNoTracking() on new { d.FormKey, Version = d.FormVersion } equals new { f.FormKey, f.Version }
                              where d.ProcessId == processId && d.ProcessVersion == version && d.FormKey == formKey
                              select f).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return recorded is not null ? new DeployedForm(recorded.FormKey, recorded.Version, recorded.Schema) : await LatestAsync(formKey, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Stages a form as deployed (the caller saves): a new version when its content differs from the newest one, else
    /// the newest. The schema must already have been checked (<see cref="FormSchema.Parse"/>).
    /// </summary>
    /// <param name="formKey">The key.</param>
    /// <param name="schemaJson">The schema.</param>
    /// <param name="sourceName">Where it came from (a file name, <c>designer</c>).</param>
    /// <param name="deployedBy">Who deploys it.</param>
    /// <param name="now">The clock reading.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The version the key now has.</returns>
    public async Task<int> StageAsync(string formKey, string schemaJson, string sourceName, string deployedBy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(formKey);
        var normalised = Normalise(schemaJson);
        var hash = Hash(normalised);
        var newest = await db.Set<FormVersionRecord>().AsNoTracking().Where(f => f.FormKey == formKey).OrderByDescending(f => f.Version)
            .Select(f => new { f.Version, f.ContentHash }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var staged = db.ChangeTracker.Entries<FormVersionRecord>().Select(e => e.Entity).Where(f => f.FormKey == formKey).MaxBy(f => f.Version);
        if (staged is not null)
        {
            return staged.ContentHash == hash ? staged.Version : throw new InvalidOperationException($"Form '{formKey}' is staged twice with different content.");
        }

        if (newest is not null && newest.ContentHash == hash)
        {
            return newest.Version;
        }

        var row = new FormVersionRecord
        {
            FormKey = formKey,
            Version = (newest?.Version ?? 0) + 1,
            Schema = normalised,
            ContentHash = hash,
            SourceName = Limit(sourceName),
            DeployedBy = Limit(deployedBy),
            DeployedAt = now,
        };
        db.Add(row);
        return row.Version;
    }

    /// <summary>Stages which form versions a process version is deployed with (the caller saves).</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The process version.</param>
    /// <param name="forms">Form key → form version.</param>
    public void StageDefinitionForms(string processId, int version, IReadOnlyDictionary<string, int> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        foreach (var (key, formVersion) in forms)
        {
            db.Add(new DefinitionFormRecord { ProcessId = processId, ProcessVersion = version, FormKey = key, FormVersion = formVersion });
        }
    }

    /// <summary>The newest version of each given key (keys no form has are left out).</summary>
    /// <param name="keys">The form keys.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyDictionary<string, int>> NewestVersionsAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.Set<FormVersionRecord>().AsNoTracking().Where(f => wanted.Contains(f.FormKey))
            .GroupBy(f => f.FormKey).Select(g => new { Key = g.Key, Version = g.Max(f => f.Version) }).ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => r.Version, StringComparer.Ordinal);
    }

    /// <summary>
    /// Start-up: every <c>*.form</c> file of <paramref name="directory"/> whose content was never deployed under its key
    /// becomes that key's newest version; a file whose content was deployed before (perhaps an older version a designer
    /// has since changed) changes nothing. Then the catalog is brought to the newest versions. Saves.
    /// </summary>
    /// <param name="directory">The forms folder (<c>workflows/forms</c>); a missing folder loads nothing.</param>
    /// <param name="deployedBy">Who deploys (the system).</param>
    /// <param name="now">The clock reading.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The keys that got a new version.</returns>
    /// <exception cref="FormSchemaException">A file is not a usable form (the catalog's load reports it first).</exception>
    public async Task<IReadOnlyList<string>> LoadFilesAsync(string directory, string deployedBy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var loaded = new List<string>();
        if (Directory.Exists(directory))
        {
            var known = (await db.Set<FormVersionRecord>().AsNoTracking().Select(f => new { f.FormKey, f.ContentHash }).ToListAsync(ct).ConfigureAwait(false))
                .Select(f => (f.FormKey, f.ContentHash)).ToHashSet();
            foreach (var file in Directory.EnumerateFiles(directory, "*.form").Order(StringComparer.Ordinal))
            {
                var text = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
                var schema = FormSchema.Parse(text, file);
                var normalised = Normalise(text);
                if (known.Contains((schema.Id, Hash(normalised))))
                {
                    continue;
                }

                await StageAsync(schema.Id, normalised, Path.GetFileName(file), deployedBy, now, ct).ConfigureAwait(false);
                loaded.Add(schema.Id);
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        await RefreshCatalogAsync(ct).ConfigureAwait(false);
        return loaded;
    }

    /// <summary>Registers the newest version of every deployed form in the in-memory catalog.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task RefreshCatalogAsync(CancellationToken ct)
    {
        foreach (var row in await LatestRowsAsync(ct).ConfigureAwait(false))
        {
            catalog.Register(FormSchema.Parse(row.Schema, row.FormKey + ".form"));
        }
    }

    /// <summary>The schema as stored: compact JSON, so that formatting alone is not a new version.</summary>
    /// <param name="schemaJson">The schema.</param>
    /// <returns>The compact JSON.</returns>
    /// <exception cref="FormSchemaException">The text is not a JSON object.</exception>
    public static string Normalise(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        try
        {
            return JsonNode.Parse(schemaJson) is JsonObject o ? o.ToJsonString() : throw new FormSchemaException("a form schema must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormSchemaException($"not valid JSON: {e.Message}", e);
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Limit(string value) => ColumnText.Fit(value, OrchestratorModel.NameLength);

    private async Task<List<FormVersionRecord>> LatestRowsAsync(CancellationToken ct)
    {
        var rows = await db.Set<FormVersionRecord>().AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.GroupBy(r => r.FormKey, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.FormKey, StringComparer.Ordinal)];
    }

    private static string? TitleOf(string schema)
    {
        try
        {
            return JsonNode.Parse(schema)?["components"] is JsonArray components
                ? components.OfType<JsonObject>().Select(c => c["text"] ?? c["label"]).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null)
                    .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s))?.TrimStart('#', ' ')
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
