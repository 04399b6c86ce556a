import ArgumentParser
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the network for Gephi, networkx, igraph, DuckDB or Neo4j: GraphML, GEXF, JSON, CSV or DOT.",
    discussion: """
      Every person attribute (name, email, company, title, industry, location, tags, profile URL, \
      degree) and every tie's evidence (strength, whether it was rated, class, interactions, last \
      contact, since, kind, source file, inferred and confidence) is written. Files are written \
      atomically and the names written are always printed. Text is escaped for its format; CSV \
      cells that a spreadsheet would run as a formula (starting with = + - @ TAB CR) get a \
      leading ' unless --raw-csv is given (Neo4j's files are always raw). CSV files leave out \
      columns that are empty for everyone, so a database can type every column it sees.

        graphml     networkx.read_graphml, igraph Graph.Read_GraphML, Gephi, yEd
        gexf        Gephi (edge weight = strength), networkx.read_gexf
        json        networkx node-link: json_graph.node_link_graph(data) (key "edges")
        json-links  the same with the older key "links" (node_link_graph(data, edges="links"))
        csv         PREFIX-people.csv and PREFIX-ties.csv (DuckDB, pandas; with --raw-csv, what
                    liaison reads back as it was)
        gephi-csv   PREFIX-nodes.csv (Id, Label, …) and PREFIX-edges.csv (Source, Target, Type, Weight, …)
        neo4j       PREFIX-nodes.csv and PREFIX-relationships.csv with typed headers for
                    neo4j-admin database import (the command line is printed)
        dot         Graphviz (URL = profile link)

      Examples:
        liaison export datasets/network/people.csv datasets/network/ties.csv --to graphml --output network.graphml
        liaison export people.csv ties.csv --to neo4j --output import/network
        liaison export people.csv ties.csv --to csv --raw-csv --output duckdb/network
        liaison export ties.csv --to graphml | gzip > network.graphml.gz   (standard output without -o)
      """)

  @OptionGroup var input: InputOptions

  @Option(help: "graphml, gexf, json, json-links, csv, gephi-csv, neo4j or dot.")
  var to: ExportFormat

  @Option(
    name: .shortAndLong,
    help: "The file to write (csv, gephi-csv, neo4j: the prefix of two files); default: standard output.")
  var output: String = "-"

  @Flag(help: "Write CSV cells as they are, without the spreadsheet formula guard (for databases).")
  var rawCSV = false

  func validate() throws {
    if to.isTwoFiles && output == "-" {
      let files = to.paths(for: "PREFIX").joined(separator: " and ")
      throw ValidationError("--to \(to.rawValue) writes two files (\(files)): give -o PREFIX.")
    }
    if to == .neo4j, let bad = output.first(where: GraphExport.neo4jUnsafeCharacters.contains) {
      throw ValidationError(
        "--to neo4j: the name '\(output)' holds '\(bad)', which neo4j-admin reads as part of its --nodes syntax; choose a plainer name."
      )
    }
    if rawCSV && !to.isTwoFiles {
      throw ValidationError("--raw-csv is for --to csv or gephi-csv (neo4j's files are always raw).")
    }
  }

  func run() throws {
    let paths = to.paths(for: output)
    let g = try input.load(
      writing: paths.map { OutputFile(path: $0, content: to.content, otherwise: "choose another --to") }
    ).graph
    let start = Clock.now()
    do {
      try GraphExport.write(g, as: to, to: output, classifier: input.classifier, guardFormulas: !rawCSV)
    } catch {
      throw OutputFailure.report(error)
    }
    if getenv("LIAISON_TIMINGS") != nil { Terminal.note("export \(to.rawValue): \(fixed(Clock.now() - start, 3)) s") }
    let people = TextFormat.count(g.personCount, "person", plural: "people")
    let ties = TextFormat.count(g.tieCount, "tie")
    if to.isTwoFiles {
      Terminal.note("wrote \(people) to \(paths[0]) and \(ties) to \(paths[1])")
    } else {
      Terminal.note("wrote \(people) and \(ties) to \(output == "-" ? "standard output" : output)")
    }
    if to == .neo4j {
      Terminal.note("import them into a new database (with Neo4j stopped; the database must not exist yet) with:")
      Terminal.note(
        "  "
          + GraphExport.neo4jImportCommand(
            nodes: paths[0], relationships: paths[1], arrayDelimiter: GraphExport.neo4jArrayDelimiter(g)))
    }
  }
}
