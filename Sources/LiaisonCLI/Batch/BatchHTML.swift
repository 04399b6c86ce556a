import GraphCore
import GraphRendering

/// `DIR/index.html` of `liaison batch`: one self-contained page (inline CSS,
/// no script, no external resource); every string from the data is escaped;
/// pictures are the report's own relative SVG files shown through `<img>`,
/// which never runs script even if one slipped into an SVG.
enum BatchHTML {
  /// Escapes text for HTML content and quoted attribute values (the one
  /// markup escaping of the pictures, `DOTText.htmlText`).
  static func escape(_ s: String) -> String { DOTText.htmlText(s) }

  /// A relative link to one of the report's own files (slugs are `[a-z0-9-]`).
  static func link(_ path: String) -> String {
    let safe = path.unicodeScalars.allSatisfy { u in
      (u.value >= 97 && u.value <= 122) || (u.value >= 48 && u.value <= 57) || u == "-" || u == "/" || u == "."
        || u == "_"
    }
    return safe && !path.contains("..") && !path.hasPrefix("/") ? escape(path) : "#"
  }

  static func number(_ n: Int) -> String { escape(grouped(n)) }

  static let style = """
    :root { --ink:#1d2430; --muted:#5b6575; --line:#dde2ea; --accent:#2459a8; --bg:#f6f7fa; --warn:#a33a1f; }
    * { box-sizing: border-box; }
    body { margin:0; font:15px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color:var(--ink); background:var(--bg); }
    header { background:#17325e; color:#fff; padding:22px 32px 18px; }
    header h1 { margin:0 0 4px; font-size:24px; font-weight:600; }
    header p { margin:0; color:#c9d6ee; }
    main { padding:8px 32px 40px; max-width:1320px; }
    section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin:18px 0; }
    h2 { font-size:18px; margin:0 0 10px; }
    h3 { font-size:15px; margin:14px 0 6px; }
    .cards { display:flex; flex-wrap:wrap; gap:10px; }
    .card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 16px; min-width:130px; }
    .card b { display:block; font-size:22px; font-weight:600; }
    .card span { color:var(--muted); font-size:13px; }
    table { border-collapse:collapse; width:100%; font-size:14px; }
    th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
    th { color:var(--muted); font-weight:600; font-size:13px; }
    td.n, th.n { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
    .chain { color:var(--ink); }
    .chain i { color:var(--muted); font-style:normal; padding:0 3px; }
    .muted { color:var(--muted); font-size:13px; }
    .fail { border-color:#e5b4a6; background:#fff7f4; }
    .fail h2 { color:var(--warn); }
    .grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(300px, 1fr)); gap:14px; }
    figure { margin:0; border:1px solid var(--line); border-radius:6px; padding:8px; background:#fff; }
    figure img { width:100%; height:260px; object-fit:contain; display:block; }
    figure.wide img { height:auto; max-height:640px; }
    figcaption { font-size:13px; color:var(--muted); margin-top:4px; }
    a { color:var(--accent); text-decoration:none; }
    a:hover { text-decoration:underline; }
    footer { color:var(--muted); font-size:12px; padding:0 32px 24px; }
    """

  /// The whole page: one section per part of the summary, in reading order.
  static func page(_ s: BatchSummary) -> String {
    var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    h += "<title>Liaison team report</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
    h += "<header><h1>Team report</h1><p>\(s.members.count) member\(s.members.count == 1 ? "" : "s"), "
    h += "\(number(s.inputs.analysed)) input file\(s.inputs.analysed == 1 ? "" : "s") merged into one network"
    h += s.inputs.failed > 0 ? ", \(s.inputs.failed) could not be read" : ""
    h += ". Made offline by Liaison; nothing here was sent anywhere.</p></header>\n<main>\n"
    h += networkSection(s) + failuresSection(s) + targetsSection(s) + membersSection(s) + overlapsSection(s)
    h += introductionsSection(s) + brokersSection(s) + filesSection(s)
    return h
  }

