using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// A CSV export written row by row as it is read (a page's result, so the pages' security headers are set before the
/// first byte): <c>text/csv</c>, UTF-8 with a byte-order mark, as an attachment named <see cref="FileName"/>.
/// </summary>
/// <param name="FileName">The file name offered.</param>
/// <param name="Write">Writes the lines (see <see cref="CsvText.Line"/>).</param>
public sealed record CsvResult(string FileName, Func<TextWriter, CancellationToken, Task> Write) : IActionResult
{
    /// <inheritdoc/>
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = CsvText.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        var writer = new StreamWriter(response.Body, CsvText.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await Write(writer, context.HttpContext.RequestAborted).ConfigureAwait(false);
            await writer.FlushAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
