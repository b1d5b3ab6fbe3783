using System.Text.RegularExpressions;
using Orchestrator.Hosting;
using Scriban.Runtime;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// The email templates of <c>templates/email/</c>, every one compiled, checked and rendered once with
/// <see cref="EmailModel.Sample"/> when the catalog is loaded (at start-up), so a template that does not parse, names
/// a value outside its model or reaches for anything else stops the service with the file, line and column instead of
/// failing the first email.
/// </summary>
/// <remarks>
/// <para>A template is <c>email/&lt;key&gt;.&lt;lang&gt;.scriban-html</c>: a front matter block (<c>---</c> lines)
/// with <c>subject:</c> (and optionally <c>attach: letter</c>), then the HTML body, then a line <c>--- text ---</c>
/// and the plain-text alternative. The layout <c>email/_layout.&lt;lang&gt;.scriban-html</c> has the same two parts
/// and places each body with <c>{{ body }}</c>. Scriban, in the sandbox of <see cref="SandboxedTemplate"/>; values
/// written into the HTML part are escaped.</para>
/// </remarks>
public sealed partial class TemplateCatalog
{
    /// <summary>The extension of every email and letter template.</summary>
    public const string Extension = ".scriban-html";

    /// <summary>The line that separates a template's HTML part from its plain-text part.</summary>
    public const string TextSeparator = "--- text ---";

    /// <summary>The front-matter value of <c>attach:</c> that asks for the letter of the same key as a PDF attachment.</summary>
    public const string AttachLetter = "letter";

    private readonly Dictionary<(string Key, string Language), CompiledEmail> _emails = [];
    private readonly Dictionary<string, CompiledEmail> _layouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _attachesLetter = new(StringComparer.Ordinal);
    private readonly TemplateFunctions _functions;
    private readonly string? _logoUrl;
    private readonly ILogger<TemplateCatalog> _logger;

    private TemplateCatalog(OrganisationOptions organisation, string? logoUrl, ILogger<TemplateCatalog> logger)
    {
        Organisation = organisation;
        _logoUrl = logoUrl;
        _logger = logger;
        _functions = new TemplateFunctions(organisation);
    }

    /// <summary>The organisation every email speaks for (name, zone, default language).</summary>
    public OrganisationOptions Organisation { get; }

    /// <summary>The language every other falls back to (<c>Organisation:DefaultLanguage</c>).</summary>
    public string DefaultLanguage => Organisation.DefaultLanguage;

    /// <summary>The functions templates may call (letters render with them too).</summary>
    internal TemplateFunctions Functions => _functions;

