using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using Orchestrator.Notifications.Templates;

namespace Orchestrator.Notifications.Letters;

/// <summary>A letter rendered to HTML, with what identifies its template.</summary>
/// <param name="Key">The template key.</param>
/// <param name="Language">The language rendered (the default when the requested one is missing).</param>
/// <param name="Title">The letter's title (front matter <c>title:</c>).</param>
/// <param name="Html">The whole page, inside the letter layout.</param>
/// <param name="TemplateVersion">SHA-256 (hex) of the layout and template sources.</param>
public sealed record RenderedLetter(string Key, string Language, string Title, string Html, string TemplateVersion);

/// <summary>
/// The letter templates of <c>templates/letters/</c>: <c>&lt;key&gt;.&lt;lang&gt;.hbs</c> (optional front matter with
/// <c>title:</c>, then the HTML body) inside <c>_layout.&lt;lang&gt;.hbs</c> (letterhead, reference and date, title,
/// <c>{{{body}}}</c>, signature block). All compile at start-up. Unlike emails, a letter sees the case: it is a
/// document of the case, kept and read behind the sign-in. Rendering is strict: a letter naming a value the case does
/// not have fails naming the file and the value, instead of printing a blank where a name should be. A value a letter
/// only tests (<c>{{#if reasons}}…{{/if}}</c>) is optional.
/// </summary>
public sealed partial class LetterTemplates
{
    private readonly Dictionary<(string Key, string Language), Compiled> _letters = [];
    private readonly Dictionary<string, Compiled> _layouts = new(StringComparer.Ordinal);
    private readonly TemplateCatalog _catalog;
    private readonly LetterOptions _options;
    private readonly ILogger<LetterTemplates> _logger;

    private LetterTemplates(TemplateCatalog catalog, LetterOptions options, ILogger<LetterTemplates> logger)
    {
        _catalog = catalog;
        _options = options;
        _logger = logger;
    }

