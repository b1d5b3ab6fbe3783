using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// The one place that decides what of a sensitive value a person sees: its readers (<see cref="SensitiveReaders"/>)
/// see the value, and each such read leaves a <c>SensitiveRead</c> history row (who, when, which fields, which answer);
/// everyone else gets a <see cref="SensitiveMarker"/>. Every answer that carries case data or process variables goes
/// through here: the case services, <see cref="GuardedWorkflowReads"/> (instances, their history, incidents), and any
/// page that shows a task's variables (<see cref="RedactVariablesAsync"/>).
/// </summary>
public sealed class SensitiveDataGuard(SensitiveFieldCatalog catalog, IOptions<CasesOptions> options, OrchestratorDbContext db, TimeProvider time)
{
    /// <summary>The history type of an audited read of sensitive data.</summary>
    public const string AuditType = "SensitiveRead";

    private readonly SensitiveReaders _readers = (options ?? throw new ArgumentNullException(nameof(options))).Value.SensitiveReaders;

    /// <summary>Whether <paramref name="actor"/> reads data of <paramref name="category"/>: one of its groups is a reader.</summary>
    /// <param name="category">The category.</param>
    /// <param name="actor">Who.</param>
    public bool MaySee(string category, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return _readers.Of(category).Overlaps(actor.Roles);
    }

    /// <summary>
    /// Process variables (an instance's, a task's, a form's initial data) as <paramref name="actor"/> may see them: a copy
    /// with a marker for every sensitive variable the actor does not read. When the actor reads some that are there, the
    /// read is audited (history <c>SensitiveRead</c> on <paramref name="instanceId"/>). This is what a page calls before it
    /// shows variables.
    /// </summary>
    /// <param name="variables">The variables (not changed).</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="instanceId">The instance they belong to, for the audit row.</param>
    /// <param name="answer">What is being answered, for the audit row (<c>instance</c>, <c>task-form</c>, …).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<JsonObject> RedactVariablesAsync(JsonObject variables, Actor actor, string? instanceId, string answer, CancellationToken ct)
    {
        var redacted = RedactVariables(variables, actor, out var shown);
        await AuditAsync(instanceId, instanceId, shown, actor, answer, ct).ConfigureAwait(false);
        return redacted;
    }

    /// <summary>As <see cref="RedactVariablesAsync"/>, without the audit row: the caller writes it (<see cref="AuditAsync"/>) with what it shows.</summary>
    /// <param name="variables">The variables (not changed).</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="shown">The sensitive variables shown to the actor.</param>
    public JsonObject RedactVariables(JsonObject variables, Actor actor, out IReadOnlyList<string> shown)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(actor);
        var copy = variables.DeepClone().AsObject();
        var seen = new List<string>();
        foreach (var field in catalog.VariableFields())
        {
            var visible = MaySee(field.Category, actor);
            Apply(copy, field, 0, visible ? null : SensitiveMarker.For(field.Category), () => seen.Add(field.Name));
        }

        shown = [.. seen.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return copy;
    }

    /// <summary>
    /// The text values of <paramref name="variables"/> that <paramref name="actor"/> may not see: what free text (an
    /// incident message, a history detail, a correlation key) must not repeat to them (<see cref="Scrub"/>).
    /// </summary>
    /// <param name="variables">Variables (an instance's, or old values from its history).</param>
    /// <param name="actor">Who reads.</param>
    public IReadOnlyCollection<string> HiddenValues(JsonObject variables, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in catalog.VariableFields().Where(f => !MaySee(f.Category, actor)))
        {
            Collect(variables, field.Path, 0, hidden);
        }

