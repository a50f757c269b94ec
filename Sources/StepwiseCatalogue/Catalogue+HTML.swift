import Foundation
import StepwiseModel
import StepwiseReporting

extension Catalogue {
    /// One self-contained HTML page (inline CSS, no script, nothing fetched). Every text from an
    /// export is escaped.
    package func html(title: String = "Stepwise catalogue") -> String {
        var body = ""
        body += "<header><h1>\(Self.escape(title))</h1><p>\(headline)"
        if totals.twins > 0 { body += " · \(twinsNote)" }
        body += "</p></header>\n"
        body += "<section class=cards>"
        body += card("cases bound", totals.boundCases, totals.cases)
        body += card("steps bound", totals.boundSteps, totals.steps)
        body += card("items bound", totals.boundItems, totals.items)
        body += "<div class=card><b>\(diagnostics.count)</b><span>diagnostics</span></div>"
        body += "<div class=card><b>\(drift.count)</b><span>drifted</span></div>"
        body += "</section>\n<div class=grid>"
        body += counts("Priority", byPriority)
        body += counts("Status", byStatus)
        body += counts("Environment", byEnvironment)
        body += counts("Label", byLabel, limit: 20)
        body += "</div>"
        body += counts("Folder", byFolder, limit: 40)
        body += "<section><h2>Automation fields</h2><table><tr><th>tool</th><th>in production</th><th>values</th></tr>"
        for tool in automationFields {
            let values = tool.values.map { "\(Self.escape($0.name)) <span class=n>\($0.cases)</span>" }.joined(separator: " · ")
            body += "<tr><td>\(Self.escape(tool.tool))</td><td class=num>\(tool.inProduction)</td><td>\(values)</td></tr>"
        }
        body += "</table></section>\n"
        body += "<section><h2>Automate next</h2><p>The most frequent item texts that no loaded step definition binds.</p>"
        body += "<table><tr><th>items</th><th>kind</th><th>text</th><th>cases</th></tr>"
        for phrase in unboundPhrases {
            body += "<tr><td class=num>\(phrase.occurrences)</td><td>\(phrase.kind.rawValue)</td><td>\(Self.escape(phrase.text))</td>"
            body += "<td>\(Self.escape(phrase.examples.joined(separator: ", ")))</td></tr>"
        }
        body += "</table></section>\n"
        body += "<section><h2>Diagnostics</h2><table><tr><th>where</th><th>severity</th><th>message</th></tr>"
        for item in diagnostics {
            body += "<tr><td><code>\(Self.escape(item.diagnostic.location?.description ?? "-"))</code></td>"
            body += "<td class=\(item.diagnostic.severity.rawValue)>\(item.diagnostic.severity.rawValue)</td>"
            body += "<td>\(Self.escape(item.diagnostic.message))</td></tr>"
        }
        body += "</table></section>\n"
        body += "<section><h2>Cases</h2><table><tr><th>key</th><th>title</th><th>priority</th><th>status</th><th>folder</th><th>items bound</th></tr>"
        for entry in cases {
            body += "<tr><td><code>\(Self.escape(entry.key))</code></td><td>\(Self.escape(entry.title))</td>"
            body += "<td>\(Self.escape(entry.priority ?? ""))</td><td>\(Self.escape(entry.status ?? ""))</td>"
            body += "<td>\(Self.escape(entry.folder.joined(separator: " / ")))</td>"
            body += "<td class=num>\(entry.boundItems)/\(entry.items)</td></tr>"
        }
        body += "</table></section>"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            <style>\(Self.style)</style></head>
            <body>
            \(body)
            </body></html>

            """
    }

    private func card(_ label: String, _ part: Int, _ whole: Int) -> String {
        let share = Self.percent(part, of: whole)
        return "<div class=card><b>\(share)</b><span>\(label) (\(part) of \(whole))</span>"
            + "<i style=\"width:\(share)\"></i></div>"
    }

    private func counts(_ title: String, _ counts: [Count], limit: Int = 12) -> String {
        let largest = max(counts.first?.cases ?? 1, 1)
        var out = "<section><h2>\(Self.escape(title))</h2><table>"
        for count in counts.prefix(limit) {
            let width = Double(count.cases) * 100 / Double(largest)
            out += "<tr><td>\(Self.escape(count.name))</td><td class=num>\(count.cases)</td>"
            out += "<td class=bar><i style=\"width:\(String(format: "%.1f", width))%\"></i></td></tr>"
        }
        if counts.count > limit { out += "<tr><td colspan=3>… \(counts.count - limit) more</td></tr>" }
        return out + "</table></section>"
    }

    /// Escapes text for HTML element content and attribute values, as every Stepwise report does.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static let style = """
        :root{color-scheme:light dark;--fg:#1d2125;--muted:#5e6c84;--bg:#fff;--line:#dfe1e6;--bar:#4c9aff;--card:#f4f5f7}
        @media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--muted:#9fadbc;--bg:#1d2125;--line:#38414a;--bar:#579dff;--card:#22272b}}
        body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:16px}
        h1{font-size:22px;margin:0}h2{font-size:16px;margin:24px 0 8px}header p{color:var(--muted);margin:4px 0 0}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
        .num{text-align:right;font-variant-numeric:tabular-nums}.n{color:var(--muted)}
        .bar{width:40%}.bar i,.card i{display:block;height:8px;background:var(--bar);border-radius:4px}
        .cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:16px}.card{background:var(--card);border-radius:8px;padding:10px 14px;min-width:150px;flex:1}
        .card b{display:block;font-size:20px}.card span{color:var(--muted)}.card i{margin-top:6px}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 24px}
        .error{color:#de350b}.warning{color:#b65c02}code{font-size:12px;word-break:break-all}
        """
}
