/// The HTML report's inline style and script: kept apart from the markup so each reads on its own.
enum HTMLAssets {
    static let style = """

        :root{--bg:#f7f7f8;--fg:#1c1d21;--muted:#5d6170;--card:#fff;--line:#e2e3e8;--code:#f0f1f4;
        --passed:#1a7f37;--failed:#cf222e;--flaky:#9a6700;--manual:#8250df;--undefined:#bc4c00;
        --ambiguous:#a40e26;--skipped:#6e7781;--wall:#0969da;--virtual:#8c959f;
        font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#161b22;
        --line:#30363d;--code:#1f242c;--passed:#3fb950;--failed:#f85149;--flaky:#d29922;--manual:#a371f7;
        --undefined:#db6d28;--ambiguous:#ff7b72;--skipped:#8b949e;--wall:#4493f8;--virtual:#6e7681}}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--fg)}
        h1{font-size:1.4rem;margin:0 0 .2rem}h2{font-size:1.1rem}
        .meta,.facts,.loc,.t,footer{color:var(--muted)}
        .meta{margin:0 0 .8rem;font-size:.85rem;overflow-wrap:anywhere}
        .loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8rem;overflow-wrap:anywhere}
        .banner{background:var(--flaky);color:#fff;padding:.5rem .8rem;border-radius:6px}
        .summary{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;background:var(--card);
        border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem}
        .verdict{font-weight:700;font-size:1.3rem;padding:.2rem .8rem;border-radius:8px;color:#fff;background:var(--c)}
        .tiles{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0;padding:0}
        .tile{border:1px solid var(--line);border-left:4px solid var(--c);border-radius:8px;padding:.2rem .7rem;min-width:5.5rem}
        .tile .n{font-size:1.3rem;font-weight:700;color:var(--c)}.tile .l{color:var(--muted)}
        .times{display:flex;gap:1rem;margin:0 0 0 auto}.times div{text-align:right}
        .times dt{color:var(--muted);font-size:.8rem}.times dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
        .s-passed{--c:var(--passed)}.s-failed{--c:var(--failed)}.s-flaky{--c:var(--flaky)}.s-manual{--c:var(--manual)}
        .s-undefined{--c:var(--undefined)}.s-ambiguous{--c:var(--ambiguous)}.s-skipped{--c:var(--skipped)}
        .filters{display:none;flex-wrap:wrap;gap:.4rem;margin:.9rem 0}
        .js .filters{display:flex}
        .filters button{font:inherit;font-size:.85rem;border:1px solid var(--line);background:var(--card);color:var(--fg);
        border-radius:999px;padding:.25rem .8rem;cursor:pointer}
        .filters button span{color:var(--muted)}
        .filters button[aria-pressed=true]{background:var(--fg);color:var(--bg)}
        .filters button[aria-pressed=true] span{color:var(--bg)}
        main{display:flex;flex-direction:column;gap:.6rem;margin-top:.8rem}
        .case{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--c);border-radius:10px}
        .case>summary{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline;padding:.6rem .9rem;cursor:pointer;list-style:none}
        .case>summary::-webkit-details-marker{display:none}
        .case>summary::before{content:"▸";color:var(--muted)}.case[open]>summary::before{content:"▾"}
        .name{flex:1 1 18rem;font-weight:600;overflow-wrap:anywhere}.key{color:var(--muted);font-weight:700}
        .why{flex:1 0 100%;color:var(--c);font-size:.85rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .first{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--c);border-radius:10px;
        padding:.5rem 1rem;margin-top:.8rem}
        .first h2{margin:0;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--c)}
        .first p{margin:.2rem 0}.first a{color:inherit}.first pre{color:var(--c);font-weight:600;max-height:9rem;overflow:auto}
        .first .more{color:var(--muted);font-size:.85rem}
        .index{margin:.4rem 0;font-size:.85rem}.index summary{cursor:pointer;color:var(--muted)}
        .index ol{columns:20rem;margin:.4rem 0;padding-left:1.5rem}.index a{color:inherit;text-decoration:none}
        .index .dot{display:inline-block;width:.55rem;height:.55rem;border-radius:50%;background:var(--c);margin-right:.35rem}
        #search{font:inherit;font-size:.85rem;border:1px solid var(--line);background:var(--card);color:var(--fg);
        border-radius:999px;padding:.25rem .8rem;flex:1 1 12rem;min-width:8rem}
        .case.nomatch{display:none}
        .when{color:var(--muted);font-size:.85rem;font-variant-numeric:tabular-nums}
        .body{padding:0 .9rem .8rem;border-top:1px solid var(--line)}
        .facts{font-size:.85rem}
        .label{background:var(--code);border-radius:4px;padding:0 .3rem}
        .earlier{color:var(--flaky);font-size:.9rem}
        .badge{display:inline-block;font-size:.7rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;
        color:var(--c);border:1px solid var(--c);border-radius:4px;padding:0 .35rem;white-space:nowrap}
        .steps{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.6rem}
        .step{border:1px solid var(--line);border-radius:8px;padding:.5rem .7rem}
        .step .head,.item>.head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
        .step summary.head{cursor:pointer;list-style:none}.step summary.head::-webkit-details-marker{display:none}
        .step summary.head::before{content:"▸";color:var(--muted)}.step details[open]>summary.head::before{content:"▾"}
        .step .head .title{font-weight:600}.step .head .loc{margin-left:auto}
        .items{list-style:none;padding:0;margin:.4rem 0 0;display:flex;flex-direction:column;gap:.45rem}
        .item{padding:.35rem .5rem;border-radius:6px;background:var(--code)}
        .item.s-failed,.item.s-undefined,.item.s-ambiguous{outline:1px solid var(--c)}
        .kind{font-size:.75rem;color:var(--muted);min-width:3rem}.text{flex:1 1 16rem;overflow-wrap:anywhere}
        .context,.notes{margin:.2rem 0 0 3.6rem;padding-left:1rem;font-size:.9rem}
        .notes{color:var(--muted)}.notes li::marker{content:"◦ "}
        .more-notes{margin:.2rem 0 0 3.6rem;font-size:.85rem;color:var(--muted)}.more-notes summary{cursor:pointer}
        .more-notes .notes{margin-left:0}
        .def{margin:.2rem 0 0 3.6rem;font-size:.82rem;color:var(--muted);overflow-wrap:anywhere}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.82rem}
        code{color:var(--fg)}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
        .snippet{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;color:var(--fg)}
        .failure{margin:.35rem 0 0 3.6rem;border-left:3px solid var(--c);padding:.1rem .6rem;background:var(--card);border-radius:0 6px 6px 0}
        .failure pre{color:var(--c);font-weight:600}.raised{font-size:.8rem;color:var(--muted)}
        .bars{display:grid;grid-template-columns:minmax(4rem,12rem) 6.5rem minmax(4rem,12rem) 8rem;justify-content:start;gap:.15rem .5rem;
        align-items:center;margin:.25rem 0 0 3.6rem;font-size:.75rem}
        .step .bars{margin-left:0}.item .bars{margin-left:3.6rem}
        .bar{height:.45rem;background:var(--line);border-radius:999px;overflow:hidden}
        .bar span{display:block;height:100%;min-width:2px;border-radius:999px}
        .bar.wall span{background:var(--wall)}.bar.virtual span{background:var(--virtual)}
        .t{font-variant-numeric:tabular-nums;white-space:nowrap}
        .diagnostics pre{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--undefined);border-radius:6px;padding:.5rem .7rem}
        .diagnostics pre.d-error{border-left-color:var(--failed)}
        .case .diagnostics{margin-top:.4rem}
        footer{margin:1.5rem 0 .5rem;font-size:.8rem}
        body[data-show=failed] .case:not([data-status=failed]),body[data-show=ambiguous] .case:not([data-status=ambiguous]),
        body[data-show=undefined] .case:not([data-status=undefined]),body[data-show=manual] .case:not([data-status=manual]),
        body[data-show=skipped] .case:not([data-status=skipped]),body[data-show=passed] .case:not([data-status=passed]),
        body[data-show=flaky] .case:not([data-flaky=true]){display:none}
        @media (max-width:40rem){body{padding:.5rem}h1{font-size:1.1rem}.meta{margin-bottom:.4rem}
        .summary{padding:.5rem .6rem;gap:.4rem}.verdict{font-size:1rem}.tile{min-width:0;padding:.1rem .45rem}
        .tile .n{font-size:1rem}.times{margin-left:0;gap:.6rem}.step .head .loc{margin-left:0}
        .context,.notes,.def,.failure,.bars,.item .bars,.more-notes{margin-left:0}.bars{grid-template-columns:1fr auto}}
        @media print{.filters{display:none}.case{break-inside:avoid}}

        """

