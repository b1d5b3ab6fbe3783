using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// The email templates of <c>templates/email/</c>, every one compiled when the catalog is loaded (at start-up), so a
/// template that does not parse stops the service with the file's name instead of failing the first email.
/// </summary>
/// <remarks>
/// <para>A template is <c>email/&lt;key&gt;.&lt;lang&gt;.hbs</c>: a front matter block (<c>---</c> lines) with
/// <c>subject:</c>, then the HTML body, then a line <c>--- text ---</c> and the plain-text alternative. The layout
/// <c>email/_layout.&lt;lang&gt;.hbs</c> has the same two parts and places each body with <c>{{{body}}}</c>.</para>
/// <para>Rendering is strict: a template naming a value the model does not have throws, so a test that renders every
/// template with sample data catches it before it reaches anyone.</para>
/// </remarks>
public sealed partial class TemplateCatalog
{
    /// <summary>The line that separates a template's HTML part from its plain-text part.</summary>
    public const string TextSeparator = "--- text ---";

    private readonly Dictionary<(string Key, string Language), CompiledEmail> _emails = [];
    private readonly Dictionary<string, CompiledEmail> _layouts = new(StringComparer.Ordinal);
    private readonly TemplateHelpers _helpers;
    private readonly ILogger<TemplateCatalog> _logger;

    private TemplateCatalog(NotificationOptions options, ILogger<TemplateCatalog> logger)
    {
        Options = options;
        _logger = logger;
        _helpers = new TemplateHelpers(options);
        Handlebars = HandlebarsDotNet.Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
        _helpers.Register(Handlebars);
    }

    /// <summary>The settings (default language, organisation, zone).</summary>
    public NotificationOptions Options { get; }

    /// <summary>The Handlebars environment with the catalog's helpers (letters compile in it too).</summary>
    public IHandlebars Handlebars { get; }

    /// <summary>The email template keys.</summary>
    public IReadOnlyCollection<string> EmailKeys => [.. _emails.Keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The languages one email template exists in.</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyCollection<string> LanguagesOf(string key) => [.. _emails.Keys.Where(k => k.Key == key).Select(k => k.Language).Order(StringComparer.Ordinal)];

    /// <summary>Loads and compiles every email template under <paramref name="directory"/>.</summary>
    /// <param name="directory">The templates folder (holding <c>email/</c>); a missing folder gives an empty catalog.</param>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where missing translations are reported.</param>
    /// <exception cref="TemplateException">A template does not parse, has no subject, or its language has no layout.</exception>
    public static TemplateCatalog Load(string? directory, NotificationOptions options, ILogger<TemplateCatalog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var catalog = new TemplateCatalog(options, logger);
        var emails = directory is null ? null : Path.Combine(directory, "email");
        if (emails is null || !Directory.Exists(emails))
        {
            return catalog;
        }

        foreach (var file in Directory.EnumerateFiles(emails, "*.hbs").Order(StringComparer.Ordinal))
        {
            var (key, language) = ParseFileName(file);
            var compiled = catalog.Compile(file, isLayout: key == "_layout");
            if (key == "_layout")
            {
                catalog._layouts[language] = compiled;
            }
            else
            {
                catalog._emails[(key, language)] = compiled;
            }
        }

        foreach (var (key, language) in catalog._emails.Keys)
        {
            var file = Path.Combine(emails, $"{key}.{language}.hbs");
            if (!catalog._layouts.ContainsKey(language))
            {
                throw new TemplateException($"{file}: there is no layout for language '{language}' (email/_layout.{language}.hbs).");
            }

            if (!catalog._emails.ContainsKey((key, options.DefaultLanguage)))
            {
                throw new TemplateException($"{file}: there is no '{options.DefaultLanguage}' version ({key}.{options.DefaultLanguage}.hbs), which every other language falls back to.");
            }

            // Strict mode only throws while rendering: rendering each template once with every value of the model set
            // turns a name the model lacks (a typo, or a child's name that is not there) into a start-up failure.
            try
            {
                catalog.Render(key, language, EmailModel.Sample);
            }
            catch (TemplateException e)
            {
                throw new TemplateException($"{file}: {e.InnerException?.Message ?? e.Message} (every email template is rendered with a sample model at start-up; the names it may use are those of EmailModel: {string.Join(", ", ModelNames)}).", e);
            }
        }

        return catalog;
    }

    /// <summary>Renders an email template in the recipient's language (falling back to the default language).</summary>
    /// <param name="key">The template key (<c>email/&lt;key&gt;.&lt;lang&gt;.hbs</c>).</param>
    /// <param name="language">The recipient's language; <c>null</c> for the default.</param>
    /// <param name="model">The only data the template sees.</param>
    /// <returns>The subject, HTML and text.</returns>
    /// <exception cref="TemplateException">No such template in any language, or it names a value the model lacks.</exception>
    public RenderedEmail RenderEmail(string key, string? language, EmailModel model)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(model);
        var wanted = NormaliseLanguage(language) ?? Options.DefaultLanguage;
        var used = wanted;
        if (!_emails.ContainsKey((key, wanted)))
        {
            used = Options.DefaultLanguage;
            if (!_emails.ContainsKey((key, used)))
            {
                throw new TemplateException($"There is no email template '{key}' (templates/email/{key}.{Options.DefaultLanguage}.hbs).");
            }

            TemplateLog.MissingTranslation(_logger, key, wanted, used);
        }

        return Render(key, used, model);
    }

