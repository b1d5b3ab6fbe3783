using System.Diagnostics;
using System.Text;

namespace Orchestrator.Notifications.Letters;

/// <summary>
/// Prints HTML to PDF (and, for review, to PNG) with headless Chromium (<c>Notifications:ChromiumPath</c>, Debian
/// <c>chromium</c>): the page is written to a temporary file and printed with <c>--print-to-pdf</c>. One print at a
/// time: a browser start is heavy on a small server. Each print has its own profile folder, so a print never waits
/// for another browser's lock, and a print that runs over <c>Notifications:PrintTimeout</c> is killed.
/// </summary>
public sealed class ChromiumPdfPrinter(LetterOptions options, TimeProvider time, ILogger<ChromiumPdfPrinter> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>The executable used.</summary>
    public string ChromiumPath => options.ChromiumPath;

    /// <summary>Prints a page to PDF.</summary>
    /// <param name="html">The whole page.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The PDF bytes.</returns>
    /// <exception cref="LetterPrintException">Chromium is missing, failed or timed out.</exception>
    public Task<byte[]> PrintToPdfAsync(string html, CancellationToken cancellationToken) =>
        RunAsync(html, "letter.pdf", output => ["--no-pdf-header-footer", "--print-to-pdf=" + output], cancellationToken);

    /// <summary>Takes a screenshot of a page (A4 at 150 dpi wide), for people to review a letter's layout.</summary>
    /// <param name="html">The whole page.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The PNG bytes.</returns>
    /// <exception cref="LetterPrintException">Chromium is missing, failed or timed out.</exception>
    public Task<byte[]> ScreenshotAsync(string html, CancellationToken cancellationToken) =>
        RunAsync(html, "letter.png", output => ["--hide-scrollbars", "--window-size=1240,1754", "--screenshot=" + output], cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _oneAtATime.Dispose();

    private async Task<byte[]> RunAsync(string html, string outputName, Func<string, string[]> mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!File.Exists(options.ChromiumPath))
        {
            throw new LetterPrintException(
                $"Chromium was not found at '{options.ChromiumPath}' (setting Notifications:ChromiumPath), so letters cannot be printed to PDF. Install the Debian package 'chromium' (apt-get install -y chromium) or point the setting at a Chromium or Chrome executable.");
        }

        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var folder = Directory.CreateTempSubdirectory("orchestrator-print-");
        try
        {
            var input = Path.Combine(folder.FullName, "letter.html");
            var output = Path.Combine(folder.FullName, outputName);
            await File.WriteAllTextAsync(input, html, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(options.ChromiumPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + Path.Combine(folder.FullName, "profile"),
                .. mode(output), new Uri(input).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var timeout = new CancellationTokenSource(options.PrintTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var process = Process.Start(start) ?? throw new LetterPrintException($"Chromium '{options.ChromiumPath}' did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(linked.Token);
            var stderr = process.StandardError.ReadToEndAsync(linked.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new LetterPrintException($"Chromium did not finish printing within {options.PrintTimeout.TotalSeconds:0} s (Notifications:PrintTimeout); it was stopped.");
            }

            var errors = await stderr.ConfigureAwait(false);
            _ = await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                throw new LetterPrintException($"Chromium exited with code {process.ExitCode} without writing {outputName}: {Tail(errors)}");
            }

            var bytes = await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
            PrinterLog.Printed(logger, outputName, bytes.Length);
            return bytes;
        }
        finally
        {
            _oneAtATime.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A browser helper still holding its profile; the temp folder is cleaned by the system.
            }
        }
    }

    private static string Tail(string text) => text.Length <= 1000 ? text.Trim() : text[^1000..].Trim();
}
