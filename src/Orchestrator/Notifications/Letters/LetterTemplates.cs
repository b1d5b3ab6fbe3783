using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Notifications.Templates;
using Scriban.Runtime;

namespace Orchestrator.Notifications.Letters;

/// <summary>
/// The letter templates of <c>templates/letters/</c>: <c>&lt;key&gt;.&lt;lang&gt;.scriban-html</c> (optional front
/// matter with <c>title:</c>, then the HTML body) inside <c>_layout.&lt;lang&gt;.scriban-html</c> (letterhead, reference
/// and date, title, <c>{{ body }}</c>, signature block). All compile and pass the sandbox's checks at start-up
/// (<see cref="SandboxedTemplate"/>): no <c>this</c>, <c>import</c>, <c>with</c>, Scriban built-in or unknown function.
/// Unlike emails, a letter sees the case: it is a document of the case, kept and read behind the sign-in; so which
/// names it reads is only known when it is printed. Rendering is strict: a letter naming a value the case does not have
/// fails naming the file, line and column, instead of printing a blank where a name should be. A value a letter only
/// tests (<c>{{ if reasons }}…{{ end }}</c>) is optional. The layout may name only the fixed values
/// (<see cref="LayoutNames"/>).
/// </summary>
public sealed class LetterTemplates
{
    /// <summary>What every letter and its layout may name besides the case's variables: the letterhead and the letter's own data.</summary>
    public static IReadOnlySet<string> LayoutNames { get; } = new HashSet<string>(
        ["organisationName", "organisationAddress", "organisationLogo", "caseReference", "letterDate", "place", "signatory", "title", "templateKey", "language", "body"],
        StringComparer.Ordinal);

    private readonly Dictionary<(string Key, string Language), Compiled> _letters = [];
    private readonly Dictionary<string, Compiled> _layouts = new(StringComparer.Ordinal);
    private readonly TemplateCatalog _catalog;
    private readonly LetterOptions _options;
    private readonly string? _logoUrl;
    private readonly ILogger<LetterTemplates> _logger;

    private LetterTemplates(TemplateCatalog catalog, LetterOptions options, string? logoUrl, ILogger<LetterTemplates> logger)
    {
        _catalog = catalog;
        _options = options;
        _logoUrl = logoUrl;
        _logger = logger;
    }