    /// <summary>The email template keys.</summary>
    public IReadOnlyCollection<string> EmailKeys => [.. _emails.Keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The languages one email template exists in.</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyCollection<string> LanguagesOf(string key) => [.. _emails.Keys.Where(k => k.Key == key).Select(k => k.Language).Order(StringComparer.Ordinal)];

    /// <summary>The names an email template may use: the fields of <see cref="EmailModel"/> plus the organisation and the language.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. ToData(EmailModel.Sample, "", new OrganisationOptions(), null).Keys];

    private static IReadOnlySet<string> BodyNames { get; } = ModelNames.ToHashSet(StringComparer.Ordinal);

    private static IReadOnlySet<string> LayoutNames { get; } = ModelNames.Append("body").ToHashSet(StringComparer.Ordinal);

    /// <summary>Loads, compiles, checks and sample-renders every email template under <paramref name="directory"/>.</summary>
    /// <param name="directory">The templates folder (holding <c>email/</c>); a missing folder gives an empty catalog.</param>
    /// <param name="organisation">The organisation (name, zone, default language).</param>
    /// <param name="logoUrl">What <c>organisationLogo</c> gives email templates (the logo's <c>cid:</c> address), or <c>null</c> without a logo.</param>
    /// <param name="logger">Where missing translations are reported.</param>
    /// <exception cref="TemplateException">A template does not parse, reaches outside its model, has no subject, or its language has no layout.</exception>
    public static TemplateCatalog Load(string? directory, OrganisationOptions organisation, string? logoUrl, ILogger<TemplateCatalog> logger)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(logger);
        var catalog = new TemplateCatalog(organisation, logoUrl, logger);
        var emails = directory is null ? null : Path.Combine(directory, "email");
        if (emails is null || !Directory.Exists(emails))
        {
            return catalog;
        }

        foreach (var stray in Directory.EnumerateFiles(emails, "*.hbs"))
        {
            throw new TemplateException($"{stray}: email templates are Scriban files now (<key>.<language>{Extension}); rename it and rewrite its {{{{#if}}}} blocks as {{{{ if }}}} … {{{{ end }}}} (templates/README.md).");
        }

        foreach (var file in Directory.EnumerateFiles(emails, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var (key, language) = ParseFileName(file, "task-assigned.es");
            var compiled = Compile(file, isLayout: key == "_layout");
            if (key == "_layout")
            {
                catalog._layouts[language] = compiled;
            }
            else
            {
                catalog._emails[(key, language)] = compiled;
            }
        }

        var fallback = organisation.DefaultLanguage;
        foreach (var (key, language) in catalog._emails.Keys)
        {
            var file = Path.Combine(emails, $"{key}.{language}{Extension}");
            if (!catalog._layouts.ContainsKey(language))
            {
                throw new TemplateException($"{file}: there is no layout for language '{language}' (email/_layout.{language}{Extension}).");
            }

            if (!catalog._emails.TryGetValue((key, fallback), out var main))
            {
                throw new TemplateException($"{file}: there is no '{fallback}' version ({key}.{fallback}{Extension}), which every other language falls back to.");
            }

            if (catalog._emails[(key, language)].AttachesLetter != main.AttachesLetter)
            {
                throw new TemplateException($"{file}: 'attach:' differs from {key}.{fallback}{Extension}; every language of an email attaches the same.");
            }

            catalog._attachesLetter[key] = main.AttachesLetter;

            // Strict mode only fails while rendering: rendering each template once with every value of the model set
            // turns a value the model lacks at run time (a wrong argument to date, a loop past its limit) into a
            // start-up failure too.
            catalog.Render(key, language, EmailModel.Sample);
        }

        return catalog;
    }

    /// <summary>Whether the email of <paramref name="key"/> asks for the letter of the same key as a PDF attachment (<c>attach: letter</c>).</summary>
    /// <param name="key">The email key.</param>
    public bool AttachesLetter(string key) => _attachesLetter.TryGetValue(key, out var attaches) && attaches;

    /// <summary>The language an email of <paramref name="key"/> is written in for a recipient of <paramref name="language"/>: theirs when the template has it, else the default.</summary>
    /// <param name="key">The template key.</param>
    /// <param name="language">The recipient's language; <c>null</c> for the default.</param>
    public string LanguageFor(string key, string? language)
    {
        var wanted = NormaliseLanguage(language) ?? DefaultLanguage;
        return _emails.ContainsKey((key, wanted)) ? wanted : DefaultLanguage;
    }

    /// <summary>Renders an email template in the recipient's language (falling back to the default language).</summary>
    /// <param name="key">The template key (<c>email/&lt;key&gt;.&lt;lang&gt;.scriban-html</c>).</param>
    /// <param name="language">The recipient's language; <c>null</c> for the default.</param>
    /// <param name="model">The only data the template sees.</param>
    /// <returns>The subject, HTML and text.</returns>
    /// <exception cref="TemplateException">No such template in any language, or it fails while rendering.</exception>
    public RenderedEmail RenderEmail(string key, string? language, EmailModel model)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(model);
        var wanted = NormaliseLanguage(language) ?? DefaultLanguage;
        var used = wanted;
        if (!_emails.ContainsKey((key, wanted)))
        {
            used = DefaultLanguage;
            if (!_emails.ContainsKey((key, used)))
            {
                throw new TemplateException($"There is no email template '{key}' (templates/email/{key}.{DefaultLanguage}{Extension}).");
            }

            TemplateLog.MissingTranslation(_logger, key, wanted, used);
        }

        return Render(key, used, model);
    }