    /// <summary>The letter keys.</summary>
    public IReadOnlyCollection<string> Keys => [.. _letters.Keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The languages one letter exists in.</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyCollection<string> LanguagesOf(string key) => [.. _letters.Keys.Where(k => k.Key == key).Select(k => k.Language).Order(StringComparer.Ordinal)];

    /// <summary>Loads and compiles every letter under <c>{directory}/letters</c> in the catalog's Handlebars environment (same helpers).</summary>
    /// <param name="directory">The templates folder; a missing folder gives no letters.</param>
    /// <param name="catalog">The email catalog (its environment, helpers and settings).</param>
    /// <param name="options">The letter settings.</param>
    /// <param name="logger">Where missing translations are reported.</param>
    /// <exception cref="TemplateException">A file does not parse, is misnamed, has no layout, or lacks the default language.</exception>
    public static LetterTemplates Load(string? directory, TemplateCatalog catalog, LetterOptions options, ILogger<LetterTemplates> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var templates = new LetterTemplates(catalog, options, logger);
        var folder = directory is null ? null : Path.Combine(directory, "letters");
        if (folder is null || !Directory.Exists(folder))
        {
            return templates;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.hbs").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var dot = name.LastIndexOf('.');
            if (dot <= 0 || dot == name.Length - 1)
            {
                throw new TemplateException($"{file}: the name must be <key>.<language>.hbs, e.g. rejection.es.hbs.");
            }

            var (key, language) = (name[..dot], name[(dot + 1)..].ToLowerInvariant());
            var compiled = templates.Compile(file);
            if (key == "_layout")
            {
                templates._layouts[language] = compiled;
            }
            else
            {
                templates._letters[(key, language)] = compiled;
            }
        }

        var fallback = catalog.Options.DefaultLanguage;
        foreach (var (key, language) in templates._letters.Keys)
        {
            var file = Path.Combine(folder, $"{key}.{language}.hbs");
            if (!templates._layouts.ContainsKey(language))
            {
                throw new TemplateException($"{file}: there is no letter layout for language '{language}' (letters/_layout.{language}.hbs).");
            }

            if (!templates._letters.ContainsKey((key, fallback)))
            {
                throw new TemplateException($"{file}: there is no '{fallback}' version ({key}.{fallback}.hbs), which every other language falls back to.");
            }
        }

        return templates;
    }

    /// <summary>Whether a letter template exists (in any language).</summary>
    /// <param name="key">The key.</param>
    public bool Contains(string key) => _letters.Keys.Any(k => k.Key == key);

    /// <summary>Renders a letter with the case's data.</summary>
    /// <param name="key">The template key.</param>
    /// <param name="language">The language; <c>null</c> or a missing translation gives the default (logged).</param>
    /// <param name="variables">The case's variables (what the letter may name, besides the fixed values).</param>
    /// <param name="caseReference">The case reference (business key).</param>
    /// <param name="date">The letter's date.</param>
    /// <exception cref="TemplateException">No such letter, or it names a value the case does not have.</exception>
    public RenderedLetter Render(string key, string? language, JsonObject variables, string caseReference, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(variables);
        var wanted = TemplateCatalog.NormaliseLanguage(language) ?? _catalog.Options.DefaultLanguage;
        var used = wanted;
        if (!_letters.TryGetValue((key, wanted), out var letter))
        {
            used = _catalog.Options.DefaultLanguage;
            if (!_letters.TryGetValue((key, used), out letter))
            {
                throw new TemplateException($"There is no letter template '{key}' (templates/letters/{key}.{used}.hbs); known: {string.Join(", ", Keys)}.");
            }

            LetterLog.MissingTranslation(_logger, key, wanted, used);
        }

        var layout = _layouts[used];
        var data = Data(variables);
        data["caseReference"] = caseReference;
        data["organisationName"] = _catalog.Options.OrganisationName;
        data["organisationAddress"] = _options.OrganisationAddress;
        data["date"] = date;
        data["language"] = used;
        data["templateKey"] = key;
        data["title"] = letter.Title ?? key;
        data.TryAdd("place", _options.LetterPlace);
        data.TryAdd("signatory", _options.LetterSignatory);

        // Strict mode treats even {{#if x}} on an absent x as an error; a value a letter only tests is optional.
        foreach (var name in layout.Optional.Concat(letter.Optional))
        {
            data.TryAdd(name, null);
        }

        try
        {
            var body = letter.Body(data);
            data["body"] = body;
            return new RenderedLetter(key, used, letter.Title ?? key, layout.Body(data), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(layout.Source + "\n" + letter.Source))));
        }
        catch (Exception e) when (e is HandlebarsException or HandlebarsUndefinedBindingException)
        {
            throw new TemplateException($"templates/letters/{key}.{used}.hbs: {e.Message}", e);
        }
    }

    /// <summary>The case's variables as Handlebars navigates them: objects as dictionaries, lists as lists, values as .NET values.</summary>
    private static Dictionary<string, object?> Data(JsonObject variables)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            data[name] = ToData(value);
        }

        return data;
    }

    private static object? ToData(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Data(o),
        JsonArray a => a.Select(ToData).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<decimal>(),
            _ => null,
        },
        _ => node.ToJsonString(),
    };

    private Compiled Compile(string file)
    {
        var (title, body, source) = TemplateFile.Read(file, "title");

        try
        {
            var optional = OptionalValue().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            return new Compiled(source, title, _catalog.Handlebars.Compile(body), optional);
        }
        catch (HandlebarsException e)
        {
            throw new TemplateException($"{file}: {e.Message}", e);
        }
    }

    [GeneratedRegex(@"\{\{#(?:if|unless)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex OptionalValue();

    private sealed record Compiled(string Source, string? Title, HandlebarsTemplate<object, object> Body, IReadOnlyList<string> Optional);
}

internal static partial class LetterLog
{
    [LoggerMessage(1, LogLevel.Warning, "Letter template {Key} has no '{Wanted}' translation; printed in '{Used}'")]
    public static partial void MissingTranslation(ILogger logger, string key, string wanted, string used);

    [LoggerMessage(2, LogLevel.Information, "Letter {TemplateKey} ({Language}) printed for instance {InstanceId}: document {DocumentId}, {Size} bytes")]
    public static partial void Printed(ILogger logger, string templateKey, string language, string instanceId, Guid documentId, long size);
}
