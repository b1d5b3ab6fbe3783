using System.Text.Json;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Workflows;

/// <summary>
/// The names people read of journeys and their tasks, in their language. A journey is drawn with one name per element
/// (English, in the BPMN file); its translations are kept beside it in
/// <c>workflows/translations/{processId}.{language}.json</c>:
/// <code>{ "journey": "Retorno voluntario asistido", "tasks": { "Task_RecordWish": "Registrar el deseo de volver" } }</code>
/// Emails and pages ask here: the name in the person's language (the organisation's default language when they have
/// none), else the name as drawn (the journeys are drawn in English), else the id. Read once at start-up; a file that
/// is not such an object stops the start-up naming it. A test holds every journey's names complete in every language.
/// </summary>
public sealed class JourneyNames
{
    /// <summary>The folder under the workflows folder.</summary>
    public const string Folder = "translations";

    private readonly Dictionary<(string ProcessId, string Language), Translations> _translations = [];
    private readonly DefinitionRepository? _definitions;
    private readonly string _defaultLanguage;

    private JourneyNames(DefinitionRepository? definitions, string defaultLanguage)
    {
        _definitions = definitions;
        _defaultLanguage = defaultLanguage;
    }

    /// <summary>The languages some translation file exists in.</summary>
    public IReadOnlyCollection<string> Languages => [.. _translations.Keys.Select(k => k.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Reads every <c>{workflowsDirectory}/translations/*.json</c>.</summary>
    /// <param name="workflowsDirectory">The workflows folder; <c>null</c> or without translations: names as drawn.</param>
    /// <param name="definitions">The deployed processes (the names as drawn); <c>null</c>: ids only.</param>
    /// <param name="defaultLanguage">The language of a reader without one (<c>Organisation:DefaultLanguage</c>).</param>
    /// <exception cref="InvalidOperationException">A file is misnamed or not a translation object (the message names the file).</exception>
    public static JourneyNames Load(string? workflowsDirectory, DefinitionRepository? definitions, string defaultLanguage)
    {
        var names = new JourneyNames(definitions, Language(defaultLanguage) ?? "es");
        var folder = workflowsDirectory is null ? null : Path.Combine(workflowsDirectory, Folder);
        if (folder is null || !Directory.Exists(folder))
        {
            return names;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var dot = stem.LastIndexOf('.');
            if (dot <= 0 || Language(stem[(dot + 1)..]) is not { Length: 2 } language)
            {
                throw new InvalidOperationException($"{file}: a translation file is named {{processId}}.{{language}}.json, e.g. child-journey.es.json.");
            }

            names._translations[(stem[..dot], language)] = Translations.Read(file);
        }

        return names;
    }

    /// <summary>A journey's name in <paramref name="language"/>.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="language">The reader's language (<c>es</c>, <c>en-US</c>…); <c>null</c>: the default.</param>
    public string JourneyName(string processId, string? language)
    {
        ArgumentNullException.ThrowIfNull(processId);
        return Translated(processId, null, language) ?? _definitions?.Latest(processId)?.Definition.Name ?? processId;
    }

    /// <summary>A task's name in <paramref name="language"/>.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="elementId">The task's element id.</param>
    /// <param name="language">The reader's language (<c>es</c>, <c>en-US</c>…); <c>null</c>: the default.</param>
    /// <param name="drawnName">The name as drawn in the version the task runs, when the caller has it (else the latest version's).</param>
    public string TaskName(string processId, string elementId, string? language, string? drawnName = null)
    {
        ArgumentNullException.ThrowIfNull(processId);
        ArgumentNullException.ThrowIfNull(elementId);
        return Translated(processId, elementId, language) ?? drawnName ?? _definitions?.Latest(processId)?.Definition.FindNode(elementId)?.Name ?? elementId;
    }

    /// <summary>The translation written for exactly this language, without falling back (<c>null</c> when there is none).</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="elementId">The task's element id; <c>null</c> for the journey's own name.</param>
    /// <param name="language">The language.</param>
    public string? Translation(string processId, string? elementId, string language)
    {
        if (!_translations.TryGetValue((processId, Language(language) ?? ""), out var translations))
        {
            return null;
        }

        return elementId is null ? translations.Journey : translations.Tasks.GetValueOrDefault(elementId);
    }

    private string? Translated(string processId, string? elementId, string? language) => Translation(processId, elementId, Language(language) ?? _defaultLanguage);

    private static string? Language(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var trimmed = tag.Trim();
        var dash = trimmed.IndexOfAny(['-', '_']);
        return (dash > 0 ? trimmed[..dash] : trimmed).ToLowerInvariant();
    }

    private sealed record Translations(string? Journey, IReadOnlyDictionary<string, string> Tasks)
    {
        public static Translations Read(string file)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidOperationException($"{file}: must be an object with \"journey\" (text) and \"tasks\" (element id → text).");
                }

                string? journey = null;
                var tasks = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in root.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "journey" when property.Value.ValueKind == JsonValueKind.String:
                            journey = property.Value.GetString();
                            break;
                        case "tasks" when property.Value.ValueKind == JsonValueKind.Object:
                            foreach (var task in property.Value.EnumerateObject())
                            {
                                tasks[task.Name] = task.Value.ValueKind == JsonValueKind.String && task.Value.GetString() is { Length: > 0 } name
                                    ? name
                                    : throw new InvalidOperationException($"{file}: tasks.{task.Name} must be a non-empty text.");
                            }

                            break;
                        default:
                            throw new InvalidOperationException($"{file}: '{property.Name}' is not expected here (\"journey\": text, \"tasks\": element id → text).");
                    }
                }

                return new Translations(journey, tasks);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{file}: not valid JSON ({e.Message}).", e);
            }
        }
    }
}
