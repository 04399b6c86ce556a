/// The explorer page's fixed parts: style, markup and script (no data).
///
/// The page is assembled as `<style>` + `style` + `</style>`, then `body`, the JSON data block
/// (`<script type="application/json" id="liaison-data">`) and `<script>` + `script` +
/// `</script>`; the Content-Security-Policy allows the style and the script by their sha256
/// hashes, so neither may change after hashing. The script puts every string of the data into
/// the page as text only (`textContent`, non-URL attributes), never as markup, and makes no
/// request of any kind. It sets `document.body.dataset.ready = "1"` once the page is usable.
enum ExplorerPage {
  /// The page's style sheet (light theme, system fonts); allowed by the CSP through its sha256 hash.
  static let style = #"""
    :root {
      --ink: #1d2430; --muted: #5b6575; --faint: #8a93a3; --line: #dde2ea; --bg: #f6f7fa; --card: #ffffff;
      --accent: #2459a8; --accent-soft: #e6eefb; --select: #e8590c; --focus: #2f6fde;
    }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    html, body { height: 100%; }
    body {
      margin: 0; display: flex; flex-direction: column; overflow: hidden; color: var(--ink); background: var(--bg);
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    }
    button, input, select { font: inherit; color: inherit; }
    :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
    .sr-only {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
    }
    .muted { color: var(--muted); }
    .name, .person, h1, h2, .option-main, .label, .chip { unicode-bidi: isolate; }

