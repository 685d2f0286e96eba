import Foundation

/// The script `archive serve` puts into every page it serves, never into `site/`: it listens to
/// the server's events, reloads the page when it changed (a reload event names the pages that
/// did, or none when every page should reload), swaps stylesheets when only they changed, and
/// shows the last build's errors over the page until they are fixed.
enum PreviewScript {
    /// Encodes messages for the page, slashes as they are, so that paths read plainly.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return encoder
    }()

    /// Where the server sends its events.
    static let eventsPath = "/_archive/events"

    /// A page with the script put before `</body>` (or at the end, when there is none), with the
    /// current errors written into it so that a page loaded while the build is broken shows them.
    static func inject(into html: Data, errors: [String]) -> Data {
        let json = (try? Self.encoder.encode(errors)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // "</" cannot appear inside the script element's text: a message quoting HTML would end it.
        let safe = json.replacingOccurrences(of: "</", with: "<\\/")
        let script = Data(source.replacingOccurrences(of: "ERRORS", with: safe).utf8)
        guard let close = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + script }
        var result = html
        result.replaceSubrange(close.lowerBound..<close.lowerBound, with: script)
        return result
    }

    private static let source = """
        <script data-archive-preview>
        (() => {
          const overlayId = "archive-preview-errors";
          function show(errors) {
            let overlay = document.getElementById(overlayId);
            if (!errors.length) { if (overlay) overlay.remove(); return; }
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = overlayId;
              overlay.setAttribute("role", "alert");
              overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
                "margin:0;padding:1em 1.5em;background:#2b0a0a;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;" +
                "border-top:4px solid #e5484d;white-space:pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "archive build failed; the last good site is shown.\\n\\n" + errors.join("\\n");
          }
          show(ERRORS);
          if (!window.EventSource) return;
          const events = new EventSource("\(eventsPath)");
          // The page's path in the site, as the build names the files it writes.
          let here = decodeURIComponent(location.pathname).replace(/^\\/+/, "");
          if (here === "" || here.endsWith("/")) here += "index.html";
          events.addEventListener("reload", (event) => {
            const paths = event.data ? JSON.parse(event.data) : [];
            if (!paths.length || paths.includes(here)) location.reload();
          });
          events.addEventListener("css", () => {
            for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
              const url = new URL(link.href);
              url.searchParams.set("preview", Date.now());
              link.href = url.href;
            }
          });
          events.addEventListener("errors", (event) => show(JSON.parse(event.data)));
        })();
        </script>

        """
}
