import GraphCore

/// The two-file table exports: Liaison's own CSV, Gephi's spreadsheet import and
/// Neo4j's bulk importer. One writer serves all three; they differ in file
/// names, header spellings, whether headers carry types, and the formula guard.
extension GraphExport {
  /// The layout of a two-file table export.
  enum TableLayout {
    /// `id,name,…` and `source,target,strength,…`: what `liaison` reads back.
    case liaison
    /// Gephi's spreadsheet import: `Id,Label,…` and `Source,Target,Type,Weight,…`.
    case gephi
    /// `neo4j-admin database import`: typed headers (`personId:ID(Person)`,
    /// `:START_ID(Person)`, `strength:double`, `email:string[]`, …), one
    /// `:LABEL` and one `:TYPE` column, no formula guard.
    case neo4j

    /// Neo4j's type for one of Liaison's column types (`string` is the default and left out).
    static func neo4jType(_ column: String, _ type: String) -> String {
      switch (column, type) {
      case ("email", _), ("tags", _): ":string[]"
      case ("lastContact", _), ("since", _): ":date"
      case (_, "int"): ":int"
      case (_, "double"): ":double"
      case (_, "boolean"): ":boolean"
      default: ""
      }
    }
  }

  /// The optional columns that hold a value for at least one person or tie,
  /// so that a CSV export leaves out columns that would be empty everywhere
  /// (a database sniffing an all-empty column can only call it text).
  /// - Complexity: O(V + E), stopping early once every column is seen.
  static func presentColumns(_ g: Graph) -> Set<String> {
    var seen: Set<String> = []
    let people = g.people
    let personOptional = 7
    for p in 0..<PersonID(g.personCount) where seen.count < personOptional {
      if people.emails(of: p).contains(where: { !$0.isEmpty }) { seen.insert("email") }
      if !people.company(of: p).isEmpty { seen.insert("company") }
      if !people.title(of: p).isEmpty { seen.insert("title") }
      if !people.industry(of: p).isEmpty { seen.insert("industry") }
      if !people.location(of: p).isEmpty { seen.insert("location") }
      if people.tags(of: p).contains(where: { !$0.isEmpty }) { seen.insert("tags") }
      if !people.profileURL(of: p).isEmpty { seen.insert("url") }
    }
    let ties = g.ties
    var tieSeen: Set<String> = []
    let tieOptional = 8
    for t in 0..<g.tieCount where tieSeen.count < tieOptional {
      if ties.interactions(t) != nil { tieSeen.insert("interactions") }
      if ties.interactionsOut(t) != nil { tieSeen.insert("interactionsOut") }
      if ties.interactionsIn(t) != nil { tieSeen.insert("interactionsIn") }
      if ties.lastContact(t) != nil { tieSeen.insert("lastContact") }
      if ties.since(t) != nil { tieSeen.insert("since") }
      if ties.kind(t) != nil { tieSeen.insert("kind") }
      if ties.source(t) != nil { tieSeen.insert("sourceFile") }
      if ties.confidence(t) != nil { tieSeen.insert("confidence") }
    }
    return seen.union(tieSeen)
  }

  /// Columns every table export writes, whatever the data.
  static let alwaysPresent: Set<String> = ["name", "degree", "strength", "rated", "tieClass", "inferred"]