  /// The counts of `liaison stats` and the report's notes.
  static func networkSection(_ s: BatchSummary) -> String {
    var h = ""
    // Counts (the same as `liaison stats`).
    h += "<section><h2>The merged network</h2><div class=\"cards\">"
    /// A count and its noun, singular for exactly one.
    func card(_ n: Int, _ singular: String, _ plural: String? = nil, after: String = "") -> String {
      "<div class=\"card\"><b>\(number(n))</b><span>\(escape(TextFormat.noun(n, singular, plural: plural) + after))</span></div>"
    }
    h += card(s.people, "person", "people")
    h += card(s.ties, "tie")
    for c in ["strong", "weak", "dormant"] {
      let n = s.tieClasses[c] ?? 0
      h += card(n, "\(c) tie")
    }
    h += card(s.inferredTies, "inferred tie")
    h += card(s.components, "component")
    h += card(s.team.uniqueContacts, "person", "people", after: " the team knows")
    h += "</div>"
    if let id = s.stats.identity {
      h +=
        "<p class=\"muted\">\(escape(TextFormat.count(id.contactRecords, "contact record"))); \(number(id.merged)) merged into people already known "
      h +=
        "(\(number(id.mergedByProfileURL)) by profile URL, \(number(id.mergedByEmail)) by email, \(number(id.mergedByNameAndCompany)) by name and company); "
      h +=
        "\(escape(TextFormat.count(id.peopleInSeveralExports, "person", plural: "people"))) \(id.peopleInSeveralExports == 1 ? "appears" : "appear") in several members' exports.</p>"
    }
    for n in s.notes { h += "<p class=\"muted\">\(escape(n))</p>" }
    h += "</section>\n"
    return h
  }

  /// Inputs set aside, with the reason.
  static func failuresSection(_ s: BatchSummary) -> String {
    var h = ""
    if !s.failures.isEmpty {
      h += "<section class=\"fail\"><h2>Inputs that could not be read</h2><p>The rest was analysed without them.</p>"
      h += "<table><tr><th>file</th><th class=\"n\">line</th><th>reason</th></tr>"
      for f in s.failures {
        h +=
          "<tr><td>\(escape(f.file))</td><td class=\"n\">\(f.line > 0 ? "\(f.line)" : "")</td><td>\(escape(f.reason))"
        h += f.hint.map { " <span class=\"muted\">(\(escape($0)))</span>" } ?? ""
        h += "</td></tr>"
      }
      h += "</table></section>\n"
    }
    return h
  }

  /// Warm paths to each target, and their pictures.
  static func targetsSection(_ s: BatchSummary) -> String {
    var h = ""
    // Targets.
    if !s.team.targets.isEmpty {
      h += "<section><h2>Warm paths to the targets</h2>"
      h +=
        "<table><tr><th>target</th><th>best member</th><th>chain</th><th class=\"n\">strength</th><th class=\"n\">hops</th><th class=\"n\">members with a path</th></tr>"
      for t in s.team.targets {
        h +=
          "<tr><td>\(escape(t.target))<br><span class=\"muted\">\(escape(t.kind)), \(number(t.people)) \(t.people == 1 ? "person" : "people")</span></td>"
        if let b = t.best {
          h +=
            "<td>\(escape(b.people.first?.name ?? b.member))</td><td class=\"chain\">"
            + b.people.map { escape($0.name) }.joined(separator: "<i>→</i>")
            + "<br><span class=\"muted\">\(escape(b.sentence))</span></td>"
          h +=
            "<td class=\"n\">\(fixed(b.strength, 3))</td><td class=\"n\">\(b.hops)</td><td class=\"n\">\(t.members.count)</td>"
        } else {
          h += "<td colspan=\"5\" class=\"muted\">\(escape(t.note ?? "no path"))</td>"
        }
        h += "</tr>"
      }
      h += "</table>"
      let pictures = s.team.targets.filter { $0.picture != nil }
      if !pictures.isEmpty {
        h += "<h3>The best chains, drawn</h3><div class=\"grid\">"
        for t in pictures {
          h +=
            "<figure><a href=\"\(link(t.picture!))\"><img src=\"\(link(t.picture!))\" alt=\"chains to \(escape(t.target))\"></a>"
          h += "<figcaption>\(escape(t.target)): the strongest chains of up to three members</figcaption></figure>"
        }
        h += "</div>"
      }
      h +=
        "<p class=\"muted\">Every member's chain to every target: <a href=\"targets.csv\">targets.csv</a>.</p></section>\n"
    }
    return h
  }

