import ArgumentParser
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#endif

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the network for Gephi, networkx, igraph or Neo4j: GraphML, GEXF, JSON, CSV or DOT.",
    discussion: """
      Every person attribute (name, email, company, title, industry, location, tags, profile URL, \
      degree) and every tie's evidence (strength, whether it was rated, class, interactions, last \
      contact, since, kind, source file, inferred and confidence) is written. Files are written \
      atomically; text is escaped for its format, and CSV cells that a spreadsheet would run as \
      a formula (starting with = + - @ TAB CR) get a leading '.

        graphml  networkx.read_graphml, igraph Graph.Read_GraphML, Gephi, yEd
        gexf     Gephi (edge weight = strength)
        json     networkx node-link: json_graph.node_link_graph(data, edges="links")
        csv      two files, F-people.csv and F-ties.csv (Gephi spreadsheet import, Neo4j LOAD CSV)
        dot      Graphviz

      Examples:
        liaison export datasets/network/people.csv datasets/network/ties.csv --to graphml --output network.graphml
        liaison export people.csv ties.csv --to csv --output neo4j/network.csv
        liaison export ties.csv --to json --output network.json
        liaison export ties.csv --to graphml | gzip > network.graphml.gz   (standard output without -o)
      """)

  @OptionGroup var input: InputOptions

  @Option(help: "graphml, gexf, json, csv or dot.")
  var to: ExportFormat

  @Option(
    name: .shortAndLong,
    help: "The file to write (csv: the prefix of two files); default: standard output (not for csv).")
  var output: String = "-"

  func validate() throws {
    if to == .csv && output == "-" {
      throw ValidationError("--to csv writes two files (PREFIX-people.csv and PREFIX-ties.csv): give -o PREFIX.")
    }
  }

  func run() throws {
    let paths =
      to == .csv ? [GraphExport.csvPaths(for: output).people, GraphExport.csvPaths(for: output).ties] : [output]
    let g = try input.load(
      writing: paths.map { OutputFile(path: $0, content: to.content, otherwise: "choose another --to") }
    ).graph
    let start = Clock.now()
    do {
      try GraphExport.write(g, as: to, to: output, classifier: input.classifier)
    } catch {
      throw OutputFailure.report(error)
    }
    if getenv("LIAISON_TIMINGS") != nil { Terminal.note("export \(to.rawValue): \(fixed(Clock.now() - start, 3)) s") }
    let files =
      to == .csv
      ? "\(GraphExport.csvPaths(for: output).people) and \(GraphExport.csvPaths(for: output).ties)"
      : (output == "-" ? "standard output" : output)
    Terminal.note(
      "wrote \(TextFormat.count(g.personCount, "person", plural: "people")) and \(TextFormat.count(g.tieCount, "tie")) to \(files)"
    )
  }
}
