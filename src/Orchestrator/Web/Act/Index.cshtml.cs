using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orchestrator.Forms;
using Orchestrator.Hosting;
using Orchestrator.Notifications.EmailActions;

namespace Orchestrator.Web.Act;

/// <summary>
/// The outside person's page (<c>/act/{token}</c>): one task answered through an emailed link, without signing in. GET
/// never writes (mail scanners open links): it reads the link and shows the question. POST answers once, marking the
/// link used and completing the task in one transaction (<see cref="EmailActionService.SubmitAsync(EmailActionView, JsonObject, CancellationToken)"/>). A malformed,
/// forged or unknown token is a bare 404; the page is rate-limited per client and checks its own anti-forgery field,
/// answering a missing one with the "page expired" page rather than a bare 400. See
/// <c>Notifications/EmailActions/README.md</c> for every state and status.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(EmailActionsServiceCollectionExtensions.RateLimitPolicy)]
[ActPage]
public sealed class IndexModel(EmailActionService actions, IAntiforgery antiforgery, IOptions<OrganisationOptions> organisation) : PageModel
{
    /// <summary>The link as read.</summary>
    public EmailActionView? Link { get; private set; }

    /// <summary>What the page shows.</summary>
    public ActPageState State { get; private set; }

    /// <summary>The page's language, <c>es</c> or <c>en</c>.</summary>
    public string Language { get; private set; } = "es";

    /// <summary>The anti-forgery field of the page's forms (none on the pages without a form).</summary>
    public AntiforgeryTokenSet? Tokens { get; private set; }

    /// <summary>For an expired link: whether the coordinators have been told.</summary>
    public bool Notified { get; private set; }

    /// <summary>What breaks the form, when an answer was refused.</summary>
    public IReadOnlyList<FormFieldError> Errors { get; private set; } = [];

    /// <summary>The answer the person sent, shown again with the errors.</summary>
    public JsonObject? Submitted { get; private set; }

    /// <summary>Shows the link's question (or why it cannot be answered). Writes nothing.</summary>
    /// <param name="token">The link's token.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page, or a bare 404.</returns>
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var view = await actions.FindAsync(token, ct).ConfigureAwait(false);
        if (view is null)
        {
            return NotFoundText();
        }

        Read(view);
        switch (view.State)
        {
            case EmailActionState.Answered:
                return Show(ActPageState.Answered, StatusCodes.Status409Conflict);
            case EmailActionState.Closed:
                return Show(ActPageState.Closed, StatusCodes.Status409Conflict);
        }

