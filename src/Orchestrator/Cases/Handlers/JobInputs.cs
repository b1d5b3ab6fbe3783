using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Engine.Model;

namespace Orchestrator.Cases.Handlers;

/// <summary>Reads a job's variables, naming the missing one.</summary>
/// <param name="type">The job type (for messages).</param>
/// <param name="variables">The variables (input mappings applied).</param>
public sealed class JobInputs(string type, JsonObject variables)
{
    /// <summary>The variables.</summary>
    public JsonObject Variables { get; } = variables ?? throw new ArgumentNullException(nameof(variables));

    /// <summary>The job type.</summary>
    public string Type { get; } = type;

    /// <summary>A non-empty string.</summary>
    /// <param name="name">The variable.</param>
    /// <exception cref="CaseInputException">Missing, null, empty or not a string.</exception>
    public string Required(string name) => CaseInput.Require(Optional(name), name, CaseInput.MissingVariable);

    /// <summary>A string, or <c>null</c> when missing, null or empty.</summary>
    /// <param name="name">The variable.</param>
    /// <exception cref="CaseInputException">Present but not a string (numbers are taken as text).</exception>
    public string? Optional(string name)
    {
        var node = Variables[name];
        if (node is null)
        {
            return null;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null,
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.Null => null,
            _ => throw new CaseInputException(name, $"must be text, not {node.GetValueKind().ToString().ToLowerInvariant()}."),
        };
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="allowed">The values.</param>
    public string OneOf(string name, IReadOnlyList<string> allowed) => CaseInput.OneOf(Required(name), allowed, name);

    /// <summary>A whole number, or <c>null</c> when missing.</summary>
    /// <param name="name">The variable.</param>
    public int? OptionalInt(string name)
    {
        var node = Variables[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var n))
        {
            return n;
        }

        if (node.GetValueKind() == JsonValueKind.String && int.TryParse(node.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw new CaseInputException(name, "must be a whole number.");
    }

    /// <summary>A flag, or <c>null</c> when missing.</summary>
    /// <param name="name">The variable.</param>
    public bool? OptionalBool(string name) => Variables[name]?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new CaseInputException(name, "must be true or false."),
    };

    /// <summary>An instant, or <c>null</c> when missing: ISO 8601, or FEEL's zoned form (<c>2029-01-03T10:55:50@America/Mexico_City</c>).</summary>
    /// <param name="name">The variable.</param>
    public DateTimeOffset? OptionalInstant(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        // A date-time computed in FEEL (now(), date and time(...)) is stored with the engine's zone id, not an offset.
        if (IsoTimer.TryParseZoned(text, out var zoned))
        {
            return zoned;
        }

        throw new CaseInputException(name, $"'{text}' is not a date-time (ISO 8601, or FEEL's date-time@zone).");
    }
}