    /// <summary>The letter keys.</summary>
    public IReadOnlyCollection<string> Keys => [.. _letters.Keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The languages one letter exists in.</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyCollection<string> LanguagesOf(string key) => [.. _letters.Keys.Where(k => k.Key == key).Select(k => k.Language).Order(StringComparer.Ordinal)];

    /// <summary>The names a letter's body reads (the case's variables it prints or tests, and the fixed values), for review.</summary>
    /// <param name="key">The key.</param>
    /// <param name="language">The language.</param>
    /// <exception cref="KeyNotFoundException">No such letter.</exception>
    public IReadOnlySet<string> NamesRead(string key, string language) => _letters[(key, language)].Body.Reads;

    /// <summary>Loads and compiles every letter under <c>{directory}/letters</c>, with the email catalog's functions and settings.</summary>
    /// <param name="directory">The templates folder; a missing folder gives no letters.</param>
    /// <param name="catalog">The email catalog (its functions, organisation and default language).</param>
    /// <param name="options">The letter settings.</param>
    /// <param name="logoUrl">What <c>organisationLogo</c> gives letters (a <c>data:</c> address), or <c>null</c> without a logo.</param>
    /// <param name="logger">Where missing translations are reported.</param>
    /// <exception cref="TemplateException">A file does not parse, reaches outside what letters may read, is misnamed, has no layout, or lacks the default language.</exception>
    public static LetterTemplates Load(string? directory, TemplateCatalog catalog, LetterOptions options, string? logoUrl, ILogger<LetterTemplates> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var templates = new LetterTemplates(catalog, options, logoUrl, logger);
        var folder = directory is null ? null : Path.Combine(directory, "letters");
        if (folder is null || !Directory.Exists(folder))
        {
            return templates;
        }

        foreach (var stray in Directory.EnumerateFiles(folder, "*.hbs"))
        {
            throw new TemplateException($"{stray}: letter templates are Scriban files now (<key>.<language>{TemplateCatalog.Extension}); rename it and rewrite its {{{{#if}}}} blocks as {{{{ if }}}} … {{{{ end }}}} (templates/README.md).");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*" + TemplateCatalog.Extension).Order(StringComparer.Ordinal))
        {
            var (key, language) = TemplateCatalog.ParseFileName(file, "rejection.es");
            var source = TemplateFile.Read(file);
            var compiled = new Compiled(
                source.Source,
                source.Field("title")?.Value,
                SandboxedTemplate.Compile(source.Body, file, source.BodyLine, 1, key == "_layout" ? LayoutNames : null));
            if (key == "_layout")
            {
                templates._layouts[language] = compiled;
            }
            else
            {
                templates._letters[(key, language)] = compiled;
            }
        }

        var fallback = catalog.DefaultLanguage;
        foreach (var (key, language) in templates._letters.Keys)
        {
            var file = Path.Combine(folder, $"{key}.{language}{TemplateCatalog.Extension}");
            if (!templates._layouts.ContainsKey(language))
            {
                throw new TemplateException($"{file}: there is no letter layout for language '{language}' (letters/_layout.{language}{TemplateCatalog.Extension}).");
            }

            if (!templates._letters.ContainsKey((key, fallback)))
            {
                throw new TemplateException($"{file}: there is no '{fallback}' version ({key}.{fallback}{TemplateCatalog.Extension}), which every other language falls back to.");
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
        var wanted = TemplateCatalog.NormaliseLanguage(language) ?? _catalog.DefaultLanguage;
        var used = wanted;
        if (!_letters.TryGetValue((key, wanted), out var letter))
        {
            used = _catalog.DefaultLanguage;
            if (!_letters.TryGetValue((key, used), out letter))
            {
                throw new TemplateException($"There is no letter template '{key}' (templates/letters/{key}.{used}{TemplateCatalog.Extension}); known: {string.Join(", ", Keys)}.");
            }

            LetterLog.MissingTranslation(_logger, key, wanted, used);
        }

        var layout = _layouts[used];
        var data = Data(variables);
        data["caseReference"] = caseReference;
        data["organisationName"] = _catalog.Organisation.Name;
        data["organisationAddress"] = _options.OrganisationAddress;
        data["organisationLogo"] = _logoUrl;
        data["letterDate"] = date;
        data["language"] = used;
        data["templateKey"] = key;
        data["title"] = letter.Title ?? key;
        data.TryAdd("place", _options.LetterPlace);
        data.TryAdd("signatory", _options.LetterSignatory);

        // Strict mode treats even {{ if x }} on an absent x as an error; a value a letter only tests is optional.
        foreach (var name in layout.Body.Tested.Concat(letter.Body.Tested))
        {
            data.TryAdd(name, null);
        }

        var functions = _catalog.Functions.For(used);
        var body = letter.Body.Render(data, functions, TemplateOutput.Html);
        data["body"] = new RawHtml(body);
        var page = layout.Body.Render(data, functions, TemplateOutput.Html);
        return new RenderedLetter(key, used, letter.Title ?? key, page, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(layout.Source + "\n" + letter.Source))));
    }

    /// <summary>The case's variables as templates navigate them: objects as script objects, lists as arrays, values as .NET values.</summary>
    private static ScriptObject Data(JsonObject variables, bool topLevel = true)
    {
        var data = new ScriptObject();
        foreach (var (name, value) in variables)
        {
            // A variable named like a function (a case's "date") would hide it from the template: the function wins.
            if (!topLevel || !TemplateFunctions.Names.Contains(name))
            {
                data[name] = ToData(value);
            }
        }

        return data;
    }

    private static object? ToData(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Data(o, topLevel: false),
        JsonArray a => new ScriptArray(a.Select(ToData)),
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

    private sealed record Compiled(string Source, string? Title, SandboxedTemplate Body);
}