        // The anti-forgery cookie is the only thing a GET leaves behind, and it is in the browser, not the database.
        Tokens = antiforgery.GetAndStoreTokens(HttpContext);
        return view.State == EmailActionState.Expired
            ? Show(ActPageState.Expired, StatusCodes.Status410Gone)
            : Show(ActPageState.Answer, StatusCodes.Status200OK);
    }

    /// <summary>Answers the link (or, on an expired link, tells the coordinators once).</summary>
    /// <param name="token">The link's token.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page, or a bare 404.</returns>
    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var view = await actions.FindAsync(token, ct).ConfigureAwait(false);
        if (view is null)
        {
            return NotFoundText();
        }

        Read(view);
        if (!Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(HttpContext).ConfigureAwait(false))
        {
            return Show(ActPageState.Stale, StatusCodes.Status400BadRequest);
        }

        var fields = await Request.ReadFormAsync(ct).ConfigureAwait(false);
        var answer = ReadAnswer(view, fields, out var unreadable);
        var result = unreadable is not null && view.State == EmailActionState.Open
            ? new EmailActionSubmission(EmailActionOutcome.Invalid, view, [unreadable], null)
            : await actions.SubmitAsync(view, answer, ct).ConfigureAwait(false);
        Link = result.View;
        switch (result.Outcome)
        {
            case EmailActionOutcome.Completed:
                return Show(ActPageState.Done, StatusCodes.Status200OK);
            case EmailActionOutcome.AlreadyAnswered:
                return Show(ActPageState.Answered, StatusCodes.Status409Conflict);
            case EmailActionOutcome.Closed:
                return Show(ActPageState.Closed, StatusCodes.Status409Conflict);
            case EmailActionOutcome.Expired:
                Notified = true;
                return Show(ActPageState.Expired, StatusCodes.Status410Gone);
            default:
                Errors = result.Errors;
                Submitted = result.Submitted;
                Tokens = antiforgery.GetAndStoreTokens(HttpContext);
                return Show(ActPageState.Answer, StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>The label of the field an error names, in the page's language for the approve/decline fields.</summary>
    /// <param name="field">The error's field.</param>
    /// <param name="decisionLabel">The resource text for approve/decline fields (<c>Field_approved</c>, <c>Field_comment</c>).</param>
    /// <returns>"Label (field)", or the field alone.</returns>
    public string ErrorLabel(string field, Func<string, string?> decisionLabel)
    {
        ArgumentNullException.ThrowIfNull(decisionLabel);
        var label = Link?.Form is null ? decisionLabel(field) : FormLabels.Of(Link.Form, field);
        return label is null ? field : $"{label} ({field})";
    }

    /// <summary>The validator's message in the page's language.</summary>
    /// <param name="message">The message (English).</param>
    /// <returns>The message to show.</returns>
    public string ErrorMessage(string message) => EmailActionMessages.Translate(message, Language);

    /// <summary>The form's schema, for the form-js viewer.</summary>
    /// <returns>JSON safe inside a <c>script</c> block.</returns>
    public string SchemaJson() => Json(Link!.Form!.Form.Definition);

    /// <summary>The data the form opens with: the task's variables the form binds, then what the person sent.</summary>
    /// <returns>JSON safe inside a <c>script</c> block.</returns>
    public string DataJson()
    {
        var data = Link!.FormData.DeepClone().AsObject();
        foreach (var (name, value) in Submitted ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return Json(data);
    }

    /// <summary>The texts the page's script uses to translate form-js's own messages (empty for English).</summary>
    /// <returns>JSON safe inside a <c>script</c> block.</returns>
    public string BrowserMessagesJson()
    {
        var messages = new JsonObject();
        foreach (var (key, text) in EmailActionMessages.BrowserMessages(Language))
        {
            messages[key] = text;
        }

        return Json(messages);
    }

    /// <summary>The comment the person sent with approve/decline, shown again with the errors.</summary>
    public string SubmittedComment => Submitted?["comment"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : "";

    private void Read(EmailActionView view)
    {
        Link = view;
        Language = ActLanguage.Choose(view.Token.Language, Request, organisation.Value.DefaultLanguage);
        HttpContext.Items[ActLanguage.ItemKey] = ActLanguage.CultureOf(Language);
    }

    private PageResult Show(ActPageState state, int status)
    {
        State = state;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Nothing about why: a forged, altered and unknown token all look the same.</summary>
    private static ContentResult NotFoundText() =>
        new() { StatusCode = StatusCodes.Status404NotFound, Content = "Not found", ContentType = "text/plain; charset=utf-8" };

    /// <summary>The answer from the posted fields: <c>data</c> (the form's JSON) or <c>decision</c> + <c>comment</c>.</summary>
    private static JsonObject ReadAnswer(EmailActionView view, IFormCollection fields, out FormFieldError? unreadable)
    {
        unreadable = null;
        if (view.Form is not null)
        {
            try
            {
                if (JsonNode.Parse(fields["data"].ToString()) is JsonObject data)
                {
                    return data;
                }
            }
            catch (JsonException)
            {
            }

            unreadable = new FormFieldError("(form)", "the answer did not arrive as the form's data; open the link again");
            return [];
        }

        var answer = new JsonObject();
        var decision = fields["decision"].ToString();
        if (decision is "approve" or "decline")
        {
            answer["approved"] = decision == "approve";
        }

        var comment = fields["comment"].ToString().Trim();
        if (comment.Length > 0)
        {
            answer["comment"] = comment;
        }

        return answer;
    }

    /// <summary>JSON for a <c>script type="application/json"</c> block: every <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> escaped, so no value can close the block.</summary>
    private static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
}
