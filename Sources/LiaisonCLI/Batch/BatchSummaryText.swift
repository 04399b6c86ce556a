import GraphCore

/// What `liaison demo` prints once the report is written: the merged
/// network's counts, each member's reach, the warmest path to each target and
/// the top broker (names neutralised for the terminal), then where to look next.
enum BatchSummaryText {
  static func demo(_ s: BatchSummary, folder: String) -> String {
    var out = ""
    out +=
      "The merged network: \(TextFormat.count(s.people, "person", plural: "people")), \(TextFormat.count(s.ties, "tie")) (\(grouped(s.tieClasses["strong"] ?? 0)) strong, "
      + "\(grouped(s.tieClasses["weak"] ?? 0)) weak, \(grouped(s.tieClasses["dormant"] ?? 0)) dormant, \(grouped(s.inferredTies)) inferred).\n"
      + "\n"
    var t = TextTable(
      ["member", "contacts", "2nd degree", "only via weak ties", "cover 80 %", "dormant"],
      rightAligned: [1, 2, 3, 4, 5])
    for m in s.members {
      t.add([
        m.person.name, grouped(m.contacts), grouped(m.secondDegree), grouped(m.weakOnlyReach), grouped(m.cover),
        grouped(m.dormant),
      ])
    }
    out += t.render() + "\n"
    for target in s.team.targets {
      if let b = target.best {
        out +=
          Terminal.safe(
            "Warmest path to \(target.target): \(b.people.map(\.name).joined(separator: " → ")) (strength \(fixed(b.strength, 3)))"
          ) + "\n"
      } else {
        out += Terminal.safe("No warm path to \(target.target): \(target.note ?? "")") + "\n"
      }
    }
    if let top = s.team.brokers.people.first, let b = top.betweenness {
      out +=
        Terminal.safe("Top broker of the merged network: \(top.name) (\(top.company)), betweenness \(fixed(b, 3)).")
        + "\n"
    }
    out += """

      Open the report: \(folder)/index.html   (offline, no script; summary.json and CSV tables beside it)

      More on the same data (each command has --help):
        liaison reach       who opens the most non-redundant reach, the 80 % cover, dormant ties
        liaison path        the strongest introduction chains to a person or company
        liaison introduce   pairs of your contacts who should meet, with reasons
        liaison brokers     who holds the network together (betweenness, Burt, Gould–Fernandez)
        liaison render      every answer drawn through Graphviz as SVG
        liaison batch       any folder of exports into a report like this one
      """ + "\n"
    return out
  }
}
