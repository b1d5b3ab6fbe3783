using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Forms;
using Orchestrator.Hosting;
using Orchestrator.Notifications.Templates;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// The server-rendered pages of the email-action links, in Spanish (default) and English, in a layout like the
/// emails': the organisation's name, the case reference, the question, and nothing else of the case.
/// </summary>
internal sealed class EmailActionPages(OrganisationOptions options)
{
    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new(StringComparer.Ordinal)
    {
        ["es"] = new(StringComparer.Ordinal)
        {
            ["title"] = "Se requiere su respuesta",
            ["case"] = "Caso",
            ["intro"] = "{0} le pide su respuesta sobre este caso:",
            ["approve"] = "Aprobar",
            ["decline"] = "Rechazar",
            ["comment"] = "Comentario (opcional)",
            ["send"] = "Enviar respuesta",
            ["validity"] = "El enlace es personal y funciona una sola vez, hasta el {0}.",
            ["noscript"] = "Este formulario necesita JavaScript. Si no puede activarlo, contacte a {0}.",
            ["formBroken"] = "Revise los campos marcados antes de enviar.",
            ["done.title"] = "Gracias: su respuesta quedó registrada",
            ["done.body"] = "Su respuesta sobre el caso {0} se registró el {1}. Ya puede cerrar esta página.",
            ["answered.title"] = "Esta solicitud ya fue respondida",
            ["answered.body"] = "La respuesta se registró el {0}. Cada enlace sirve para responder una sola vez; si necesita cambiar algo, contacte a {1}.",
            ["closed.title"] = "Esta solicitud está cerrada",
            ["closed.body"] = "{0} ya no espera una respuesta por este enlace. Si cree que es un error, contacte a {0}.",
            ["expired.title"] = "Este enlace venció",
            ["expired.body"] = "El enlace dejó de funcionar el {0}. Para responder, contacte a {1}: le enviarán uno nuevo.",
            ["expired.notify"] = "Avisar a {0} que necesito un enlace nuevo",
            ["expired.notified"] = "Avisamos a la coordinación de {0}; se pondrán en contacto con usted.",
            ["invalid.title"] = "Revise su respuesta",
            ["invalid.body"] = "No se guardó nada. Corrija lo siguiente y envíe de nuevo:",
            ["stale.title"] = "La página caducó",
            ["stale.body"] = "Por seguridad, vuelva a abrir el enlace del correo y responda desde allí. No se guardó nada.",
            ["busy.title"] = "Demasiadas solicitudes",
            ["busy.body"] = "Recibimos demasiadas solicitudes desde su conexión. Espere un minuto y vuelva a intentarlo.",
            ["footer"] = "Por la protección de las niñas, niños y adolescentes, esta página muestra sólo lo necesario para su respuesta.",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            ["title"] = "Your answer is needed",
            ["case"] = "Case",
            ["intro"] = "{0} asks for your answer on this case:",
            ["approve"] = "Approve",
            ["decline"] = "Decline",
            ["comment"] = "Comment (optional)",
            ["send"] = "Send answer",
            ["validity"] = "The link is personal and works once, until {0}.",
            ["noscript"] = "This form needs JavaScript. If you cannot turn it on, contact {0}.",
            ["formBroken"] = "Please check the marked fields before sending.",
            ["done.title"] = "Thank you: your answer was recorded",
            ["done.body"] = "Your answer on case {0} was recorded on {1}. You may close this page.",
            ["answered.title"] = "This request was already answered",
            ["answered.body"] = "The answer was recorded on {0}. Each link answers once; if something must change, contact {1}.",
            ["closed.title"] = "This request is closed",
            ["closed.body"] = "{0} no longer expects an answer through this link. If you think this is a mistake, contact {0}.",
            ["expired.title"] = "This link has expired",
            ["expired.body"] = "The link stopped working on {0}. To answer, contact {1}: they will send you a new one.",
            ["expired.notify"] = "Tell {0} that I need a new link",
            ["expired.notified"] = "We told the coordinators of {0}; they will contact you.",
            ["invalid.title"] = "Please check your answer",
            ["invalid.body"] = "Nothing was saved. Correct the following and send again:",
            ["stale.title"] = "The page has expired",
            ["stale.body"] = "For your security, open the link in the email again and answer from there. Nothing was saved.",
            ["busy.title"] = "Too many requests",
            ["busy.body"] = "We received too many requests from your connection. Wait a minute and try again.",
            ["footer"] = "To protect children and adolescents, this page shows only what your answer needs.",
        },
    };

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private readonly TemplateFunctions _dates = new(options);