    /* Header: title and search */
    .top {
      display: flex; align-items: center; gap: 24px; padding: 10px 20px; background: var(--card);
      border-bottom: 1px solid var(--line); flex: none;
    }
    .titles { flex: 1; min-width: 0; }
    .titles h1 {
      margin: 0; font-size: 18px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
    }
    .titles p { margin: 1px 0 0; color: var(--muted); font-size: 13px; }
    .search { position: relative; width: min(420px, 40vw); }
    .search input {
      width: 100%; padding: 7px 12px 7px 32px; border: 1px solid #c5ccd8; border-radius: 8px; background: #fbfcfd;
    }
    .search input:focus { background: #fff; border-color: var(--focus); }
    .search::before {
      content: "⌕"; position: absolute; left: 11px; top: 50%; transform: translateY(-52%); color: var(--faint);
      font-size: 16px; pointer-events: none;
    }
    .suggestions {
      position: absolute; z-index: 20; left: 0; right: 0; top: calc(100% + 4px); margin: 0; padding: 4px 0;
      list-style: none; background: #fff; border: 1px solid var(--line); border-radius: 8px;
      box-shadow: 0 8px 24px rgba(20, 30, 50, 0.16); max-height: 70vh; overflow: auto;
    }
    .suggestions li { display: flex; align-items: baseline; gap: 8px; padding: 6px 12px; cursor: pointer; }
    .suggestions li[aria-selected="true"] { background: var(--accent-soft); }
    .suggestions li:hover { background: #f1f4f9; }
    .option-main { font-weight: 500; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .option-sub { color: var(--muted); font-size: 12.5px; margin-left: auto; white-space: nowrap; overflow: hidden;
      text-overflow: ellipsis; max-width: 50%; }
    .kind { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--accent);
      background: var(--accent-soft); border-radius: 4px; padding: 0 5px; flex: none; }

    /* Layout: main area and side panel */
    .layout { flex: 1; display: flex; min-height: 0; }
    main { flex: 1; min-width: 0; display: flex; flex-direction: column; }
    .tabs { display: flex; gap: 2px; padding: 0 16px; background: var(--card); border-bottom: 1px solid var(--line);
      flex: none; }
    .tabs button {
      border: 0; background: none; padding: 9px 14px 8px; cursor: pointer; color: var(--muted);
      border-bottom: 2px solid transparent; font-weight: 500;
    }
    .tabs button[aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); }
    .tabs button:hover { color: var(--ink); }
    .view { flex: 1; min-height: 0; }
    .view.picture { display: flex; flex-direction: column; }
    .view.tables { overflow: auto; padding: 16px 20px 32px; }
    .view.tables h2 { margin: 0 0 2px; font-size: 16px; }
    .view.tables > p { margin: 0 0 12px; color: var(--muted); }

    /* Filters */
    .filters {
      display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; padding: 7px 16px; background: var(--card);
      border-bottom: 1px solid var(--line); font-size: 13px; flex: none;
    }
    .filters select { width: 120px; padding: 3px 6px; border: 1px solid #c5ccd8; border-radius: 6px;
      background: #fff; color: var(--ink); font-size: 13px; }
    .filters label.check { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
    .menu { position: relative; }
    .menu summary { list-style: none; display: inline-flex; align-items: center; gap: 4px; user-select: none; }
    .menu summary::-webkit-details-marker { display: none; }
    .menu summary::after { content: "▾"; color: var(--faint); margin-left: 2px; }
    .menu-body {
      position: absolute; z-index: 15; top: calc(100% + 4px); left: 0; margin: 0; padding: 8px 12px 10px;
      min-width: 190px; background: #fff; border: 1px solid var(--line); border-radius: 8px;
      box-shadow: 0 8px 24px rgba(20, 30, 50, 0.16); display: flex; flex-direction: column; gap: 4px;
    }
    .menu-body legend { float: left; width: 100%; padding: 0 0 4px; color: var(--muted); font-size: 12px; }
    .menu-body label { display: flex; align-items: center; gap: 7px; cursor: pointer; white-space: nowrap; }
    .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; background: #9aa3b0; }
    .status { margin-left: auto; align-self: center; color: var(--muted); font-size: 12.5px; white-space: nowrap;
      overflow: hidden; text-overflow: ellipsis; padding-left: 12px; }

    /* Buttons */
    .btn {
      border: 1px solid #c5ccd8; background: #fff; border-radius: 6px; padding: 3px 10px; cursor: pointer;
      font-size: 13px;
    }
    .btn:hover:not(:disabled) { background: #f1f4f9; }
    .btn:disabled { color: var(--faint); cursor: default; }
    .person {
      border: 0; background: none; padding: 0; color: var(--accent); cursor: pointer; text-align: left;
      font-weight: 500; max-width: 100%; overflow-wrap: anywhere;
    }
    .person:hover { text-decoration: underline; }
    .linkish { border: 0; background: none; padding: 0; color: var(--accent); cursor: pointer; font-size: 13px; }
    .linkish:hover { text-decoration: underline; }

    /* The picture */
    .stage { position: relative; flex: 1; min-height: 240px; overflow: hidden; background: #fbfcfd; }
    .stage:focus-visible { outline-offset: -3px; }
    #picture { position: absolute; inset: 0; width: 100%; height: 100%; touch-action: none; cursor: grab;
      user-select: none; }
    #picture.dragging { cursor: grabbing; }
    .edge { fill: none; opacity: 0.8; stroke-linecap: round; }
    .edge.to-ego { opacity: 0.95; }
    .edge.kind-bundle { opacity: 0.6; }
    .edge.dim { opacity: 0.06; }
    .edge.hl { stroke: var(--select); opacity: 0.9; }
    .node { cursor: pointer; outline: none; }
    .shape { vector-effect: non-scaling-stroke; stroke-width: 1.2px; }
    .node.box .shape { stroke-dasharray: 4 2; }
    .node.ego .shape { stroke-width: 2.5px; }
    .node:hover .shape { stroke: var(--accent); stroke-width: 2.5px; }
    .node:focus-visible .shape { stroke: var(--focus); stroke-width: 3px; }
    .node.sel .shape { stroke: var(--select); stroke-width: 3.5px; }
    .node.dim { opacity: 0.13; }
    .node.gone, .edge.gone { display: none; }
    .label, .tip text { fill: #1d2430; text-anchor: middle; dominant-baseline: central; pointer-events: none; }
    .label.halo {
      paint-order: stroke; stroke: rgba(255, 255, 255, 0.9); stroke-width: 3px; stroke-linejoin: round;
      vector-effect: non-scaling-stroke;
    }
    .label.box { font-weight: 600; fill: #2c3440; }
    .tip { pointer-events: none; }
    .tip rect { fill: #fff; stroke: #b9c1ce; stroke-width: 1px; vector-effect: non-scaling-stroke; }
    .label.ego { font-weight: 700; }
    .label.sel { fill: #8f3a0a; }
    .zoom { position: absolute; top: 10px; right: 10px; display: flex; flex-direction: column; gap: 0;
      background: #fff; border: 1px solid var(--line); border-radius: 8px;
      box-shadow: 0 2px 8px rgba(20, 30, 50, 0.1); }
    .zoom button { border: 0; background: none; width: 36px; height: 32px; cursor: pointer; font-size: 17px;
      color: var(--ink); }
    .zoom button + button { border-top: 1px solid var(--line); }
    .zoom button:hover { background: #f1f4f9; }
    .zoom #zoom-reset { font-size: 12px; font-weight: 600; }
    .hint { margin: 6px 0 0; font-size: 12px; color: var(--faint); }
    .key { position: absolute; left: 10px; bottom: 10px; max-width: min(620px, calc(100% - 80px));
      background: rgba(255, 255, 255, 0.96); border: 1px solid var(--line); border-radius: 8px;
      box-shadow: 0 2px 8px rgba(20, 30, 50, 0.1); font-size: 12.5px; color: var(--muted); }
    .key > summary { padding: 4px 12px; cursor: pointer; color: var(--ink); font-weight: 600; font-size: 12.5px;
      user-select: none; }
    .key[open] > summary { border-bottom: 1px solid var(--line); }
    .key-body { padding: 8px 12px 10px; max-height: min(55vh, 420px); overflow: auto; }
    .legend { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 14px;
      color: var(--ink); }
    .legend li { display: inline-flex; align-items: center; gap: 5px; }
    .legend .swatch { font-size: 14px; line-height: 1; }
    .caption p { margin: 0; }
    .list p { margin: 2px 0 0; }

    /* Tables */
    .table-tools { display: flex; align-items: center; gap: 12px; margin: 0 0 8px; }
    .table-filter { padding: 5px 10px; border: 1px solid #c5ccd8; border-radius: 6px; width: 260px; max-width: 100%;
      background: #fff; }
    .table-count { font-size: 13px; }
    table.data { border-collapse: collapse; width: 100%; background: #fff; font-size: 13.5px; }
    table.data th, table.data td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
      vertical-align: top; }
    table.data th { position: sticky; top: 0; background: #f3f5f8; z-index: 1; font-size: 12.5px; }
    table.data th button { border: 0; background: none; padding: 0; font-weight: 600; color: var(--muted);
      cursor: pointer; white-space: nowrap; }
    table.data th button::after { content: " ↕"; color: #b5bcc8; }
    table.data th[aria-sort="ascending"] button::after { content: " ▲"; color: var(--accent); }
    table.data th[aria-sort="descending"] button::after { content: " ▼"; color: var(--accent); }
    table.data th[aria-sort="ascending"] button, table.data th[aria-sort="descending"] button { color: var(--ink); }
    table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.data th.num button { text-align: right; }
    table.data tbody tr:hover { background: #f8fafc; }
    table.data .sub { display: block; color: var(--muted); font-size: 12px; }
    .panel table.data .sub { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 14em; }
    .panel table.data td[data-col="last"] { white-space: nowrap; }
    .panel table.data th, .panel table.data td { padding: 4px 6px; }
    .panel .badge { font-size: 11.5px; }
    .more { margin: 10px 0 0; }
    .empty { color: var(--muted); font-style: italic; }
    .stage > .empty { position: absolute; top: 40%; width: 100%; text-align: center; }

    /* Badges for tie classes */
    .badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; line-height: 18px;
      background: #eef0f4; color: #3a4350; white-space: nowrap; }
    .t-strong { background: #dce8fc; color: #16418a; } .dot.t-strong { background: #1f5fbf; }
    .t-weak { background: #eceff4; color: #47505e; } .dot.t-weak { background: #8a94a6; }
    .t-nominal { background: #f3f4f6; color: #6b7280; } .dot.t-nominal { background: #c3c9d3; }
    .t-dormant { background: #f6ecd9; color: #7a5a22; } .dot.t-dormant { background: #b08d57; }
    .t-formerly { background: #ebe3f7; color: #5a3f8c; } .dot.t-formerly { background: #7d5fb2; }
    .t-unreciprocated { background: #f9e1da; color: #8f3a22; } .dot.t-unreciprocated { background: #c0563a; }
    .t-unrated { background: #efefef; color: #555; } .dot.t-unrated { background: #9a9a9a; }
    .t-none { background: #f4f5f7; color: #6b7280; } .dot.t-none { background: #e2e5ea; border: 1px solid #b5bcc8; }
    .t-you { background: #ffe7b3; color: #7a4d00; }

    /* Side panel */
    .panel { width: clamp(380px, 40vw, 620px); flex: none; display: flex; flex-direction: column; min-height: 0;
      background: var(--card); border-left: 1px solid var(--line); box-shadow: -4px 0 16px rgba(20, 30, 50, 0.05); }
    .panel-head { display: flex; align-items: flex-start; gap: 8px; padding: 14px 18px 6px; }
    .panel-head h2 { flex: 1; margin: 0; font-size: 18px; line-height: 1.3; overflow-wrap: anywhere; }
    .icon { border: 0; background: none; font-size: 20px; line-height: 1; width: 30px; height: 30px; border-radius: 6px;
      cursor: pointer; color: var(--muted); flex: none; }
    .icon:hover { background: #f1f4f9; color: var(--ink); }
    .panel-body { flex: 1; overflow: auto; padding: 0 18px 28px; }
    .panel-body .lead { margin: 0 0 8px; color: var(--muted); overflow-wrap: anywhere; }
    .badges { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 10px; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0 0 10px; }
    .facts dt { color: var(--muted); }
    .facts dd { margin: 0; overflow-wrap: anywhere; }
    .chips { display: flex; flex-wrap: wrap; gap: 4px 6px; }
    .chip { border: 1px solid var(--line); background: #f6f8fb; border-radius: 12px; padding: 0 9px; font-size: 12.5px;
      cursor: pointer; color: var(--ink); }
    .chip:hover { border-color: #aab4c4; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 6px; }
    .where { margin: 0 0 8px; font-size: 13px; color: var(--muted); }
    .panel section { border-top: 1px solid var(--line); margin-top: 14px; padding-top: 10px; }
    .panel h3 { margin: 0 0 8px; font-size: 14px; }
    .panel h3 .muted { font-weight: 400; }
    .panel table.data { font-size: 13px; }
    .panel table.data th { background: #f6f7fa; }
    .panel .table-filter { width: 200px; padding: 3px 8px; }
    .list { margin: 0; padding: 0; list-style: none; }
    .list > li { padding: 6px 0; border-bottom: 1px solid #eef1f5; }
    .list > li:last-child { border-bottom: 0; }
    .chain { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 6px; }
    .chain .arrow { color: var(--faint); }
    .meta { color: var(--muted); font-size: 12.5px; }
    .reasons { margin: 3px 0 0; padding-left: 18px; color: var(--muted); font-size: 12.5px; }
    .action .part { margin-right: 6px; }
    .action p { margin: 3px 0; }
    .cmd { display: flex; align-items: flex-start; gap: 6px; margin-top: 4px; }
    .cmd code { flex: 1; display: block; background: #f3f5f8; border: 1px solid var(--line); border-radius: 6px;
      padding: 5px 8px; font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      white-space: pre-wrap; overflow-wrap: anywhere; }
    .fatal { margin: 12px 20px; padding: 10px 14px; border: 1px solid #e5b4a6; background: #fff7f4; color: #8f2d14;
      border-radius: 8px; }
    @media (max-width: 900px) {
      .panel { position: fixed; right: 0; top: 0; bottom: 0; z-index: 30; width: min(100vw, 460px); }
      .search { width: 50vw; }
    }
    """#

  /// The static markup between `<body>` and the data block: header with search, tabs, filters, the
  /// picture's stage, the table views and the side panel. Holds no data.
  static let body = #"""
    <header class="top">
      <div class="titles">
        <h1 id="title">Network</h1>
        <p id="subtitle"></p>
      </div>
      <div class="search" role="search">
        <label class="sr-only" for="search">Search people, companies and tags</label>
        <input id="search" type="text" role="combobox" autocomplete="off" spellcheck="false" aria-expanded="false"
          aria-autocomplete="list" aria-controls="suggestions" placeholder="Search people, companies, tags  ( / )">
        <ul id="suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
      </div>
    </header>
    <div id="fatal" class="fatal" role="alert" hidden></div>
    <div class="layout">
      <main>
        <div class="tabs" role="tablist" aria-label="Views">
          <button type="button" role="tab" id="tab-picture" aria-controls="view-picture" aria-selected="true">
            Picture</button>
          <button type="button" role="tab" id="tab-reach" aria-controls="view-reach" aria-selected="false"
            tabindex="-1">Reach</button>
          <button type="button" role="tab" id="tab-introductions" aria-controls="view-introductions"
            aria-selected="false" tabindex="-1">Introductions</button>
          <button type="button" role="tab" id="tab-brokers" aria-controls="view-brokers" aria-selected="false"
            tabindex="-1">Brokers</button>
          <output id="f-status" class="status" aria-live="polite"></output>
        </div>
        <section id="view-picture" class="view picture" role="tabpanel" aria-labelledby="tab-picture">
          <div class="filters" role="group" aria-label="Filters">
            <details class="menu" id="f-class-menu">
              <summary class="btn" id="f-class-toggle">Tie: <span id="f-class-summary">all</span></summary>
              <fieldset id="f-class" class="menu-body"><legend>Tie to you</legend></fieldset>
            </details>
            <select id="f-company" aria-label="Company"><option value="">Company</option></select>
            <select id="f-community" aria-label="Community"><option value="">Community</option></select>
            <select id="f-tag" aria-label="Tag"><option value="">Tag</option></select>
            <select id="f-evidence" aria-label="Evidence">
              <option value="">Evidence</option>
              <option value="observed">Observed only</option>
              <option value="inferred">Inferred only</option>
            </select>
            <label class="check"><input type="checkbox" id="f-hide"> Hide others</label>
            <button type="button" class="btn" id="f-clear" title="Clear all filters" disabled>Clear</button>
          </div>
          <div class="stage" id="stage" tabindex="0"
            aria-label="Network picture. Drag or arrow keys to move, mouse wheel or plus and minus to zoom, 0 to fit.">
            <svg id="picture"><g id="viewport"></g></svg>
            <details class="key" id="key">
              <summary>Legend</summary>
              <div class="key-body">
                <ul id="legend" class="legend" aria-label="Legend"></ul>
                <div id="caption" class="caption"></div>
                <p class="hint">Drag to move · wheel, pinch or + − to zoom · arrow keys pan · 0 fits ·
                  Enter opens a node</p>
              </div>
            </details>
            <div class="zoom" role="group" aria-label="Zoom">
              <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
              <button type="button" id="zoom-out" title="Zoom out (−)" aria-label="Zoom out">−</button>
              <button type="button" id="zoom-reset" title="Fit the picture (0)" aria-label="Fit the picture">
                Fit</button>
            </div>
          </div>
        </section>
        <section id="view-reach" class="view tables" role="tabpanel" aria-labelledby="tab-reach" hidden>
          <h2>Reach</h2>
          <p>Your contacts, ranked by the people two steps away that only they open.</p>
          <div id="table-reach"></div>
        </section>
        <section id="view-introductions" class="view tables" role="tabpanel" aria-labelledby="tab-introductions" hidden>
          <h2>Introductions</h2>
          <p>Pairs of people who do not know each other yet and probably should, best first.</p>
          <div id="table-introductions"></div>
        </section>
        <section id="view-brokers" class="view tables" role="tabpanel" aria-labelledby="tab-brokers" hidden>
          <h2>Brokers</h2>
          <p>People who bridge otherwise separate parts of the network, ranked.</p>
          <div id="table-brokers"></div>
        </section>
      </main>
      <aside id="panel" class="panel" aria-labelledby="panel-title" hidden>
        <div class="panel-head">
          <h2 id="panel-title" tabindex="-1"></h2>
          <button type="button" id="panel-close" class="icon" aria-label="Close the panel" title="Close (Esc)">
            ×</button>
        </div>
        <div id="panel-body" class="panel-body"></div>
      </aside>
    </div>
    <div id="live" class="sr-only" aria-live="polite"></div>
    """#

  /// The script: reads the data block, draws the picture and wires search, filters, tables, the
  /// panel and the URL fragment (`#person=ID&tab=NAME`). Allowed by the CSP through its sha256
  /// hash. What `scripts/explorer/check_explorer.py` reads: `document.body.dataset.ready`,
  /// `window.liaisonReadyMs` (ready, ms after navigation start), `window.liaisonLastSearchMs` and
  /// `liaisonMaxSearchMs`; `data-person-id` on person nodes, suggestions, person buttons and tie
  /// rows; `data-node`, `data-match` and the `dim`/`gone`/`sel` classes on nodes; the tie rows'
  /// `data-strength`, `data-class`, `data-how`, `data-source`, `data-last`, `data-interactions`,
  /// `data-inferred`; `data-col`/`data-v` on table cells and `aria-sort` on their headers.
  static let script = #"""
    (() => {
      'use strict';

      // ---------------------------------------------------------------------------------------------
      // Constants and small helpers

      const SVG_NS = 'http://www.w3.org/2000/svg';
      const PAGE_ROWS = 200;            // table rows rendered at a time ("show more" adds as many)
      const MAX_SUGGESTIONS = 12;
      const CLASS_ORDER = ['strong', 'weak', 'nominal', 'dormant', 'formerly strong', 'unreciprocated', 'unrated'];
      const NO_CLASS = 'none';          // filter value: people without a tie to the ego
      const TABS = ['picture', 'reach', 'introductions', 'brokers'];

      const byId = (id) => document.getElementById(id);
      const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
      const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
      const fixed = (x, digits) => (isNum(x) ? x.toFixed(digits) : '—');
      const grouped = (n) => n.toLocaleString('en-US');
      const plural = (n, one, many) => grouped(n) + ' ' + (n === 1 ? one : many);
      const own = (o, k) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);
      const text = (s) => (typeof s === 'string' ? s : s === null || s === undefined ? '' : String(s));
      const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

      /** Lowercase without diacritics: what search and table filters compare. */
      function fold(s) {
        return text(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      }

      /** An HTML element with a class and text (text always as text, never as markup). */
      function el(tag, className, content) {
        const e = document.createElement(tag);
        if (className) e.className = className;
        if (content !== undefined && content !== null) e.textContent = text(content);
        return e;
      }

      function svgEl(tag, attrs) {
        const e = document.createElementNS(SVG_NS, tag);
        for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
        return e;
      }

      function button(className, label, onClick) {
        const b = el('button', className, label);
        b.type = 'button';
        if (onClick) b.addEventListener('click', onClick);
        return b;
      }

      /** A colour from the data, or `fallback` when it is not a plain `#hex` or colour name. */
      function safeColor(c, fallback) {
        return typeof c === 'string' && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,24})$/.test(c) ? c : fallback;
      }

      /** The CSS class of a tie class's colours. */
      function classCss(c) {
        if (c === null || c === undefined || c === NO_CLASS) return 't-none';
        if (c === 'formerly strong') return 't-formerly';
        return CLASS_ORDER.includes(c) ? 't-' + c : 't-unrated';
      }

      function classBadge(c) {
        return el('span', 'badge ' + classCss(c), c === null || c === undefined ? 'not a contact' : c);
      }

      // An uncaught error is shown on the page as well (it still reaches the console).
      window.addEventListener('error', (e) => {
        const fatal = byId('fatal');
        fatal.textContent = 'The explorer stopped on an error: ' + text(e.message);
        fatal.hidden = false;
      });

      // ---------------------------------------------------------------------------------------------
      // The data and its indexes

      const data = JSON.parse(byId('liaison-data').textContent);
      const list = (x) => (Array.isArray(x) ? x : []);
      const people = list(data.people);
      const nodes = list(data.nodes);
      const edges = list(data.edges);
      const ties = list(data.ties);
      const hows = list(data.how);
      const sources = list(data.sources);
      const communities = list(data.communities);
      const isPerson = (i) => Number.isInteger(i) && i >= 0 && i < people.length;
      const isNode = (i) => Number.isInteger(i) && i >= 0 && i < nodes.length;
      const ego = isPerson(data.ego) ? data.ego : -1;
      const nameOf = (i) => text(people[i].name) || text(people[i].id);
      const idOf = (i) => text(people[i].id);
      const tagsOf = (i) => list(people[i].tags).map(text);

      const personById = new Map();
      people.forEach((p, i) => personById.set(idOf(i), i));

      // Each person's ties as a compressed adjacency list: tieIds[tieStart[i] .. tieStart[i + 1]).
      const validTie = (t) => Array.isArray(t) && isPerson(t[0]) && isPerson(t[1]);
      const tieStart = new Int32Array(people.length + 1);
      for (const t of ties) {
        if (!validTie(t)) continue;
        tieStart[t[0] + 1]++;
        tieStart[t[1] + 1]++;
      }
      for (let i = 0; i < people.length; i++) tieStart[i + 1] += tieStart[i];
      const tieIds = new Int32Array(tieStart[people.length]);
      const tieFill = tieStart.slice(0, people.length);
      ties.forEach((t, k) => {
        if (!validTie(t)) return;
        tieIds[tieFill[t[0]]++] = k;
        tieIds[tieFill[t[1]]++] = k;
      });

      /** The introductions (indexes into data.introductions) each person takes part in. */
      const introductions = list(data.introductions).filter((r) => r && isPerson(r.a) && isPerson(r.b));
      const introsOf = new Map();
      introductions.forEach((r, k) => {
        for (const p of [r.a, r.b]) {
          if (!introsOf.has(p)) introsOf.set(p, []);
          introsOf.get(p).push(k);
        }
      });

      // Search index: folded names, and people ordered by closeness to the ego (ego, then by
      // distance, then by strength) so the nearest of equally good matches come first.
      const nameKeys = people.map((p, i) => fold(nameOf(i)));
      const closeness = new Int32Array(people.length);
      {
        const dist = (i) => (i === ego ? -1 : isNum(people[i].distance) ? people[i].distance : 1e9);
        const strength = (i) => (isNum(people[i].strength) ? people[i].strength : -1);
        const order = people.map((p, i) => i);
        const byName = (a, b) => collator.compare(nameKeys[a], nameKeys[b]);
        order.sort((a, b) => dist(a) - dist(b) || strength(b) - strength(a) || byName(a, b));
        order.forEach((i, rank) => { closeness[i] = rank; });
      }

      /** Distinct values with how many people have each, most frequent first. */
      function groupCounts(values) {
        const counts = new Map();
        for (const v of values) if (typeof v === 'string' && v !== '') counts.set(v, (counts.get(v) || 0) + 1);
        return [...counts].map(([name, count]) => ({ name, count, key: fold(name) }))
          .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
      }
      const companies = groupCounts(people.map((p) => p.company));
      const tagGroups = groupCounts(people.flatMap((p, i) => tagsOf(i)));

      // ---------------------------------------------------------------------------------------------
      // Search: a combobox over names, companies and tags

      const searchBox = byId('search');
      const listbox = byId('suggestions');
      let suggestions = [];
      let activeSuggestion = -1;

      /** True when the match at `at` starts a word of `key`. */
      function wordStart(key, at) {
        return at === 0 || !/[\p{L}\p{N}]/u.test(key[at - 1]);
      }

      /** Up to MAX_SUGGESTIONS matches for `raw`: people first, then companies and tags. */
      function search(raw) {
        const q = fold(raw.trim());
        if (!q) return [];
        const groupHits = (groups, kind, max) => {
          const hits = [[], []];
          for (const g of groups) {
            const at = g.key.indexOf(q);
            if (at >= 0) hits[wordStart(g.key, at) ? 0 : 1].push({ kind, group: g });
          }
          return hits[0].concat(hits[1]).slice(0, max);
        };
        const companyHits = groupHits(companies, 'company', 3);
        const tagHits = groupHits(tagGroups, 'tag', 2);
        const room = MAX_SUGGESTIONS - companyHits.length - tagHits.length;
        // People: name starts with the query, a word starts with it, it is inside a word.
        const buckets = [[], [], []];
        for (let i = 0; i < nameKeys.length; i++) {
          const at = nameKeys[i].indexOf(q);
          if (at >= 0) buckets[at === 0 ? 0 : wordStart(nameKeys[i], at) ? 1 : 2].push(i);
        }
        const out = [];
        const exact = personById.get(raw.trim()); // an external id typed in full
        if (exact !== undefined) out.push({ kind: 'person', i: exact });
        for (const bucket of buckets) {
          if (out.length >= room) break;
          bucket.sort((a, b) => closeness[a] - closeness[b]);
          for (const i of bucket) {
            if (out.length >= room) break;
            if (i !== exact) out.push({ kind: 'person', i });
          }
        }
        return out.concat(companyHits, tagHits);
      }

      function suggestionItem(s, k) {
        const li = el('li');
        li.id = 'suggestion-' + k;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.index = String(k);
        if (s.kind === 'person') {
          const p = people[s.i];
          li.dataset.personId = idOf(s.i);
          const sub = [text(p.company), s.i === ego ? 'you' : text(p.class)].filter(Boolean).join(' · ');
          li.append(el('span', 'option-main', nameOf(s.i)), el('span', 'option-sub', sub));
        } else {
          li.append(el('span', 'kind', s.kind), el('span', 'option-main', s.group.name),
            el('span', 'option-sub', plural(s.group.count, 'person', 'people')));
        }
        return li;
      }

      function showSuggestions(items) {
        suggestions = items;
        activeSuggestion = -1;
        listbox.replaceChildren(...items.map(suggestionItem));
        searchBox.removeAttribute('aria-activedescendant');
        setListOpen(items.length > 0);
        if (!items.length && searchBox.value.trim()) announce('No person, company or tag matches');
      }

      function setListOpen(open) {
        listbox.hidden = !open;
        searchBox.setAttribute('aria-expanded', open ? 'true' : 'false');
      }

      function setActiveSuggestion(k) {
        const items = listbox.children;
        const previous = items[activeSuggestion];
        if (previous) previous.setAttribute('aria-selected', 'false');
        activeSuggestion = k;
        const li = items[k];
        if (!li) return;
        li.setAttribute('aria-selected', 'true');
        searchBox.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      }

      function chooseSuggestion(k) {
        const s = suggestions[k];
        if (!s) return;
        setListOpen(false);
        if (s.kind === 'person') {
          searchBox.value = nameOf(s.i);
          openPerson(s.i, { reveal: true });
        } else {
          searchBox.value = '';
          setFilter(s.kind, s.group.name);
        }
      }

      function runSearch() {
        const t0 = performance.now();
        showSuggestions(search(searchBox.value));
        const ms = performance.now() - t0;
        window.liaisonLastSearchMs = ms;
        window.liaisonMaxSearchMs = Math.max(window.liaisonMaxSearchMs || 0, ms);
      }

      function wireSearch() {
        searchBox.addEventListener('input', runSearch);
        searchBox.addEventListener('keydown', (e) => {
          const n = suggestions.length;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (listbox.hidden) {
              runSearch();
              if (!suggestions.length) return;
            }
            const m = suggestions.length;
            const down = e.key === 'ArrowDown';
            const at = activeSuggestion;
            setActiveSuggestion(at < 0 ? (down ? 0 : m - 1) : (at + (down ? 1 : m - 1)) % m);
          } else if (e.key === 'Enter') {
            if (!listbox.hidden && n) {
              e.preventDefault();
              chooseSuggestion(activeSuggestion >= 0 ? activeSuggestion : 0);
            }
          } else if (e.key === 'Escape') {
            if (!listbox.hidden) {
              e.preventDefault();
              e.stopPropagation(); // Escape closes the list first, the panel only next time
              setListOpen(false);
            } else if (searchBox.value) {
              e.stopPropagation();
              searchBox.value = '';
            }
          }
        });
        searchBox.addEventListener('blur', () => setListOpen(false));
        // Keep the focus in the input while an option is clicked.
        listbox.addEventListener('mousedown', (e) => e.preventDefault());
        listbox.addEventListener('click', (e) => {
          const li = e.target.closest('li[role="option"]');
          if (li) chooseSuggestion(Number(li.dataset.index));
        });
      }

      // ---------------------------------------------------------------------------------------------
      // The picture: nodes and edges as SVG, pan and zoom
      //
      // Everything is drawn in the layout's units (points), labels included: each label keeps the
      // size Graphviz made its node for, so it stays inside its node at any zoom. When the zoom
      // makes labels too small to read, only the ego's and the selected node's stay (at a legible
      // size), and the node under the pointer or the keyboard focus shows its label as a tip.

      const LABEL_HIDE_PX = 7;      // labels smaller on screen are hidden (but the ego's and the selection's)
      const LABEL_LEGIBLE_PX = 9;   // smallest comfortable size: on load, a smaller fit zooms in on the ego
      const LABEL_TARGET_PX = 11;   // the size of the usual label after that zoom; floating labels' size
      const TIP_PX = 12;            // the hover/focus tip's font size on screen
      const MAX_LABEL_UNITS = 14;   // largest label font size, in drawing units
      const LINE_EM = 1.2;          // line height of multi-line labels
      const MIN_EDGE_PX = 0.6;      // thinnest edge on screen

      const W = isNum(data.width) && data.width > 0 ? data.width : 1000;
      const H = isNum(data.height) && data.height > 0 ? data.height : 1000;
      const svgRoot = byId('picture');
      const viewport = byId('viewport');
      const stage = byId('stage');
      const nodeEls = [];      // per node: its <g>, or null when the node is unusable
      const edgeEls = [];      // per edge: its <path>, or null
      const edgeWidths = [];   // per edge: its width in drawing units
      const edgesAt = nodes.map(() => []);
      const labels = [];       // see drawLabel; most important first once drawn
      const labelOf = [];      // per node: its label record, if any (labels sit in a layer above all nodes)
      const labelLayer = svgEl('g', { class: 'labels' });
      const tip = svgEl('g', { class: 'tip', display: 'none' });
      const tipBox = svgEl('rect', { rx: 4 });
      const tipText = svgEl('text', {});
      // `auto`: what a resize of the stage redoes ('home' or 'fit'), '' once the user moved the view.
      const view = { k: 1, x: 0, y: 0, fitK: 1, w: 0, h: 0, auto: 'home', needsFit: true, edgeK: 0 };
      let selectedNode = -1;
      // The ego's own node, or -1.
      const egoNode = ego >= 0 && isNode(people[ego].node) && nodes[people[ego].node].kind !== 'box'
        ? people[ego].node : -1;
      let tipNode = -1;        // the node under the pointer or with the keyboard focus
      let typicalLabel = 10;   // font size (drawing units) of the usual person label

      /** The path of an edge: a start point then cubic Bézier segments, or a polyline. */
      function edgePath(points) {
        const p = list(points).map(Number);
        if (p.length < 4 || p.some((v) => !Number.isFinite(v))) return '';
        let d = 'M' + p[0] + ' ' + p[1];
        const pairs = p.length / 2;
        if (p.length % 2 === 0 && pairs >= 4 && (pairs - 1) % 3 === 0) {
          for (let i = 2; i + 5 < p.length; i += 6) d += 'C' + p.slice(i, i + 6).join(' ');
        } else {
          for (let i = 2; i + 1 < p.length; i += 2) d += 'L' + p[i] + ' ' + p[i + 1];
        }
        return d;
      }

      function nodeTitle(n) {
        if (n.kind === 'box') return text(n.label).replace(/\s*\n\s*/g, ' · ') + ' — click to list them';
        const p = people[n.person];
        return [nameOf(n.person), text(p.title), text(p.company), text(p.class)].filter(Boolean).join(' · ');
      }

      /** The lines of a node's label (Graphviz labels hold line breaks). */
      function labelLines(n) {
        const label = text(n.label) || (n.kind === 'box' ? '' : nameOf(n.person));
        return label.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
      }

      /** Fills `t` with one <tspan> per line, centred on x, the block centred vertically on the text's y. */
      function setLines(t, lines, x) {
        t.textContent = '';
        lines.forEach((line, k) => {
          const dy = k === 0 ? -((lines.length - 1) * LINE_EM) / 2 : LINE_EM;
          const span = svgEl('tspan', { x, dy: dy + 'em' });
          span.textContent = line;
          t.append(span);
        });
      }

      function drawNode(n, ni) {
        const box = n.kind === 'box';
        if (!box && !isPerson(n.person)) return null;
        const x = Number(n.x), y = Number(n.y);
        const w = Math.max(Number(n.w) || 0, 6), h = Math.max(Number(n.h) || 0, 6);
        if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
        const g = svgEl('g', { class: 'node ' + (box ? 'box' : 'person'), tabindex: '0', role: 'button' });
        g.dataset.node = String(ni);
        if (!box) {
          g.dataset.personId = idOf(n.person);
          if (n.person === ego) g.classList.add('ego');
        } else {
          g.dataset.members = String(list(n.members).length);
        }
        // A person whose label Graphviz left out is a small circle; their name shows on zoom or hover.
        const inside = n.labelShown !== false;
        let shape;
        if (n.shape === 'ellipse' && !inside) shape = svgEl('circle', { cx: x, cy: y, r: Math.min(w, h) / 2 });
        else if (n.shape === 'ellipse') shape = svgEl('ellipse', { cx: x, cy: y, rx: w / 2, ry: h / 2 });
        else shape = svgEl('rect', { x: x - w / 2, y: y - h / 2, width: w, height: h, rx: box ? 5 : 3 });
        shape.setAttribute('class', 'shape');
        shape.setAttribute('fill', safeColor(n.fill, '#ffffff'));
        shape.setAttribute('stroke', safeColor(n.stroke, '#555555'));
        const title = svgEl('title', {});
        title.textContent = nodeTitle(n);
        g.setAttribute('aria-label', nodeTitle(n));
        g.append(title, shape);
        drawLabel(n, ni, { x, y, w, h, inside, round: n.shape === 'ellipse' });
        return g;
      }

      /**
       * The label of node `ni`: a <text> in the label layer, and its record. `size` is its font
       * size in drawing units: what fits the node (Graphviz made the node for a label of about
       * (h − 6) / lines), capped; labels drawn outside (under a circle) get the usual size.
       */
      function drawLabel(n, ni, geo) {
        const lines = labelLines(n);
        if (!lines.length) return;
        const box = n.kind === 'box';
        const cls = 'label' + (box ? ' box' : '') + (n.person === ego ? ' ego' : '');
        const t = svgEl('text', { x: geo.x, y: geo.y, class: cls });
        setLines(t, lines, geo.x);
        labelLayer.append(t);
        const priority = n.person === ego ? 3 : box ? 2 : geo.inside ? 1 : 0;
        const strength = !box && isNum(people[n.person].strength) ? people[n.person].strength : 0;
        const L = {
          ni, el: t, lines, inside: geo.inside, x: geo.x, y: geo.y, below: geo.y + Math.min(geo.w, geo.h) / 2,
          room: (geo.round ? geo.w * 0.8 : geo.w) - 6, // usable width inside the node
          size: geo.inside ? Math.min((geo.h - 6) / lines.length, MAX_LABEL_UNITS) : 0,
          em: 0, // width of the widest line, in font sizes (measured once drawn)
          priority: priority + strength / 2,
        };
        labels.push(L);
        labelOf[ni] = L;
      }

      /**
       * Measures the labels once they are in the document and shrinks those wider than their node;
       * sets the usual label size (the median person label) for the outside labels and the zoom.
       */
      function measureLabels() {
        const probe = 10;
        for (const L of labels) L.el.setAttribute('font-size', String(probe));
        for (const L of labels) {
          let widest = 0;
          for (const span of L.el.children) widest = Math.max(widest, span.getComputedTextLength());
          // Hidden (another tab first): estimate from the number of characters.
          L.em = widest > 0 ? widest / probe : Math.max(...L.lines.map((s) => s.length)) * 0.6;
          if (L.inside) L.size = Math.max(1, Math.min(L.size, L.room / L.em));
        }
        const sizes = labels.filter((L) => L.inside && nodes[L.ni].kind !== 'box' && L.ni !== egoNode)
          .map((L) => L.size).sort((a, b) => a - b);
        if (sizes.length) typicalLabel = sizes[Math.floor(sizes.length / 2)];
        for (const L of labels) if (!L.inside) L.size = typicalLabel;
      }

      function drawEdge(e, ei) {
        if (!e || !isNode(e.a) || !isNode(e.b) || !nodeEls[e.a] || !nodeEls[e.b]) return null;
        const d = edgePath(e.points);
        if (!d) return null;
        const kind = ['tie', 'bundle', 'suggested'].includes(e.kind) ? e.kind : 'tie';
        const toEgo = egoNode >= 0 && (e.a === egoNode || e.b === egoNode);
        const path = svgEl('path', { d, class: 'edge kind-' + kind + (toEgo ? ' to-ego' : '') });
        path.setAttribute('stroke', safeColor(e.color, '#888888'));
        edgeWidths[ei] = clamp(Number(e.width) || 1, 0.2, 12);
        if (e.dash) path.setAttribute('stroke-dasharray', '5 4');
        path.dataset.edge = String(ei);
        if (Number.isInteger(e.tie) && validTie(ties[e.tie])) {
          const t = ties[e.tie];
          const title = svgEl('title', {});
          title.textContent = nameOf(t[0]) + ' — ' + nameOf(t[1]) + ': ' + text(t[3]) +
            (isNum(t[2]) ? ', strength ' + t[2].toFixed(2) : '');
          path.append(title);
        }
        edgesAt[e.a].push(ei);
        edgesAt[e.b].push(ei);
        return path;
      }

      function drawPicture() {
        const edgeLayer = svgEl('g', { class: 'edges' });
        const nodeLayer = svgEl('g', { class: 'nodes' });
        nodes.forEach((n, ni) => {
          const g = n && typeof n === 'object' ? drawNode(n, ni) : null;
          nodeEls.push(g);
          if (g) nodeLayer.append(g);
        });
        const egoTies = [];
        edges.forEach((e, ei) => {
          const path = drawEdge(e, ei);
          edgeEls.push(path);
          if (path && path.classList.contains('to-ego')) egoTies.push(path);
          else if (path) edgeLayer.append(path);
        });
        edgeLayer.append(...egoTies); // the ego's ties over the others
        tip.append(tipBox, tipText);
        viewport.append(edgeLayer, nodeLayer, labelLayer, tip);
        measureLabels();
        labels.sort((a, b) => b.priority - a.priority);
        if (!nodeEls.some(Boolean)) stage.append(el('p', 'empty', 'Nothing to draw.'));
        nodeLayer.addEventListener('click', (e) => {
          const g = e.target.closest('g.node');
          if (g) activateNode(Number(g.dataset.node), g);
        });
        nodeLayer.addEventListener('keydown', (e) => {
          const g = e.target.closest('g.node');
          if (g && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            e.stopPropagation();
            activateNode(Number(g.dataset.node), g);
          }
        });
        // The tip follows the pointer's node, else the focused one.
        const pointTo = (e) => {
          const leaving = e.type === 'pointerout' || e.type === 'focusout';
          const to = leaving ? e.relatedTarget : e.target; // on leaving: where the pointer or focus went
          const g = to && to.closest ? to.closest('g.node') : null;
          const ni = g ? Number(g.dataset.node) : -1;
          if (ni !== tipNode) {
            tipNode = ni;
            scheduleLabels();
          }
        };
        for (const type of ['pointerover', 'pointerout', 'focusin', 'focusout']) {
          nodeLayer.addEventListener(type, pointTo);
        }
      }

      function activateNode(ni, origin) {
        const n = nodes[ni];
        if (!n) return;
        if (n.kind === 'box') openBox(ni, { origin });
        else openPerson(n.person, { origin });
      }

      function applyView() {
        const t = `translate(${view.x.toFixed(2)} ${view.y.toFixed(2)}) scale(${view.k.toFixed(5)})`;
        viewport.setAttribute('transform', t);
        if (view.edgeK !== view.k) {
          // Edge widths are drawing units (they scale), but never thinner than MIN_EDGE_PX on screen.
          view.edgeK = view.k;
          const least = MIN_EDGE_PX / view.k;
          edgeEls.forEach((path, ei) => {
            if (path) path.setAttribute('stroke-width', Math.max(edgeWidths[ei], least).toFixed(3));
          });
        }
        scheduleLabels();
      }

      function measureStage() {
        const r = svgRoot.getBoundingClientRect();
        view.w = r.width;
        view.h = r.height;
      }

      /** Shows the whole drawing, centred. */
      function fit() {
        measureStage();
        if (view.w < 20 || view.h < 20) {
          view.needsFit = true; // hidden (another tab): fit when shown
          return;
        }
        const k = Math.min(view.w / W, view.h / H) * 0.97;
        Object.assign(view, { k, fitK: k, x: (view.w - W * k) / 2, y: (view.h - H * k) / 2 });
        view.auto = 'fit';
        view.needsFit = false;
        applyView();
      }

      const minZoom = () => view.fitK * 0.5;
      const maxZoom = () => Math.max(view.fitK * 40, 6);
      /** The zoom at which the usual label is LABEL_TARGET_PX on screen. */
      const legibleK = () => clamp(LABEL_TARGET_PX / typicalLabel, minZoom(), maxZoom());

      /**
       * The first view: the whole drawing when its labels are legible that way, else the ego at a
       * legible zoom (Fit or 0 still shows everything).
       */
      function home() {
        fit();
        if (view.needsFit || egoNode < 0 || view.k * typicalLabel >= LABEL_LEGIBLE_PX) return;
        centerOn(egoNode, legibleK());
        view.auto = 'home';
      }

      /** Zooms by `factor`, keeping the drawing point under (px, py) (stage pixels) in place. */
      function zoomAt(factor, px, py) {
        const k = clamp(view.k * factor, minZoom(), maxZoom());
        const f = k / view.k;
        view.x = px - (px - view.x) * f;
        view.y = py - (py - view.y) * f;
        view.k = k;
        view.auto = '';
        applyView();
      }

      function panBy(dx, dy) {
        view.x += dx;
        view.y += dy;
        view.auto = '';
        applyView();
      }

      /** Centres node `ni`, zoomed in to at least `minK`. */
      function centerOn(ni, minK) {
        const n = nodes[ni];
        measureStage();
        if (view.w < 20) return;
        view.k = clamp(Math.max(view.k, minK || 0), minZoom(), maxZoom());
        view.x = view.w / 2 - Number(n.x) * view.k;
        view.y = view.h / 2 - Number(n.y) * view.k;
        view.auto = '';
        applyView();
      }

      /** Pans to node `ni` if it is outside the visible part of the picture. */
      function ensureVisible(ni) {
        const n = nodes[ni];
        measureStage();
        const sx = Number(n.x) * view.k + view.x, sy = Number(n.y) * view.k + view.y;
        if (sx < 40 || sy < 40 || sx > view.w - 40 || sy > view.h - 40) centerOn(ni, 0);
      }

      let labelsQueued = false;
      function scheduleLabels() {
        if (labelsQueued) return;
        labelsQueued = true;
        requestAnimationFrame(layoutLabels);
      }

      /**
       * Shows the labels that are readable and do not collide, most important first: the selected
       * node's and the ego's always (at least LABEL_TARGET_PX on screen, over their neighbours),
       * the others at their own size when that is at least LABEL_HIDE_PX on screen (LABEL_LEGIBLE_PX
       * for the names under circles). Then the tip of the pointed node, if its label is not shown.
       */
      function layoutLabels() {
        labelsQueued = false;
        const k = view.k;
        const taken = [];
        const shown = new Set();
        const place = (L, essential) => {
          const g = nodeEls[L.ni];
          const hidden = g.classList.contains('gone') || (g.classList.contains('dim') && L.ni !== selectedNode);
          const own = L.size * k;
          const readable = own >= (L.inside ? LABEL_HIDE_PX : LABEL_LEGIBLE_PX);
          let show = !hidden && (readable || essential);
          const px = readable ? own : LABEL_TARGET_PX;
          if (show) {
            const hw = (L.em * px) / 2 + 2, hh = (L.lines.length * LINE_EM * px) / 2;
            const cx = L.x * k + view.x;
            const cy = L.inside && readable ? L.y * k + view.y : L.below * k + view.y + hh + 2;
            const r = [cx - hw, cy - hh, cx + hw, cy + hh];
            const overlaps = (t) => r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3];
            if (r[2] < 0 || r[0] > view.w || r[3] < 0 || r[1] > view.h) show = false;
            else if (L.ni !== selectedNode && taken.some(overlaps)) show = false;
            else {
              taken.push(r);
              L.el.setAttribute('font-size', (px / k).toFixed(3));
              L.el.setAttribute('y', ((cy - view.y) / k).toFixed(2));
              // Labels off their node's fill get a white halo.
              L.el.classList.toggle('halo', !(L.inside && readable));
            }
          }
          L.el.setAttribute('display', show ? 'inline' : 'none');
          if (show) shown.add(L.ni);
        };
        const first = [selectedNode, egoNode].filter((ni) => ni >= 0 && labelOf[ni]).map((ni) => labelOf[ni]);
        for (const L of first) place(L, true);
        for (const L of labels) if (!first.includes(L)) place(L, false);
        layoutTip(shown);
      }

      /** The tip: the pointed node's label over the node, when its own label is not readable. */
      function layoutTip(shown) {
        const L = tipNode >= 0 ? labelOf[tipNode] : null;
        if (!L || shown.has(tipNode) || nodeEls[tipNode].classList.contains('gone')) {
          tip.setAttribute('display', 'none');
          return;
        }
        const n = nodes[tipNode];
        const k = view.k, size = TIP_PX / k, pad = 5 / k;
        const bottom = Number(n.y) - Math.max(Number(n.h) || 0, 6) / 2 - 4 / k; // just over the node
        const height = L.lines.length * LINE_EM * size;
        tipText.setAttribute('font-size', size.toFixed(3));
        tipText.setAttribute('y', (bottom - pad - height / 2).toFixed(2));
        setLines(tipText, L.lines, L.x);
        tip.setAttribute('display', 'inline');
        const width = L.em * size;
        Object.entries({ x: L.x - width / 2 - pad, y: bottom - height - 2 * pad, width: width + 2 * pad,
          height: height + 2 * pad }).forEach(([a, v]) => tipBox.setAttribute(a, v.toFixed(2)));
      }

      /** Mouse, touch and pen: drag to pan, two pointers to pinch; a click without a drag selects. */
      function wirePointer() {
        const pointers = new Map();
        let gesture = null;
        let dragged = false;
        const local = (e) => {
          const r = svgRoot.getBoundingClientRect();
          return { x: e.clientX - r.left, y: e.clientY - r.top };
        };
        const capture = (id) => {
          if (!svgRoot.hasPointerCapture(id)) svgRoot.setPointerCapture(id);
        };
        const begin = () => {
          const pts = [...pointers.values()];
          if (pts.length === 1) {
            gesture = { kind: 'drag', start: pts[0], x: view.x, y: view.y };
          } else if (pts.length >= 2) {
            const [a, b] = pts;
            const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
            gesture = { kind: 'pinch', d: Math.hypot(a.x - b.x, a.y - b.y), mid, k: view.k, x: view.x, y: view.y };
          } else {
            gesture = null;
          }
        };
        svgRoot.addEventListener('pointerdown', (e) => {
          if (e.pointerType === 'mouse' && e.button !== 0) return;
          if (pointers.size === 0) dragged = false;
          pointers.set(e.pointerId, local(e));
          if (pointers.size >= 2) {
            dragged = true;
            for (const id of pointers.keys()) capture(id);
          }
          begin();
        });
        svgRoot.addEventListener('pointermove', (e) => {
          if (!pointers.has(e.pointerId) || !gesture) return;
          pointers.set(e.pointerId, local(e));
          if (gesture.kind === 'drag') {
            const p = pointers.get(e.pointerId);
            const dx = p.x - gesture.start.x, dy = p.y - gesture.start.y;
            if (!dragged && Math.hypot(dx, dy) < 4) return;
            if (!dragged) {
              dragged = true;
              capture(e.pointerId); // only now, so that a plain click still reaches the node
              svgRoot.classList.add('dragging');
            }
            view.x = gesture.x + dx;
            view.y = gesture.y + dy;
          } else {
            const [a, b] = [...pointers.values()];
            const ratio = Math.hypot(a.x - b.x, a.y - b.y) / Math.max(gesture.d, 1);
            const k = clamp(gesture.k * ratio, minZoom(), maxZoom());
            const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
            // The drawing point under the first midpoint stays under the current one.
            view.x = m.x - (gesture.mid.x - gesture.x) * (k / gesture.k);
            view.y = m.y - (gesture.mid.y - gesture.y) * (k / gesture.k);
            view.k = k;
          }
          view.auto = '';
          applyView();
        });
        const end = (e) => {
          if (!pointers.delete(e.pointerId)) return;
          begin();
          if (pointers.size) return;
          svgRoot.classList.remove('dragging');
          // The click (if any) comes in this same task; after it, clicks select again.
          setTimeout(() => { dragged = false; }, 0);
        };
        svgRoot.addEventListener('pointerup', end);
        svgRoot.addEventListener('pointercancel', end);
        // The click that ends a drag is not a selection.
        svgRoot.addEventListener('click', (e) => {
          if (dragged) {
            e.stopPropagation();
            dragged = false;
          }
        }, true);
        svgRoot.addEventListener('wheel', (e) => {
          e.preventDefault();
          const p = local(e);
          const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
          zoomAt(Math.exp(-clamp(dy, -300, 300) * 0.002), p.x, p.y);
        }, { passive: false });
      }

      function wireViewKeys() {
        const zoomCenter = (f) => {
          measureStage();
          zoomAt(f, view.w / 2, view.h / 2);
        };
        stage.addEventListener('keydown', (e) => {
          if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('.zoom, .key')) return;
          const step = 60;
          switch (e.key) {
            case '+': case '=': zoomCenter(1.25); break;
            case '-': case '_': zoomCenter(0.8); break;
            case '0': fit(); break;
            case 'ArrowLeft': panBy(step, 0); break;
            case 'ArrowRight': panBy(-step, 0); break;
            case 'ArrowUp': panBy(0, step); break;
            case 'ArrowDown': panBy(0, -step); break;
            default: return;
          }
          e.preventDefault();
        });
        byId('zoom-in').addEventListener('click', () => zoomCenter(1.25));
        byId('zoom-out').addEventListener('click', () => zoomCenter(0.8));
        byId('zoom-reset').addEventListener('click', fit);
        new ResizeObserver(() => {
          measureStage();
          if (view.needsFit || view.auto === 'home') home();
          else if (view.auto === 'fit') fit();
          else scheduleLabels();
        }).observe(svgRoot);
      }

      /**
       * Marks node `ni` (or none, -1) as selected, with its drawn edges (not the ego's: they are
       * most of the picture).
       */
      function highlightNode(ni) {
        const mark = (on) => {
          nodeEls[selectedNode].classList.toggle('sel', on);
          if (labelOf[selectedNode]) labelOf[selectedNode].el.classList.toggle('sel', on);
          if (nodes[selectedNode].person === ego && ego >= 0) return;
          for (const ei of edgesAt[selectedNode]) edgeEls[ei].classList.toggle('hl', on);
        };
        if (selectedNode >= 0) mark(false);
        selectedNode = isNode(ni) && nodeEls[ni] ? ni : -1;
        if (selectedNode >= 0) mark(true);
        scheduleLabels();
      }

      function fillLegend() {
        const legend = byId('legend');
        for (const item of list(data.legend)) {
          const li = el('li');
          const swatch = el('span', 'swatch', text(item.symbol) || '●');
          swatch.style.color = safeColor(item.color, '#888888');
          li.append(swatch, el('span', '', item.text));
          legend.append(li);
        }
        const caption = byId('caption');
        for (const line of list(data.caption)) caption.append(el('p', '', line));
        byId('legend').hidden = !list(data.legend).length;
        byId('key').hidden = !list(data.legend).length && !list(data.caption).length;
      }

      // ---------------------------------------------------------------------------------------------
      // Filters

      const classValues = (() => {
        const present = new Set();
        let none = false;
        people.forEach((p, i) => {
          if (i === ego) return;
          if (typeof p.class === 'string') present.add(p.class);
          else none = true;
        });
        const known = CLASS_ORDER.filter((c) => present.has(c));
        const other = [...present].filter((c) => !CLASS_ORDER.includes(c)).sort();
        return known.concat(other, none ? [NO_CLASS] : []);
      })();
      const filter = {
        classes: new Set(classValues), company: null, community: null, tag: null, evidence: '', hide: false,
      };

      const filterActive = () => filter.classes.size !== classValues.length || filter.company !== null ||
        filter.community !== null || filter.tag !== null || filter.evidence !== '';

      /** Whether person `i` passes the filters (the ego always does: the picture's anchor). */
      function personMatches(i) {
        if (i === ego) return true;
        const p = people[i];
        const cls = typeof p.class === 'string' ? p.class : NO_CLASS;
        if (!filter.classes.has(cls)) return false;
        if (filter.company !== null && text(p.company) !== filter.company) return false;
        if (filter.community !== null && p.community !== filter.community) return false;
        if (filter.tag !== null && !tagsOf(i).includes(filter.tag)) return false;
        if (filter.evidence) {
          if (cls === NO_CLASS || Boolean(p.inferred) !== (filter.evidence === 'inferred')) return false;
        }
        return true;
      }

      function nodeMatches(n) {
        if (n.kind === 'box') return list(n.members).some((m) => isPerson(m) && personMatches(m));
        return personMatches(n.person);
      }

      function fillSelect(select, options) {
        for (const [value, label] of options) {
          const o = document.createElement('option');
          o.value = value;
          o.text = label;
          select.append(o);
        }
      }

      function buildFilters() {
        const box = byId('f-class');
        for (const c of classValues) {
          const label = el('label');
          const cb = el('input');
          cb.type = 'checkbox';
          cb.value = c;
          cb.checked = true;
          cb.addEventListener('change', () => {
            if (cb.checked) filter.classes.add(c);
            else filter.classes.delete(c);
            applyFilters();
          });
          const name = c === NO_CLASS ? 'not a contact' : c;
          label.append(cb, el('span', 'dot ' + classCss(c)), document.createTextNode(name));
          box.append(label);
        }
        byId('f-class-menu').hidden = classValues.length < 2;
        // The tie-class menu closes on a click elsewhere.
        document.addEventListener('click', (e) => {
          const menu = byId('f-class-menu');
          if (menu.open && !menu.contains(e.target)) menu.open = false;
        });
        fillSelect(byId('f-company'), companies.map((c) => [c.name, `${c.name} (${grouped(c.count)})`]));
        fillSelect(byId('f-community'), communities.map((c, k) =>
          [String(k), text(c && c.label) + (c && isNum(c.size) ? ` (${grouped(c.size)})` : '')]));
        fillSelect(byId('f-tag'), tagGroups.map((t) => [t.name, `${t.name} (${grouped(t.count)})`]));
        byId('f-company').hidden = companies.length === 0;
        byId('f-community').hidden = communities.length === 0;
        byId('f-tag').hidden = tagGroups.length === 0;
        byId('f-company').addEventListener('change', (e) => {
          filter.company = e.target.value === '' ? null : e.target.value;
          applyFilters();
        });
        byId('f-community').addEventListener('change', (e) => {
          filter.community = e.target.value === '' ? null : Number(e.target.value);
          applyFilters();
        });
        byId('f-tag').addEventListener('change', (e) => {
          filter.tag = e.target.value === '' ? null : e.target.value;
          applyFilters();
        });
        byId('f-evidence').addEventListener('change', (e) => {
          filter.evidence = e.target.value;
          applyFilters();
        });
        byId('f-hide').addEventListener('change', (e) => {
          filter.hide = e.target.checked;
          applyFilters();
        });
        byId('f-clear').addEventListener('click', clearFilters);
      }

      /** Filters the picture to one company or tag (chosen in search or in the panel). */
      function setFilter(kind, value) {
        const select = byId(kind === 'company' ? 'f-company' : 'f-tag');
        select.value = value;
        filter[kind] = value;
        selectTab('picture');
        applyFilters();
        announce(`Picture filtered to ${kind} ${value}`);
      }

      function clearFilters() {
        filter.classes = new Set(classValues);
        Object.assign(filter, { company: null, community: null, tag: null, evidence: '' });
        for (const cb of byId('f-class').querySelectorAll('input')) cb.checked = true;
        for (const id of ['f-company', 'f-community', 'f-tag', 'f-evidence']) byId(id).value = '';
        applyFilters();
      }

      /** Dims (or hides) the nodes that do not match, and the edges with an end that does not. */
      function applyFilters() {
        const active = filterActive();
        const match = nodes.map((n, ni) => !active || (nodeEls[ni] !== null && nodeMatches(n)));
        let shown = 0, drawn = 0;
        nodeEls.forEach((g, ni) => {
          if (!g) return;
          drawn++;
          if (match[ni]) shown++;
          g.classList.toggle('dim', !match[ni] && !filter.hide);
          g.classList.toggle('gone', !match[ni] && filter.hide);
          g.dataset.match = match[ni] ? '1' : '0';
        });
        edgeEls.forEach((path, ei) => {
          if (!path) return;
          const e = edges[ei];
          let m = match[e.a] && match[e.b];
          if (m && filter.evidence && validTie(ties[e.tie])) {
            m = (ties[e.tie][8] === 1) === (filter.evidence === 'inferred');
          }
          path.classList.toggle('dim', !m && !filter.hide);
          path.classList.toggle('gone', !m && filter.hide);
        });
        byId('f-clear').disabled = !active;
        byId('f-class-summary').textContent = filter.classes.size === classValues.length ? 'all'
          : `${filter.classes.size} of ${classValues.length}`;
        if (active) {
          let matching = 0;
          for (let i = 0; i < people.length; i++) if (personMatches(i)) matching++;
          byId('f-status').textContent = `${grouped(shown)} of ${grouped(drawn)} drawn match · ` +
            plural(matching, 'person', 'people') + ' in all';
        } else {
          byId('f-status').textContent =
            plural(drawn, 'node', 'nodes') + ' drawn · ' + plural(people.length, 'person', 'people');
        }
        scheduleLabels();
      }

      // ---------------------------------------------------------------------------------------------
      // Tables: sortable, filterable, rendered PAGE_ROWS rows at a time

      /** A button that opens person `i` (handled by one listener on the document). */
      function personButton(i) {
        const b = button('person', nameOf(i));
        b.dataset.personId = idOf(i);
        const p = people[i];
        const about = [text(p.title), text(p.company)].filter(Boolean).join(', ');
        if (about) b.title = about;
        return b;
      }

      /**
       * Builds a table in `host`. Columns: { id, label, num, value(row) (sort and filter value),
       * cell(row) (Node or text; default: the value) }. `sort` is the starting column id and `desc`
       * its direction; rows come in their given order when `sort` is the "rank" column.
       */
      function makeTable(host, spec) {
        const { columns, rows } = spec;
        host.replaceChildren();
        if (!rows.length) {
          host.append(el('p', 'empty', spec.empty || 'Nothing to show.'));
          return;
        }
        const state = {
          sort: columns.findIndex((c) => c.id === spec.sort), desc: Boolean(spec.desc), query: '', shown: PAGE_ROWS,
        };
        let texts = null; // folded text of each row, built at the first filtering
        let order = null; // the row indexes shown, in order (cached between "show more")
        const table = el('table', 'data');
        const headRow = el('tr');
        const tbody = el('tbody');
        const ths = columns.map((c, ci) => {
          const th = el('th', c.num ? 'num' : '');
          th.scope = 'col';
          const b = button('', c.label, () => {
            state.desc = state.sort === ci ? !state.desc : Boolean(c.num && c.id !== 'rank');
            state.sort = ci;
            state.shown = PAGE_ROWS;
            order = null;
            render();
          });
          b.dataset.col = c.id;
          th.append(b);
          headRow.append(th);
          return th;
        });
        table.append(el('thead'), tbody);
        table.tHead.append(headRow);
        const more = button('btn more', '', () => {
          state.shown += PAGE_ROWS;
          render();
        });
        const count = el('span', 'muted table-count');
        const tools = el('div', 'table-tools');
        if (rows.length > (spec.filterFrom || 0)) {
          const input = el('input', 'table-filter');
          input.type = 'search';
          input.placeholder = 'Filter rows…';
          input.setAttribute('aria-label', 'Filter the rows of ' + (spec.name || 'the table'));
          input.addEventListener('input', () => {
            state.query = fold(input.value.trim());
            state.shown = PAGE_ROWS;
            order = null;
            render();
          });
          tools.append(input);
        }
        tools.append(count);
        host.append(tools, table, more);

        function computeOrder() {
          let idx = rows.map((r, i) => i);
          if (state.query) {
            texts = texts || rows.map((r) => fold(columns.map((c) => text(c.value(r))).join(' ')));
            idx = idx.filter((i) => texts[i].includes(state.query));
          }
          if (state.sort >= 0) {
            const c = columns[state.sort];
            const v = rows.map(c.value);
            const sign = state.desc ? -1 : 1;
            idx.sort((a, b) => {
              const x = v[a], y = v[b];
              const xm = x === null || x === undefined || x === '', ym = y === null || y === undefined || y === '';
              if (xm || ym) return xm && ym ? a - b : xm ? 1 : -1; // missing values last either way
              const d = c.num ? x - y : collator.compare(text(x), text(y));
              return d ? sign * d : a - b;
            });
          }
          return idx;
        }

        function rowElement(r) {
          const tr = el('tr');
          if (spec.rowAttrs) spec.rowAttrs(r, tr);
          for (const c of columns) {
            const td = el('td', c.num ? 'num' : '');
            td.dataset.col = c.id;
            const v = c.value(r);
            if (c.num) td.dataset.v = v === null || v === undefined ? '' : String(v);
            const content = c.cell ? c.cell(r) : v;
            if (content instanceof Node) td.append(content);
            else td.textContent = text(content);
            tr.append(td);
          }
          return tr;
        }

        function render() {
          order = order || computeOrder();
          const part = order.slice(0, state.shown);
          tbody.replaceChildren(...part.map((i) => rowElement(rows[i])));
          const left = order.length - part.length;
          more.hidden = left <= 0;
          more.textContent = `Show ${grouped(Math.min(PAGE_ROWS, left))} more (${grouped(left)} left)`;
          count.textContent = state.query
            ? `${grouped(order.length)} of ${plural(rows.length, 'row', 'rows')}`
            : plural(rows.length, 'row', 'rows');
          ths.forEach((th, ci) =>
            th.setAttribute('aria-sort', ci === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none'));
        }
        render();
      }

      // Column helpers shared by the tables.
      const rankColumn = { id: 'rank', label: '#', num: true, value: (r) => r.rank };
      const personColumn = (id, label, get) =>
        ({ id, label, value: (r) => nameOf(get(r)), cell: (r) => personButton(get(r)) });
      const companyColumn = (get) => ({ id: 'company', label: 'Company', value: (r) => text(people[get(r)].company) });
      const numberColumn = (id, label, get, digits) =>
        ({ id, label, num: true, value: (r) => (isNum(get(r)) ? get(r) : null), cell: (r) => fixed(get(r), digits) });
      const classColumn = (get) =>
        ({ id: 'class', label: 'Tie', value: (r) => text(get(r)), cell: (r) => (get(r) ? classBadge(get(r)) : '') });
      const ranked = (rows) =>
        list(rows).filter((r) => r && typeof r === 'object').map((r, k) => ({ ...r, rank: k + 1 }));

      const tableBuilders = {
        reach() {
          const rows = ranked(data.reach).filter((r) => isPerson(r.person));
          const columns = [
            rankColumn, personColumn('person', 'Contact', (r) => r.person), companyColumn((r) => r.person),
            classColumn((r) => r.class), numberColumn('strength', 'Strength', (r) => r.strength, 2),
            numberColumn('only', 'Only they open', (r) => r.only, 0),
            numberColumn('second', 'Two steps away', (r) => r.second, 0),
          ];
          if (rows.some((r) => isNum(r.jobValue) && r.jobValue > 0)) {
            columns.push(numberColumn('jobValue', 'Job value', (r) => r.jobValue, 2));
          }
          makeTable(byId('table-reach'), { name: 'reach', columns, rows, sort: 'rank',
            empty: 'No reach to show: the network has no ego (give one to see who opens what).' });
        },
        introductions() {
          const rows = ranked(introductions);
          makeTable(byId('table-introductions'), {
            name: 'introductions', rows, sort: 'rank', empty: 'No introductions to suggest.',
            columns: [
              rankColumn, personColumn('a', 'Person', (r) => r.a), personColumn('b', 'Person', (r) => r.b),
              numberColumn('score', 'Score', (r) => r.score, 3), numberColumn('shared', 'Shared', (r) => r.shared, 0),
              { id: 'reasons', label: 'Why', value: (r) => list(r.reasons).map(text).join('; ') },
            ],
          });
        },
        brokers() {
          const rows = ranked(data.brokers).filter((r) => isPerson(r.person));
          makeTable(byId('table-brokers'), {
            name: 'brokers', rows, sort: 'rank', empty: 'No brokers to show.',
            columns: [
              rankColumn, personColumn('person', 'Person', (r) => r.person), companyColumn((r) => r.person),
              numberColumn('betweenness', 'Betweenness', (r) => r.betweenness, 4),
              numberColumn('constraint', 'Constraint', (r) => r.constraint, 3),
              numberColumn('effectiveSize', 'Effective size', (r) => r.effectiveSize, 1),
            ],
          });
        },
      };
      const tablesBuilt = new Set();

      // ---------------------------------------------------------------------------------------------
      // The side panel: a person or a box

      const panel = byId('panel');
      const panelTitle = byId('panel-title');
      const panelBody = byId('panel-body');
      const current = { person: -1, box: -1 };
      let returnFocus = null;

      function section(title, count) {
        const s = el('section');
        const h = el('h3', '', title);
        if (count !== undefined) h.append(' ', el('span', 'muted', `(${grouped(count)})`));
        s.append(h);
        return s;
      }

      function fact(dl, label, value, field) {
        if (value === '' || value === null || value === undefined) return;
        const dd = el('dd');
        dd.dataset.field = field;
        if (value instanceof Node) dd.append(value);
        else dd.textContent = text(value);
        dl.append(el('dt', '', label), dd);
      }

      /** The evidence of one tie of person `i`, as a table row object. */
      function tieRow(k, i) {
        const t = ties[k];
        return {
          other: t[0] === i ? t[1] : t[0],
          strength: isNum(t[2]) ? t[2] : null,
          cls: text(t[3]),
          how: Number.isInteger(t[4]) && t[4] >= 0 ? text(hows[t[4]]) : '',
          source: Number.isInteger(t[5]) && t[5] >= 0 ? text(sources[t[5]]) : '',
          last: text(t[6]),
          interactions: Number.isInteger(t[7]) && t[7] >= 0 ? t[7] : null,
          inferred: t[8] === 1,
        };
      }

      function tiesSection(i) {
        const rows = [];
        for (let j = tieStart[i]; j < tieStart[i + 1]; j++) rows.push(tieRow(tieIds[j], i));
        const s = section('Ties', rows.length);
        s.id = 'panel-ties';
        const host = el('div');
        s.append(host);
        makeTable(host, {
          name: 'ties', rows, sort: 'strength', desc: true, filterFrom: 12, empty: 'No ties on record.',
          columns: [
            { id: 'person', label: 'Person', value: (r) => nameOf(r.other), cell: (r) => {
              const cell = document.createDocumentFragment();
              const how = [r.how, r.source, r.inferred ? 'inferred' : 'observed'].filter(Boolean).join(' · ');
              const sub = el('span', 'sub', how);
              sub.title = how;
              cell.append(personButton(r.other), sub);
              return cell;
            } },
            numberColumn('strength', 'Strength', (r) => r.strength, 2),
            classColumn((r) => r.cls),
            { id: 'last', label: 'Last contact', value: (r) => r.last, cell: (r) => {
              const cell = document.createDocumentFragment();
              cell.append(r.last || '—');
              if (r.interactions !== null) {
                cell.append(el('span', 'sub', plural(r.interactions, 'interaction', 'interactions')));
              }
              return cell;
            } },
          ],
          rowAttrs: (r, tr) => {
            Object.assign(tr.dataset, {
              personId: idOf(r.other), strength: r.strength === null ? '' : String(r.strength), class: r.cls,
              how: r.how, source: r.source, last: r.last,
              interactions: r.interactions === null ? '' : String(r.interactions),
              inferred: r.inferred ? '1' : '0',
            });
          },
        });
        return s;
      }

      function peopleChips(indexes) {
        const wrap = el('div', 'chips');
        for (const j of indexes) if (isPerson(j)) wrap.append(personButton(j));
        return wrap;
      }

      function onlySection(i) {
        const only = own(data.only, String(i)) ? data.only[String(i)] : null;
        if (!only || !isNum(only.count) || only.count <= 0) return null;
        const s = section('Only they open', only.count);
        const who = plural(only.count, 'person', 'people');
        s.append(el('p', 'meta', `${who} two steps away whom no other contact of yours reaches.`));
        const shown = list(only.people).filter(isPerson);
        s.append(peopleChips(shown));
        if (only.count > shown.length) s.append(el('p', 'meta', `and ${grouped(only.count - shown.length)} more`));
        return s;
      }

      function chainsSection(i) {
        const chains = own(data.chains, String(i)) ? list(data.chains[String(i)]) : [];
        if (!chains.length) return null;
        const s = section('Strongest chains to them');
        const ol = el('ol', 'list');
        for (const c of chains) {
          const li = el('li');
          const line = el('div', 'chain');
          list(c.people).filter(isPerson).forEach((j, k) => {
            if (k) line.append(el('span', 'arrow', '→'));
            line.append(j === ego ? el('span', 'name', 'you') : personButton(j));
          });
          li.append(line, el('div', 'meta', 'strength ' + fixed(c.strength, 2)));
          if (c.sentence) li.append(el('p', '', c.sentence));
          ol.append(li);
        }
        s.append(ol);
        return s;
      }

      function introductionsSection(i) {
        const mine = introsOf.get(i) || [];
        if (!mine.length) return null;
        const s = section('Introductions', mine.length);
        const ol = el('ol', 'list');
        for (const k of mine.slice(0, 50)) {
          const r = introductions[k];
          const li = el('li');
          const line = el('div', 'chain');
          line.append(personButton(r.a), el('span', 'arrow', '↔'), personButton(r.b));
          const shared = plural(isNum(r.shared) ? r.shared : 0, 'shared contact', 'shared contacts');
          li.append(line, el('div', 'meta', `#${k + 1} · score ${fixed(r.score, 3)} · ${shared}`));
          const reasons = list(r.reasons);
          if (reasons.length) {
            const ul = el('ul', 'reasons');
            for (const x of reasons) ul.append(el('li', '', x));
            li.append(ul);
          }
          ol.append(li);
        }
        s.append(ol);
        if (mine.length > 50) {
          s.append(el('p', 'meta', `and ${grouped(mine.length - 50)} more in the Introductions tab`));
        }
        return s;
      }

      function copyCommand(code, b) {
        const done = (label) => {
          b.textContent = label;
          setTimeout(() => { b.textContent = 'Copy'; }, 1600);
        };
        const selectIt = () => {
          const range = document.createRange();
          range.selectNodeContents(code);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          done('Press Ctrl+C');
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(code.textContent).then(() => done('Copied'), selectIt);
        } else {
          selectIt();
        }
      }

      function planSection(i) {
        const actions = own(data.plan, String(i)) ? list(data.plan[String(i)]) : [];
        if (!actions.length) return null;
        const s = section('This week’s plan', actions.length);
        const ul = el('ul', 'list');
        for (const a of actions) {
          const li = el('li', 'action');
          const head = el('p');
          if (a.part) head.append(el('span', 'badge part', a.part));
          head.append(el('span', '', a.text));
          li.append(head);
          const evidence = list(a.evidence);
          if (evidence.length) {
            const ev = el('ul', 'reasons');
            for (const x of evidence) ev.append(el('li', '', x));
            li.append(ev);
          }
          if (a.command) {
            const cmd = el('div', 'cmd');
            const code = el('code', '', a.command);
            const b = button('btn', 'Copy', () => copyCommand(code, b));
            b.setAttribute('aria-label', 'Copy the command');
            cmd.append(code, b);
            li.append(cmd);
          }
          ul.append(li);
        }
        s.append(ul);
        return s;
      }

      /** Where person `i` is in the picture, with a button to show it. */
      function whereLine(i) {
        const ni = people[i].node;
        const p = el('p', 'where');
        if (!isNode(ni) || !nodeEls[ni]) {
          p.textContent = 'Not drawn in the picture (search and tables still reach them).';
          return p;
        }
        const n = nodes[ni];
        p.append(n.kind === 'box' ? `In the picture inside the box “${text(n.label)}”. `
          : 'Drawn in the picture. ');
        p.append(button('linkish', n.kind === 'box' ? 'Show the box' : 'Show in the picture', () => {
          selectTab('picture');
          centerOn(ni, legibleK());
        }));
        return p;
      }

      function renderPerson(i) {
        const p = people[i];
        panelTitle.textContent = nameOf(i);
        const parts = [];
        const role = [text(p.title), text(p.company)].filter(Boolean).join(' at ');
        if (role) parts.push(el('p', 'lead', role));
        const badges = el('div', 'badges');
        if (i === ego) {
          badges.append(el('span', 'badge t-you', 'you'));
        } else if (ego >= 0) {
          badges.append(classBadge(typeof p.class === 'string' ? p.class : null));
          if (isNum(p.strength)) badges.append(el('span', 'badge', 'strength ' + p.strength.toFixed(2)));
          if (typeof p.class === 'string') badges.append(el('span', 'badge', p.inferred ? 'inferred' : 'observed'));
          if (isNum(p.distance) && p.distance > 0) {
            badges.append(el('span', 'badge', plural(p.distance, 'step', 'steps') + ' away'));
          } else if (ego >= 0 && !isNum(p.distance)) {
            badges.append(el('span', 'badge', 'not reachable from you'));
          }
        }
        parts.push(badges);
        const dl = el('dl', 'facts');
        fact(dl, 'Company', text(p.company), 'company');
        fact(dl, 'Title', text(p.title), 'title');
        fact(dl, 'Industry', text(p.industry), 'industry');
        fact(dl, 'Location', text(p.location), 'location');
        const tags = tagsOf(i).filter(Boolean);
        if (tags.length) {
          const chips = el('div', 'chips');
          for (const t of tags) {
            const b = button('chip', t, () => setFilter('tag', t));
            b.title = 'Show only people tagged ' + t + ' in the picture';
            chips.append(b);
          }
          fact(dl, 'Tags', chips, 'tags');
        }
        const community = Number.isInteger(p.community) ? communities[p.community] : null;
        if (community) fact(dl, 'Community', text(community.label), 'community');
        fact(dl, 'Id', idOf(i), 'id');
        parts.push(dl);
        parts.push(whereLine(i));
        if (text(p.company)) {
          const actions = el('div', 'actions');
          const company = text(p.company);
          actions.append(button('btn', 'Show their company in the picture', () => setFilter('company', company)));
          parts.push(actions);
        }
        for (const s of [planSection(i), tiesSection(i), onlySection(i), chainsSection(i), introductionsSection(i)]) {
          if (s) parts.push(s);
        }
        panelBody.replaceChildren(...parts);
      }

      function renderBox(ni) {
        const n = nodes[ni];
        const members = list(n.members).filter(isPerson);
        panelTitle.textContent = text(n.label) || 'Box';
        const s = section('Members', members.length);
        s.id = 'panel-members';
        const host = el('div');
        s.append(host);
        makeTable(host, {
          name: 'members', rows: members, sort: 'strength', desc: true, filterFrom: 12,
          columns: [
            personColumn('person', 'Person', (m) => m), companyColumn((m) => m),
            classColumn((m) => people[m].class), numberColumn('strength', 'Strength', (m) => people[m].strength, 2),
          ],
          rowAttrs: (m, tr) => { tr.dataset.personId = idOf(m); },
        });
        const who = plural(members.length, 'person', 'people');
        panelBody.replaceChildren(el('p', 'lead', `A box in the picture for ${who} not drawn one by one.`), s);
      }

      function showPanel(origin) {
        if (origin) returnFocus = origin;
        panel.hidden = false;
        panelBody.scrollTop = 0;
      }

      /** Opens person `i` in the panel; `opts.reveal` pans the picture to them. */
      function openPerson(i, opts = {}) {
        if (!isPerson(i)) return;
        current.person = i;
        current.box = -1;
        renderPerson(i);
        showPanel(opts.origin);
        const ni = people[i].node;
        highlightNode(ni);
        if (opts.reveal && isNode(ni) && nodeEls[ni] && currentTab === 'picture') ensureVisible(ni);
        if (!opts.fromHash) writeHash(true);
        announce('Opened ' + nameOf(i));
      }

      function openBox(ni, opts = {}) {
        current.person = -1;
        current.box = ni;
        renderBox(ni);
        showPanel(opts.origin);
        highlightNode(ni);
        writeHash(false);
        announce('Opened ' + text(nodes[ni].label));
      }

      function closePanel(opts = {}) {
        if (panel.hidden) return;
        panel.hidden = true;
        current.person = -1;
        current.box = -1;
        highlightNode(-1);
        if (!opts.fromHash) writeHash(false);
        if (returnFocus && returnFocus.isConnected) returnFocus.focus();
        returnFocus = null;
      }

      // ---------------------------------------------------------------------------------------------
      // Tabs and the URL fragment (#person=ID&tab=NAME)

      let currentTab = 'picture';

      function selectTab(name, opts = {}) {
        if (!TABS.includes(name)) return;
        currentTab = name;
        for (const t of TABS) {
          const tab = byId('tab-' + t);
          tab.setAttribute('aria-selected', t === name ? 'true' : 'false');
          tab.tabIndex = t === name ? 0 : -1;
          byId('view-' + t).hidden = t !== name;
        }
        if (name !== 'picture' && !tablesBuilt.has(name)) {
          tablesBuilt.add(name);
          tableBuilders[name]();
        }
        if (name === 'picture' && view.needsFit) home();
        if (!opts.fromHash) writeHash(false);
      }

      function wireTabs() {
        const tablist = document.querySelector('[role="tablist"]');
        tablist.addEventListener('click', (e) => {
          const tab = e.target.closest('[role="tab"]');
          if (tab) selectTab(tab.id.slice(4));
        });
        tablist.addEventListener('keydown', (e) => {
          const k = TABS.indexOf(currentTab);
          const next = { ArrowRight: k + 1, ArrowLeft: k - 1 + TABS.length, Home: 0, End: TABS.length - 1 }[e.key];
          if (next === undefined) return;
          e.preventDefault();
          selectTab(TABS[next % TABS.length]);
          byId('tab-' + currentTab).focus();
        });
      }

      /** The fragment's key=value pairs; a part that does not decode is ignored (an invalid link). */
      function readHash() {
        const out = new Map();
        for (const part of location.hash.replace(/^#/, '').split('&')) {
          const eq = part.indexOf('=');
          if (eq < 1) continue;
          try {
            out.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)));
          } catch (err) {
            if (!(err instanceof URIError)) throw err; // a malformed %-escape: not a link we made
          }
        }
        return out;
      }

      function fragment() {
        const parts = [];
        if (current.person >= 0) parts.push('person=' + encodeURIComponent(idOf(current.person)));
        if (currentTab !== 'picture') parts.push('tab=' + currentTab);
        return parts.join('&');
      }

      /** Puts the view in the fragment: a new history entry for a new person, else in place. */
      function writeHash(push) {
        const frag = fragment();
        if (location.hash.replace(/^#/, '') === frag) return;
        if (push) location.hash = frag;
        else if (frag) location.replace('#' + frag);
        else history.replaceState(history.state, '', location.pathname + location.search); // no bare '#'
      }

      /** Opens the view the fragment names (on load, on hashchange: links, back and forward). */
      function applyHash() {
        const h = readHash();
        const tab = h.get('tab');
        selectTab(TABS.includes(tab) ? tab : 'picture', { fromHash: true });
        const i = h.has('person') ? personById.get(h.get('person')) : undefined;
        if (i !== undefined) {
          if (i !== current.person) openPerson(i, { fromHash: true, reveal: true });
        } else if (current.person >= 0) {
          closePanel({ fromHash: true });
        }
      }

      // ---------------------------------------------------------------------------------------------
      // Wiring and start

      const live = byId('live');
      function announce(message) {
        live.textContent = message;
      }

      function wireDocument() {
        document.addEventListener('click', (e) => {
          const b = e.target.closest('button.person');
          if (!b) return;
          const i = personById.get(b.dataset.personId);
          if (i !== undefined) openPerson(i, { reveal: true, origin: b });
        });
        document.addEventListener('keydown', (e) => {
          const menu = byId('f-class-menu');
          if (e.key === 'Escape' && menu.open) {
            menu.open = false;
            byId('f-class-toggle').focus();
          } else if (e.key === 'Escape' && !panel.hidden) {
            closePanel();
          } else if (e.key === '/' && !e.target.closest('input, select, textarea')) {
            e.preventDefault();
            searchBox.focus();
            searchBox.select();
          }
        });
        byId('panel-close').addEventListener('click', () => closePanel());
        window.addEventListener('hashchange', applyHash);
      }

      function start() {
        byId('title').textContent = text(data.title) || 'Network';
        byId('subtitle').textContent = text(data.subtitle);
        drawPicture();
        fillLegend();
        buildFilters();
        applyFilters();
        wireSearch();
        wirePointer();
        wireViewKeys();
        wireTabs();
        wireDocument();
        home();
        applyHash();
        window.liaisonReadyMs = performance.now();
        document.body.dataset.ready = '1';
      }

      start();
    })();
    """#
}