  /// Each member's reach, and their pictures.
  static func membersSection(_ s: BatchSummary) -> String {
    var h = ""
    // Members.
    if !s.members.isEmpty {
      h +=
        "<section><h2>Members</h2><table><tr><th>member</th><th class=\"n\">contacts</th><th class=\"n\">2nd degree</th>"
      h +=
        "<th class=\"n\">only via weak ties</th><th class=\"n\">cover 80 %</th><th class=\"n\">dormant</th><th>revive first</th><th>introduce</th><th>files</th></tr>"
      for m in s.members {
        h += "<tr><td><b>\(escape(m.person.name.isEmpty ? m.owner : m.person.name))</b>"
        h += m.company.isEmpty ? "" : "<br><span class=\"muted\">\(escape(m.company))</span>"
        h += "</td><td class=\"n\">\(number(m.contacts))</td><td class=\"n\">\(number(m.secondDegree))</td>"
        h +=
          "<td class=\"n\">\(number(m.weakOnlyReach))</td><td class=\"n\">\(number(m.cover))</td><td class=\"n\">\(number(m.dormant))</td>"
        h += "<td>\(m.topDormant.map { escape($0.name) }.joined(separator: ", "))</td>"
        h += "<td>\(m.topIntroductions.prefix(2).map { escape($0) }.joined(separator: "<br>"))</td>"
        h += "<td><a href=\"\(link(m.details))\">json</a> · <a href=\"\(link(m.table))\">csv</a>"
        h += m.picture.map { " · <a href=\"\(link($0))\">svg</a>" } ?? ""
        h += m.explorer.map { " · <a href=\"\(link($0))\"><b>explore</b></a>" } ?? ""
        if let plan = m.plan {
          h += " · <a href=\"\(link(plan))\">this week's plan</a>"
          h += (m.planActions ?? []).map { "<br><span class=\"muted\">☐ \(escape($0))</span>" }.joined()
        }
        h += "</td></tr>"
      }
      h +=
        "</table><p class=\"muted\">cover 80 %: at most this many contacts open 80 % of the member's second-degree reach (greedy). "
      h += "All members: <a href=\"members.csv\">members.csv</a>.</p></section>\n"

      let drawn = s.members.filter { $0.picture != nil }
      if !drawn.isEmpty {
        h += "<section><h2>Members' networks</h2><div class=\"grid\">"
        for m in drawn {
          let target = m.explorer ?? m.picture!
          h +=
            "<figure><a href=\"\(link(target))\"><img src=\"\(link(m.picture!))\" alt=\"network of \(escape(m.person.name))\" loading=\"lazy\"></a>"
          h +=
            "<figcaption>\(escape(m.person.name.isEmpty ? m.owner : m.person.name)) — \(escape(TextFormat.count(m.contacts, "contact")))</figcaption></figure>"
        }
        h += "</div></section>\n"
      }
    }
    return h
  }

  /// Pairs of members who share contacts.
  static func overlapsSection(_ s: BatchSummary) -> String {
    var h = ""
    // Overlaps.
    if !s.team.overlaps.isEmpty {
      h +=
        "<section><h2>Overlaps between members</h2><table><tr><th>member</th><th>member</th><th class=\"n\">shared contacts</th><th class=\"n\">Jaccard</th><th>tied</th></tr>"
      for o in s.team.overlaps.prefix(20) {
        h += "<tr><td>\(escape(o.a))</td><td>\(escape(o.b))</td><td class=\"n\">\(number(o.sharedContacts))</td>"
        h += "<td class=\"n\">\(fixed(o.jaccard, 3))</td><td>\(o.tied ? "yes" : "")</td></tr>"
      }
      h +=
        "</table><p class=\"muted\">\(escape(TextFormat.count(s.team.overlapsListed, "pair"))) in <a href=\"overlaps.csv\">overlaps.csv</a>.</p></section>\n"
    }
    return h
  }