    static let script = """

        document.documentElement.classList.add("js");
        (function () {
          var buttons = document.querySelectorAll("[data-filter]");
          function show(filter) {
            document.body.setAttribute("data-show", filter);
            buttons.forEach(function (button) {
              button.setAttribute("aria-pressed", String(button.getAttribute("data-filter") === filter));
            });
            if (filter !== "all") {
              document.querySelectorAll("details.case").forEach(function (details) { details.open = true; });
            }
          }
          buttons.forEach(function (button) {
            button.addEventListener("click", function () { show(button.getAttribute("data-filter")); });
          });
          document.querySelectorAll("[data-expand]").forEach(function (button) {
            button.addEventListener("click", function () {
              var open = button.getAttribute("data-expand") === "true";
              document.querySelectorAll("details.case").forEach(function (details) { details.open = open; });
            });
          });
          var search = document.getElementById("search");
          if (search) {
            search.addEventListener("input", function () {
              var terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
              document.querySelectorAll("details.case").forEach(function (details) {
                var text = details.textContent.toLowerCase();
                var match = terms.every(function (term) { return text.indexOf(term) >= 0; });
                details.classList.toggle("nomatch", !match);
              });
            });
          }
          if (location.hash) {
            var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
            for (var node = target; node; node = node.parentElement) { if (node.tagName === "DETAILS") node.open = true; }
          }
        })();

        """
}