    /// <summary>The language part of a tag (<c>es-MX</c> → <c>es</c>), lower case; <c>null</c> when empty.</summary>
    /// <param name="language">The tag.</param>
    public static string? NormaliseLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var tag = language.Trim();
        var dash = tag.IndexOfAny(['-', '_']);
        return (dash > 0 ? tag[..dash] : tag).ToLowerInvariant();
    }

    /// <summary>The key and language of a template file named <c>&lt;key&gt;.&lt;lang&gt;.scriban-html</c>.</summary>
    /// <param name="file">The file.</param>
    /// <param name="example">An example name for the error (without the extension).</param>
    internal static (string Key, string Language) ParseFileName(string file, string example)
    {
        var name = Path.GetFileName(file);
        name = name[..^Extension.Length];
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
        {
            throw new TemplateException($"{file}: the name must be <key>.<language>{Extension}, e.g. {example}{Extension}.");
        }

        return (name[..dot], name[(dot + 1)..].ToLowerInvariant());
    }

    private RenderedEmail Render(string key, string used, EmailModel model)
    {
        var template = _emails[(key, used)];
        var layout = _layouts[used];
        var data = ToData(model, used, Organisation, _logoUrl);
        var functions = _functions.For(used);
        var subject = template.Subject!.Render(data, functions, TemplateOutput.Text);
        var html = template.Html.Render(data, functions, TemplateOutput.Html);
        var text = template.Text.Render(data, functions, TemplateOutput.Text);
        var inLayout = With(data, "body", new RawHtml(html));
        var page = layout.Html.Render(inLayout, functions, TemplateOutput.Html);
        var plain = layout.Text.Render(With(data, "body", text), functions, TemplateOutput.Text);
        return new RenderedEmail(key, used, OneLine(subject), page, NormaliseText(plain));
    }

    /// <summary>The one mapping of the model to the names templates use: nothing else reaches an email.</summary>
    private static ScriptObject ToData(EmailModel model, string language, OrganisationOptions organisation, string? logoUrl) => new()
    {
        ["organisationName"] = organisation.Name,
        ["organisationLogo"] = logoUrl,
        ["language"] = language,
        ["caseReference"] = model.CaseReference,
        ["link"] = model.Link?.ToString(),
        ["taskName"] = model.TaskName,
        ["due"] = model.Due,
        ["expiresAt"] = model.ExpiresAt,
        ["reason"] = model.Reason,
        ["group"] = model.Group,
    };

    private static ScriptObject With(ScriptObject data, string key, object? value)
    {
        var copy = new ScriptObject();
        foreach (var (name, item) in data)
        {
            copy[name] = item;
        }

        copy[key] = value;
        return copy;
    }

    private static CompiledEmail Compile(string file, bool isLayout)
    {
        var source = TemplateFile.Read(file);
        var subject = source.Field("subject");
        if (!isLayout && string.IsNullOrEmpty(subject?.Value))
        {
            throw new TemplateException($"{file}(1,1): no 'subject:' in the front matter (the template starts with ---, subject: …, ---).");
        }

        var attach = source.Field("attach")?.Value;
        if (attach is not (null or AttachLetter))
        {
            throw new TemplateException($"{file}({source.Field("attach")!.Value.Line},{source.Field("attach")!.Value.Column}): 'attach: {attach}' is not known; the only attachment is 'attach: {AttachLetter}' (the letter of the same key, as a PDF).");
        }

        var split = TextSeparatorLine().Match(source.Body);
        if (!split.Success)
        {
            throw new TemplateException($"{file}: no plain-text part (a line '{TextSeparator}' after the HTML, then the text).");
        }

        var names = isLayout ? LayoutNames : BodyNames;
        var html = source.Body[..split.Index];
        var text = source.Body[(split.Index + split.Length)..];
        var textLine = source.BodyLine + html.Count(c => c == '\n') + 1;
        return new CompiledEmail(
            subject is { } s ? SandboxedTemplate.Compile(s.Value, file, s.Line, s.Column, BodyNames) : null,
            SandboxedTemplate.Compile(html, file, source.BodyLine, 1, names),
            SandboxedTemplate.Compile(text, file, textLine, 1, names),
            attach == AttachLetter);
    }

    private static string OneLine(string subject) => MultipleSpaces().Replace(subject.Replace('\r', ' ').Replace('\n', ' '), " ").Trim();

    private static string NormaliseText(string text) => MultipleBlankLines().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim() + "\n";

    [GeneratedRegex(@"^--- text ---[ \t]*\n", RegexOptions.Multiline)]
    private static partial Regex TextSeparatorLine();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();

    [GeneratedRegex(" {2,}")]
    private static partial Regex MultipleSpaces();

    private sealed record CompiledEmail(SandboxedTemplate? Subject, SandboxedTemplate Html, SandboxedTemplate Text, bool AttachesLetter);
}