        return hidden;
    }

    /// <summary>The text with every occurrence of a hidden value replaced by <see cref="SensitiveMarker.Text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="hidden">The values (<see cref="HiddenValues"/>).</param>
    public static string Scrub(string text, IReadOnlyCollection<string> hidden)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hidden);
        foreach (var value in hidden.OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, SensitiveMarker.Text, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// A case-model object as <paramref name="actor"/> may see it: the sensitive properties they do not read are blanked
    /// in <paramref name="value"/> (a detached object: it is changed) and named in the answer; a read of the others is
    /// audited on <paramref name="itemId"/>.
    /// </summary>
    /// <typeparam name="T">A case-model type.</typeparam>
    /// <param name="value">The object (not tracked by a context).</param>
    /// <param name="itemId">Its id (the case or record), for the audit row.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="answer">What is being answered (<c>case-file</c>, <c>open-door-record</c>).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Redacted<T>> RedactAsync<T>(T value, string itemId, Actor actor, string answer, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(actor);
        var restricted = new List<SensitiveField>();
        var shown = new List<string>();
        foreach (var field in SensitiveFieldCatalog.FieldsOf(typeof(T)))
        {
            object? owner = value;
            for (var i = 0; i < field.Properties.Count - 1 && owner is not null; i++)
            {
                owner = field.Properties[i].GetValue(owner);
            }

            if (owner is null)
            {
                continue;
            }

            var property = field.Properties[^1];
            if (MaySee(field.Category, actor))
            {
                shown.Add(field.Name);
            }
            else
            {
                property.SetValue(owner, property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null ? Activator.CreateInstance(property.PropertyType) : null);
                restricted.Add(field);
            }
        }

        await AuditAsync(null, itemId, shown, actor, answer, ct).ConfigureAwait(false);
        return new Redacted<T>(value, restricted);
    }

    /// <summary>Writes the <c>SensitiveRead</c> row of a read that showed <paramref name="fields"/> (nothing when it showed none).</summary>
    /// <param name="instanceId">The instance, if the data is an instance's.</param>
    /// <param name="itemId">The case, record or instance.</param>
    /// <param name="fields">The sensitive fields shown.</param>
    /// <param name="actor">Who read.</param>
    /// <param name="answer">What was answered.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task AuditAsync(string? instanceId, string? itemId, IReadOnlyList<string> fields, Actor actor, string answer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(actor);
        if (fields.Count == 0)
        {
            return;
        }

        db.History.Add(new HistoryRecord
        {
            InstanceId = instanceId,
            At = time.GetUtcNow(),
            Type = AuditType,
            ItemId = itemId,
            UserId = CaseInput.Limit(actor.Id),
            Detail = new JsonObject { ["answer"] = answer, ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) }.ToJsonString(),
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>Replaces (or, with no marker, only finds) the value at <paramref name="field"/>'s path; a list on the way is crossed item by item.</summary>
    private static void Apply(JsonNode? node, SensitiveField field, int index, JsonObject? marker, Action found)
    {
        switch (node)
        {
            case JsonArray items:
                foreach (var item in items)
                {
                    Apply(item, field, index, marker, found);
                }

                break;
            case JsonObject obj when obj.TryGetPropertyValue(field.Path[index], out var child):
                if (index == field.Path.Count - 1)
                {
                    if (marker is not null)
                    {
                        obj[field.Path[index]] = marker.DeepClone();
                    }
                    else if (child is not null)
                    {
                        found();
                    }
                }
                else
                {
                    Apply(child, field, index + 1, marker, found);
                }

                break;
        }
    }

    private static void Collect(JsonNode? node, IReadOnlyList<string> path, int index, HashSet<string> hidden)
    {
        if (index == path.Count)
        {
            Texts(node, hidden);
            return;
        }

        switch (node)
        {
            case JsonArray items:
                foreach (var item in items)
                {
                    Collect(item, path, index, hidden);
                }

                break;
            case JsonObject obj when obj.TryGetPropertyValue(path[index], out var child):
                Collect(child, path, index + 1, hidden);
                break;
        }
    }

    private static void Texts(JsonNode? node, HashSet<string> hidden)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var text) && text.Trim().Length >= 3:
                hidden.Add(text);
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Texts(item, hidden);
                }

                break;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Texts(child, hidden);
                }

                break;
        }
    }
}