    /// <summary>The names an email template may use: the fields of <see cref="EmailModel"/> plus the organisation and the language.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. ToData(EmailModel.Sample, "", "").Keys];

    private RenderedEmail Render(string key, string used, EmailModel model)
    {
        var template = _emails[(key, used)];
        var data = ToData(model, used, Options.OrganisationName);
        var layout = _layouts[used];
        try
        {
            var subject = template.Subject!(data).Trim();
            var html = layout.Html(With(data, "body", template.Html(data)));
            var text = layout.Text(With(data, "body", template.Text(data)));
            return new RenderedEmail(key, used, subject, html, NormaliseText(text));
        }
        catch (Exception e) when (e is HandlebarsException or HandlebarsUndefinedBindingException)
        {
            throw new TemplateException($"templates/email/{key}.{used}.hbs: {e.Message}", e);
        }
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

    /// <summary>The one mapping of the model to the names templates use: nothing else reaches an email.</summary>
    private static Dictionary<string, object?> ToData(EmailModel model, string language, string organisationName) => new(StringComparer.Ordinal)
    {
        ["organisationName"] = organisationName,
        ["language"] = language,
        ["caseReference"] = model.CaseReference,
        ["link"] = model.Link?.ToString(),
        ["taskName"] = model.TaskName,
        ["due"] = model.Due,
        ["expiresAt"] = model.ExpiresAt,
        ["reason"] = model.Reason,
        ["group"] = model.Group,
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> data, string key, object? value) => new(data, StringComparer.Ordinal) { [key] = value };

    private CompiledEmail Compile(string file, bool isLayout)
    {
        var (subject, body, _) = TemplateFile.Read(file, "subject");

        if (!isLayout && string.IsNullOrEmpty(subject))
        {
            throw new TemplateException($"{file}: no 'subject:' in the front matter (the template starts with ---, subject: …, ---).");
        }

        var split = TextSeparatorLine().Match(body);
        if (!split.Success)
        {
            throw new TemplateException($"{file}: no plain-text part (a line '{TextSeparator}' after the HTML, then the text).");
        }

        var html = body[..split.Index];
        var text = body[(split.Index + split.Length)..];
        try
        {
            return new CompiledEmail(
                subject is null ? null : Handlebars.Compile(subject),
                Handlebars.Compile(html),
                Handlebars.Compile(text));
        }
        catch (HandlebarsException e)
        {
            throw new TemplateException($"{file}: {e.Message}", e);
        }
    }

    private static (string Key, string Language) ParseFileName(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
        {
            throw new TemplateException($"{file}: the name must be <key>.<language>.hbs, e.g. task-assigned.es.hbs.");
        }

        return (name[..dot], name[(dot + 1)..].ToLowerInvariant());
    }

    private static string NormaliseText(string text) => MultipleBlankLines().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim() + "\n";

    [GeneratedRegex(@"^--- text ---[ \t]*\n", RegexOptions.Multiline)]
    private static partial Regex TextSeparatorLine();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();

    private sealed record CompiledEmail(HandlebarsTemplate<object, object>? Subject, HandlebarsTemplate<object, object> Html, HandlebarsTemplate<object, object> Text);
}

/// <summary>A template that cannot be loaded or rendered; the message names the file.</summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public TemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="inner">The cause.</param>
    public TemplateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

internal static partial class TemplateLog
{
    [LoggerMessage(1, LogLevel.Warning, "Email template {Key} has no '{Wanted}' translation; sent in '{Used}'")]
    public static partial void MissingTranslation(ILogger logger, string key, string wanted, string used);
}
