using System.Text.RegularExpressions;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// The validation messages an outside recipient reads, in the page's language. The form validator speaks English to
/// programs (<c>POST /api/tasks/{id}/complete</c> answers 422 with its messages, and callers rely on them), so the page
/// translates what it shows rather than the validator changing: each message shape of <c>Forms/FormValidator</c> and
/// of the approve/decline answer is matched here and rewritten, keeping the values it names (bounds, options, examples).
/// A message no shape matches stays in English (a test holds every shape the validator produces).
/// The browser's own form-js messages are translated on the page by <c>ClientApp/src/email-action.js</c> with
/// <see cref="BrowserMessages"/>.
/// </summary>
internal static partial class EmailActionMessages
{
    /// <summary>English message shapes of the server's validation, most specific first, and their Spanish.</summary>
    private static readonly (Regex English, string Spanish)[] Spanish =
    [
        (Shape(@"is required"), "es obligatorio"),
        (Shape(@"must be checked"), "debe marcarse"),
        (Shape(@"must be text"), "debe ser texto"),
        (Shape(@"must be a single line of text"), "debe ser una sola línea de texto"),
        (Shape(@"must be a number written as text \(e\.g\. (?<a>.+)\)"), "debe ser un número escrito como texto (p. ej. {a})"),
        (Shape(@"must be a number of at most (?<a>\d+) digits"), "debe ser un número de {a} dígitos como máximo"),
        (Shape(@"must be a number"), "debe ser un número"),
        (Shape(@"must be true or false"), "debe ser verdadero o falso"),
        (Shape(@"must be one of: (?<a>.*)"), "debe ser una de estas opciones: {a}"),
        (Shape(@"must be a list"), "debe ser una lista"),
        (Shape(@"must be an object"), "debe ser un objeto"),
        (Shape(@"contains (?<a>.+), which is not one of: (?<b>.*)"), "contiene {a}, que no es una de estas opciones: {b}"),
        (Shape(@"contains (?<a>.+) more than once"), "contiene {a} más de una vez"),
        (Shape(@"must be a date and time like (?<a>.+)"), "debe ser una fecha y hora como {a}"),
        (Shape(@"must be a date like (?<a>.+)"), "debe ser una fecha como {a}"),
        (Shape(@"must be a time like (?<a>.+)"), "debe ser una hora como {a}"),
        (Shape(@"must not be in the past"), "no puede ser una fecha pasada"),
        (Shape(@"must match the pattern (?<a>.+)"), "debe tener el formato {a}"),
        (Shape(@"must be at least (?<a>\S+) characters?"), "debe tener al menos {a} caracteres"),
        (Shape(@"must be at most (?<a>\S+) characters?"), "debe tener como máximo {a} caracteres"),
        (Shape(@"must be a valid email address"), "debe ser una dirección de correo electrónico válida"),
        (Shape(@"must be a valid international phone number \(e\.g\. (?<a>.+)\)"), "debe ser un número de teléfono internacional válido (p. ej. {a})"),
        (Shape(@"could not be checked against its pattern in time"), "no se pudo comprobar su formato a tiempo"),
        (Shape(@"must be a whole number"), "debe ser un número entero"),
        (Shape(@"must have at most (?<a>\d+) decimal digits?"), "debe tener como máximo {a} decimales"),
        (Shape(@"must be a multiple of (?<a>\S+) \(the nearest valid values are (?<b>\S+) and (?<c>\S+)\)"), "debe ser múltiplo de {a} (los valores válidos más cercanos son {b} y {c})"),
        (Shape(@"must be at least (?<a>.+)"), "debe ser al menos {a}"),
        (Shape(@"must be at most (?<a>.+)"), "debe ser como máximo {a}"),
        (Shape(@"cannot be checked: .*"), "no se puede comprobar: el formulario tiene una regla que no funciona; contacte a la organización"),
        (Shape(@"does not match the value the form computes \((?<a>.*)\)"), "no coincide con el valor que calcula el formulario ({a})"),
        (Shape(@"is not a field of this form"), "no es un campo de este formulario"),
        (Shape(@"must not be submitted: the field is hidden"), "no debe enviarse: el campo está oculto"),
        (Shape(@"must not be submitted: the field is disabled"), "no debe enviarse: el campo está desactivado"),
        (Shape(@"must not be submitted: the list is hidden"), "no debe enviarse: la lista está oculta"),
        (Shape(@"is read-only and cannot be changed"), "es de sólo lectura y no puede cambiarse"),
        (Shape(@"must have exactly (?<a>\d+) items? \(the form cannot add or remove items\)"), "debe tener exactamente {a} elementos (el formulario no permite agregar ni quitar)"),
        (Shape(@"has more errors; only the first (?<a>\d+) are shown"), "tiene más errores; sólo se muestran los primeros {a}"),

        // The approve/decline answer and the page's own checks (EmailActionService, EmailActionsServiceCollectionExtensions).
        (Shape(@"choose approve or decline"), "elija aprobar o rechazar"),
        (Shape(@"is not part of the answer"), "no forma parte de la respuesta"),
        (Shape(@"the answer did not arrive as the form's data; open the link again"), "la respuesta no llegó como datos del formulario; vuelva a abrir el enlace"),
    ];

