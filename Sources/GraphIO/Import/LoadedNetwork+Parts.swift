import GraphCore

extension LoadedNetwork {
  /// A network put together from parts kept elsewhere (the workspace's graph
  /// snapshot holds the graph and the reports of the load that made it).
  package init(
    graph: Graph, imports: [ImportReport], build: BuildReport, identity: IdentityReport?, skippedFiles: [SkippedFile]
  ) {
    self.graph = graph
    self.imports = imports
    self.build = build
    self.identity = identity
    self.skipped = skippedFiles
  }
}

extension IdentityReport.AmbiguousPair {
  package init(_ person: String, _ other: String) {
    self.person = person
    self.other = other
  }
}