  /// Introductions across the merged network.
  static func introductionsSection(_ s: BatchSummary) -> String {
    var h = ""
    // Introductions.
    let intro = s.team.introductions.candidates
    if !intro.isEmpty {
      h +=
        "<section><h2>Introductions across the network</h2><table><tr><th>introduce</th><th>to</th><th class=\"n\">Adamic–Adar</th><th class=\"n\">shared contacts</th><th>why</th></tr>"
      for c in intro.prefix(15) {
        h +=
          "<tr><td>\(escape(c.a.name))</td><td>\(escape(c.b.name))</td><td class=\"n\">\(fixed(c.adamicAdar, 2))</td>"
        h +=
          "<td class=\"n\">\(c.commonContacts)</td><td class=\"muted\">\(escape(c.reasons.joined(separator: "; ")))</td></tr>"
      }
      h +=
        "</table><p class=\"muted\">More in <a href=\"introductions.csv\">introductions.csv</a>; each member's own in their json.</p></section>\n"
    }
    return h
  }

  /// The brokers table and picture.
  static func brokersSection(_ s: BatchSummary) -> String {
    var h = ""
    // Brokers.
    let brokers = s.team.brokers.people
    if !brokers.isEmpty {
      h +=
        "<section><h2>Brokers</h2><table><tr><th class=\"n\">#</th><th>person</th><th>company</th><th class=\"n\">betweenness</th>"
      h += "<th class=\"n\">constraint</th><th class=\"n\">effective size</th><th class=\"n\">contacts</th></tr>"
      for p in brokers.prefix(15) {
        h += "<tr><td class=\"n\">\(p.rank)</td><td>\(escape(p.name))</td><td>\(escape(p.company))</td>"
        h += "<td class=\"n\">\(p.betweenness.map { fixed($0, 4) } ?? "")</td>"
        h += "<td class=\"n\">\(p.constraint.map { fixed($0, 3) } ?? "–")</td>"
        h +=
          "<td class=\"n\">\(p.effectiveSize.map { fixed($0, 1) } ?? "–")</td><td class=\"n\">\(number(p.contacts))</td></tr>"
      }
      h += "</table>"
      if let pic = s.team.brokersPicture {
        h +=
          "<figure class=\"wide\"><a href=\"\(link(pic))\"><img src=\"\(link(pic))\" alt=\"brokers of the network\"></a>"
        h += "<figcaption>The merged network with its brokers named</figcaption></figure>"
      }
      let method = s.team.brokers.betweennessMethod?.method ?? "Betweenness not computed"
      h += "<p class=\"muted\">\(escape(method)). All: <a href=\"brokers.csv\">brokers.csv</a>.</p></section>\n"
    }
    return h
  }

  /// The report's files and each input's import counts; closes the page.
  static func filesSection(_ s: BatchSummary) -> String {
    var h = ""
    // Files.
    h +=
      "<section><h2>Files</h2><p><a href=\"summary.json\">summary.json</a> (the counts of <code>liaison stats</code>, members, targets, inputs)"
    for f in ["members.csv", "overlaps.csv", "targets.csv", "introductions.csv", "brokers.csv"] {
      h += " · <a href=\"\(f)\">\(f)</a>"
    }
    h +=
      "</p><table><tr><th>input</th><th>format</th><th>owner</th><th class=\"n\">rows</th><th class=\"n\">imported</th><th class=\"n\">merged</th><th class=\"n\">rejected</th></tr>"
    for r in s.imports {
      h +=
        "<tr><td>\(escape(r.file))</td><td>\(escape(r.format))</td><td>\(escape(r.owner ?? ""))</td><td class=\"n\">\(number(r.rowsRead))</td>"
      h +=
        "<td class=\"n\">\(number(r.imported))</td><td class=\"n\">\(number(r.merged))</td><td class=\"n\">\(number(r.rejected))</td></tr>"
    }
    h +=
      "</table></section>\n</main>\n<footer>Liaison — weak-tie reach, broker paths and introductions, computed on this machine.</footer>\n</body>\n</html>\n"
    return h
  }
}