    /// <summary>
    /// The browser's form-js 1.23 messages (<c>Validator</c> of form-js-viewer) by key, in Spanish; <c>{0}</c>… are the
    /// values form-js put into its English message. English pages keep form-js's own words.
    /// </summary>
    private static readonly Dictionary<string, string> BrowserSpanish = new(StringComparer.Ordinal)
    {
        ["required"] = "El campo es obligatorio.",
        ["pattern"] = "El campo debe tener el formato {0}.",
        ["min"] = "El valor mínimo es {0}.",
        ["max"] = "El valor máximo es {0}.",
        ["minLength"] = "El campo debe tener al menos {0} caracteres.",
        ["maxLength"] = "El campo debe tener como máximo {0} caracteres.",
        ["phone"] = "El campo debe ser un número de teléfono internacional válido (p. ej. +4930664040900).",
        ["email"] = "El campo debe ser una dirección de correo electrónico válida.",
        ["number"] = "El valor no es un número.",
        ["integer"] = "El valor debe ser un número entero.",
        ["decimals"] = "El valor debe tener como máximo {0} decimales.",
        ["increment"] = "Elija un valor válido; los dos valores válidos más cercanos son {0} y {1}.",
        ["minInvalid"] = "El mínimo del formulario no es un número válido.",
        ["maxInvalid"] = "El máximo del formulario no es un número válido.",
    };

    /// <summary>The message in <paramref name="language"/> (<c>es</c>: translated; anything else: as the validator wrote it).</summary>
    /// <param name="message">The validator's English message.</param>
    /// <param name="language">The page's language.</param>
    public static string Translate(string message, string language)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (language != "es")
        {
            return message;
        }

        foreach (var (english, spanish) in Spanish)
        {
            var match = english.Match(message);
            if (match.Success)
            {
                return Fill(spanish, match);
            }
        }

        return message;
    }

    /// <summary>Whether <paramref name="message"/> has a Spanish version (for the test that covers every shape).</summary>
    /// <param name="message">The validator's English message.</param>
    public static bool IsKnown(string message) => Spanish.Any(s => s.English.IsMatch(message));

    /// <summary>The texts the page gives its script to translate form-js's messages; empty for English.</summary>
    /// <param name="language">The page's language.</param>
    public static IReadOnlyDictionary<string, string> BrowserMessages(string language) =>
        language == "es" ? BrowserSpanish : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The label the approve/decline page gives its fields in the error list.</summary>
    /// <param name="field">The field the error names.</param>
    /// <param name="language">The page's language.</param>
    public static string? DecisionLabel(string field, string language) => (field, language) switch
    {
        ("approved", "es") => "Decisión",
        ("approved", _) => "Decision",
        ("comment", "es") => "Comentario",
        ("comment", _) => "Comment",
        _ => null,
    };

    private static string Fill(string template, Match match) =>
        Placeholder().Replace(template, p => match.Groups[p.Groups["name"].Value].Value);

    // Linear in the message (which embeds values people typed): no backtracking, so no time-out to turn into an error.
    private static Regex Shape(string pattern) => new($"^{pattern}$", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);

    [GeneratedRegex(@"\{(?<name>[a-z])\}")]
    private static partial Regex Placeholder();
}