    /// <summary>The page's language: the link's, else the browser's first of <c>es</c>/<c>en</c>, else the default.</summary>
    public string Language(string? linkLanguage, HttpRequest request)
    {
        if (TemplateCatalog.NormaliseLanguage(linkLanguage) is { } own && Texts.ContainsKey(own))
        {
            return own;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => TemplateCatalog.NormaliseLanguage(l.Value.Value))
            .FirstOrDefault(l => l is not null && Texts.ContainsKey(l));
        return accepted ?? (Texts.ContainsKey(options.DefaultLanguage) ? options.DefaultLanguage : "es");
    }

    /// <summary>The page of an open link: the question and the form, or approve/decline.</summary>
    public string Answer(EmailActionView view, string language, string antiforgeryField, string antiforgeryToken, IReadOnlyList<FormFieldError> errors, JsonObject? submitted)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(T(language, "title"))).Append("</h1>");
        body.Append("<p>").Append(E(F(language, "intro", options.Name))).Append("</p>");
        AppendCase(body, view, language);
        if (errors.Count > 0)
        {
            AppendErrors(body, view, language, errors);
        }

        var hidden = $"<input type=\"hidden\" name=\"{E(antiforgeryField)}\" value=\"{E(antiforgeryToken)}\">";
        if (view.Form is null)
        {
            var comment = submitted?["comment"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : "";
            body.Append("<form method=\"post\" class=\"decision\">").Append(hidden)
                .Append("<label for=\"comment\">").Append(E(T(language, "comment"))).Append("</label>")
                .Append("<textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"").Append(EmailActionService.MaxCommentLength.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(E(comment)).Append("</textarea>")
                .Append("<div class=\"buttons\"><button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">").Append(E(T(language, "approve"))).Append("</button>")
                .Append("<button type=\"submit\" name=\"decision\" value=\"decline\" class=\"decline\">").Append(E(T(language, "decline"))).Append("</button></div>")
                .Append("</form>");
        }
        else
        {
            var data = view.FormData.DeepClone().AsObject();
            foreach (var (name, value) in submitted ?? [])
            {
                data[name] = value?.DeepClone();
            }

            body.Append("<div id=\"form\" class=\"form\"></div>")
                .Append("<script type=\"application/json\" id=\"form-schema\">").Append(Json(view.Form.Form.Definition)).Append("</script>")
                .Append("<script type=\"application/json\" id=\"form-data\">").Append(Json(data)).Append("</script>")
                .Append("<script type=\"application/json\" id=\"form-messages\">").Append(Json(BrowserMessages(language))).Append("</script>")
                .Append("<noscript><p class=\"alert\">").Append(E(F(language, "noscript", options.Name))).Append("</p></noscript>")
                .Append("<p id=\"form-broken\" class=\"alert\" hidden>").Append(E(T(language, "formBroken"))).Append("</p>")
                .Append("<form method=\"post\" id=\"answer\">").Append(hidden)
                .Append("<input type=\"hidden\" name=\"data\" id=\"answer-data\">")
                .Append("<div class=\"buttons\"><button type=\"submit\" id=\"send\" class=\"approve\" disabled>").Append(E(T(language, "send"))).Append("</button></div>")
                .Append("</form>");
        }

        body.Append("<p class=\"small\">").Append(E(F(language, "validity", _dates.Format(view.Token.ExpiresAt, language, withTime: true)))).Append("</p>");
        return Layout(language, T(language, "title"), body.ToString(), withForm: view.Form is not null);
    }

    /// <summary>The confirmation after a successful answer.</summary>
    public string Done(EmailActionView view, string language) =>
        Message(language, "done.title", F(language, "done.body", view.CaseReference ?? "", Date(view.Token.UsedAt, language)), view);

    /// <summary>A second use.</summary>
    public string Answered(EmailActionView view, string language) =>
        Message(language, "answered.title", F(language, "answered.body", Date(view.Token.UsedAt, language), options.Name), view);

    /// <summary>The task ended otherwise.</summary>
    public string Closed(EmailActionView view, string language) =>
        Message(language, "closed.title", F(language, "closed.body", options.Name), view);

    /// <summary>An expired link: whom to contact, and a button that tells the coordinators (a POST: GET writes nothing).</summary>
    public string Expired(EmailActionView view, string language, bool notified, string antiforgeryField, string antiforgeryToken)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(T(language, "expired.title"))).Append("</h1>");
        AppendCase(body, view, language);
        body.Append("<p>").Append(E(F(language, "expired.body", Date(view.Token.ExpiresAt, language), options.Name))).Append("</p>");
        if (notified || view.Token.ExpiredNotifiedAt is not null)
        {
            body.Append("<p class=\"notice\">").Append(E(F(language, "expired.notified", options.Name))).Append("</p>");
        }
        else
        {
            body.Append("<form method=\"post\">")
                .Append("<input type=\"hidden\" name=\"").Append(E(antiforgeryField)).Append("\" value=\"").Append(E(antiforgeryToken)).Append("\">")
                .Append("<input type=\"hidden\" name=\"intent\" value=\"notify-expired\">")
                .Append("<div class=\"buttons\"><button type=\"submit\" class=\"approve\">").Append(E(F(language, "expired.notify", options.Name))).Append("</button></div>")
                .Append("</form>");
        }

        return Layout(language, T(language, "expired.title"), body.ToString(), withForm: false);
    }

    /// <summary>The anti-forgery token was missing or stale.</summary>
    public string Stale(string language) => Message(language, "stale.title", T(language, "stale.body"), null);

    /// <summary>Rate limited.</summary>
    public string Busy(string language) => Message(language, "busy.title", T(language, "busy.body"), null);

    private string Message(string language, string titleKey, string text, EmailActionView? view)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(T(language, titleKey))).Append("</h1>");
        if (view is not null)
        {
            AppendCase(body, view, language);
        }

        body.Append("<p>").Append(E(text)).Append("</p>");
        return Layout(language, T(language, titleKey), body.ToString(), withForm: false);
    }

    private static void AppendCase(StringBuilder body, EmailActionView view, string language)
    {
        body.Append("<dl class=\"case\">");
        if (!string.IsNullOrEmpty(view.CaseReference))
        {
            body.Append("<dt>").Append(E(T(language, "case"))).Append("</dt><dd id=\"case-reference\">").Append(E(view.CaseReference)).Append("</dd>");
        }

        if (!string.IsNullOrEmpty(view.TaskName))
        {
            body.Append("<dt class=\"question-label\"></dt><dd id=\"question\" class=\"question\">").Append(E(view.TaskName)).Append("</dd>");
        }

        body.Append("</dl>");
    }

    private static void AppendErrors(StringBuilder body, EmailActionView view, string language, IReadOnlyList<FormFieldError> errors)
    {
        body.Append("<div class=\"alert\" role=\"alert\" id=\"errors\"><strong>").Append(E(T(language, "invalid.title"))).Append("</strong><p>")
            .Append(E(T(language, "invalid.body"))).Append("</p><ul>");
        foreach (var error in errors)
        {
            var label = view.Form is null ? EmailActionMessages.DecisionLabel(error.Field, language) : LabelOf(view.Form, error.Field);
            body.Append("<li data-field=\"").Append(E(error.Field)).Append("\">")
                .Append(E(label is null ? error.Field : $"{label} ({error.Field})")).Append(": ")
                .Append(E(EmailActionMessages.Translate(error.Message, language))).Append("</li>");
        }

        body.Append("</ul></div>");
    }

    /// <summary>The label of the field an error names (<c>address.city</c>, <c>children[2].name</c>), when the form has one.</summary>
    private static string? LabelOf(FormSchema? form, string field)
    {
        if (form is null)
        {
            return null;
        }

        var segments = System.Text.RegularExpressions.Regex.Replace(field, @"\[\d+\]", "").Split('.');
        IReadOnlyList<FormComponent> level = form.Components;
        FormComponent? found = null;
        foreach (var segment in segments)
        {
            found = Find(level, segment);
            if (found is null)
            {
                return null;
            }

            level = found.Components;
        }

        return found?.Label;

        static FormComponent? Find(IReadOnlyList<FormComponent> components, string name)
        {
            foreach (var c in components)
            {
                if (c.Key == name || c.Path == name)
                {
                    return c;
                }

                if (c.Key is null && c.Path is null && Find(c.Components, name) is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }
    }

    private string Layout(string language, string title, string body, bool withForm)
    {
        var head = withForm
            ? "<link rel=\"stylesheet\" href=\"/lib/form-js/form-js.css\"><script src=\"/lib/form-js/form-viewer.umd.js\" defer></script><script src=\"/lib/orchestrator/email-action.js\" defer></script>"
            : "";
        return $$"""
            <!doctype html>
            <html lang="{{E(language)}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <link rel="icon" href="data:,">
            <title>{{E(title)}} · {{E(options.Name)}}</title>
            <style>
            body{font-family:Arial,Helvetica,sans-serif;color:#1f2933;max-width:720px;margin:0 auto;padding:0 16px}
            header{border-bottom:3px solid #1f6f8b;padding:12px 0;font-size:18px;font-weight:bold}
            main{padding:16px 0;line-height:1.5}
            footer{border-top:1px solid #cbd2d9;padding-top:8px;font-size:12px;color:#616e7c}
            h1{font-size:22px}
            dl.case{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;background:#f5f7fa;padding:12px;border-radius:4px}
            dl.case dt{font-weight:bold}
            .question{font-weight:bold;font-size:18px}
            label{display:block;margin:12px 0 4px}
            textarea{width:100%;box-sizing:border-box;font:inherit;padding:8px}
            .buttons{display:flex;gap:12px;margin:16px 0}
            button{font:inherit;padding:10px 16px;border-radius:4px;border:1px solid #1f6f8b;cursor:pointer}
            button.approve{background:#1f6f8b;color:#fff}
            button.decline{background:#fff;color:#9b1c1c;border-color:#9b1c1c}
            button:disabled{opacity:.5;cursor:default}
            .alert{background:#fdecea;border:1px solid #9b1c1c;padding:8px 12px;border-radius:4px}
            .notice{background:#e6f4ea;border:1px solid #1e7e34;padding:8px 12px;border-radius:4px}
            .small{font-size:13px;color:#616e7c}
            .form{margin:16px 0}
            </style>
            {{head}}
            </head>
            <body>
            <header>{{E(options.Name)}}</header>
            <main>
            {{body}}
            </main>
            <footer><p>{{E(T(language, "footer"))}}</p></footer>
            </body>
            </html>
            """;
    }

    private string Date(DateTimeOffset? at, string language) => at is { } value ? _dates.Format(value, language, withTime: true) : "";

    private static string T(string language, string key) =>
        Texts.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text : Texts["es"][key];

    private static string F(string language, string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, T(language, key), values);

    private static JsonObject BrowserMessages(string language)
    {
        var messages = new JsonObject();
        foreach (var (key, text) in EmailActionMessages.BrowserMessages(language))
        {
            messages[key] = text;
        }

        return messages;
    }

    /// <summary>HTML-encodes, leaving letters of every script as they are (the pages are Spanish: "venció", not "venci&amp;#243;").</summary>
    private static string E(string? text) => Html.Encode(text ?? "");

    /// <summary>JSON for a <c>script type="application/json"</c> block: every <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> escaped, so no value can close the block.</summary>
    private static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
}