  /// Writes the people file and the ties file of a table export.
  ///
  /// - `guardFormulas`: text cells a spreadsheet would run as a formula get a
  ///   leading `'` (`CSVEscaping.field`); Neo4j's layout never guards.
  /// - Complexity: O(V + E + text length) time, O(1) extra memory.
  static func writeTables(
    _ g: Graph, layout: TableLayout, people pw: AtomicFileWriter, ties tw: AtomicFileWriter,
    classifier: TieClassifier, guardFormulas: Bool
  ) {
    let guarded = guardFormulas && layout != .neo4j
    let arrays = layout == .neo4j ? neo4jArrayDelimiter(g) : ";"
    // Neo4j's headers are typed, so an empty column keeps its type: every column is written.
    let present = layout == .neo4j ? nil : presentColumns(g).union(alwaysPresent)
    let personCols = personColumns.filter { present?.contains($0.0) ?? true }
    let tieCols = tieColumns.filter { present?.contains($0.0) ?? true }
    func text(_ s: String) -> String { CSVEscaping.field(s, neutralizeFormulas: guarded) }

    var head: [String]
    switch layout {
    case .liaison: head = ["id"] + personCols.map(\.0)
    case .gephi: head = ["Id", "Label"] + personCols.map(\.0).filter { $0 != "name" }
    case .neo4j:
      head = ["personId:ID(Person)"] + personCols.map { $0.0 + TableLayout.neo4jType($0.0, $0.1) } + [":LABEL"]
    }
    pw.write(head.joined(separator: ",") + "\n")
    for p in 0..<PersonID(g.personCount) {
      let fields = Dictionary(uniqueKeysWithValues: personFields(g, p))
      var row = [text(g.people.id(of: p))]
      for (k, _) in personCols {
        switch k {
        case "degree": row.append("\(g.degree(of: p))")
        case "email" where arrays != ";":
          row.append(text(g.people.emails(of: p).filter { !$0.isEmpty }.joined(separator: arrays)))
        case "tags" where arrays != ";":
          row.append(text(g.people.tags(of: p).filter { !$0.isEmpty }.joined(separator: arrays)))
        default: row.append(text(fields[k] ?? ""))
        }
      }
      if layout == .neo4j { row.append("Person") }
      pw.write(row.joined(separator: ",") + "\n")
    }

    switch layout {
    case .liaison: head = ["source", "target"] + tieCols.map(\.0)
    case .gephi: head = ["Source", "Target", "Type", "Weight"] + tieCols.map(\.0)
    case .neo4j:
      head =
        [":START_ID(Person)", ":END_ID(Person)", ":TYPE"] + tieCols.map { $0.0 + TableLayout.neo4jType($0.0, $0.1) }
    }
    tw.write(head.joined(separator: ",") + "\n")
    forEachTie(g) { t, u, v, s in
      let fields = Dictionary(uniqueKeysWithValues: tieFields(g, t, u, v, s, classifier))
      var row = [text(g.people.id(of: u)), text(g.people.id(of: v))]
      switch layout {
      case .liaison: break
      case .gephi: row += ["Undirected", s.description]
      case .neo4j: row.append("KNOWS")
      }
      for (k, type) in tieCols {
        let x = fields[k] ?? ""
        row.append(type == "string" ? text(x) : x)
      }
      tw.write(row.joined(separator: ",") + "\n")
    }
  }

  /// The character between the elements of Neo4j's array cells (emails, tags):
  /// `;`, the importer's default, unless an email or tag holds one; then
  /// U+001F (the unit separator), which `neo4jImportCommand` names.
  /// - Complexity: O(V + text length).
  public static func neo4jArrayDelimiter(_ g: Graph) -> String {
    for p in 0..<PersonID(g.personCount)
    where g.people.emails(of: p).contains(where: { $0.contains(";") })
      || g.people.tags(of: p).contains(where: { $0.contains(";") })
    {
      return "\u{1F}"
    }
    return ";"
  }

  /// Characters `--to neo4j` refuses in its output prefix: the importer reads
  /// `--nodes=` as `[label=]file[,file…]` with file names as patterns.
  public static let neo4jUnsafeCharacters: Set<Character> = [
    "=", ",", "[", "]", "(", ")", "{", "}", "*", "+", "?", "^", "$", "|", "\\",
  ]

  /// The `neo4j-admin` command line that imports a `--to neo4j` export into a new
  /// database named `neo4j` (Neo4j 5.19 and later take the database name first;
  /// the database must not exist yet, and Neo4j must be stopped).
  /// `arrayDelimiter` is `neo4jArrayDelimiter`'s answer.
  public static func neo4jImportCommand(nodes: String, relationships: String, arrayDelimiter: String = ";") -> String {
    func arg(_ s: String) -> String {
      s.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
        ? s : "'" + s.replacing("'", with: "'\\''") + "'"
    }
    return "neo4j-admin database import full neo4j --nodes=\(arg(nodes)) --relationships=\(arg(relationships))"
      + " --multiline-fields=true" + (arrayDelimiter == ";" ? "" : " --array-delimiter=U+001F")
  }
}
