import GraphCore
import GraphIO

/// What the suites of network-file readers share: loading text written to
/// temporary files, finding a person or tie by id, and a real-data file.
public protocol NetworkFileSuite {}

extension NetworkFileSuite {
  /// Loads `files` (name, text) written to a new temporary folder, each as `format` (detected when nil).
  public func load(_ files: [(String, String)], as format: InputFormat? = nil) throws -> LoadedNetwork {
    let tmp = TempFolder()
    defer { tmp.cleanUp() }
    return try NetworkLoader.load(files.map { InputSpec(path: tmp.write($0.0, $0.1), format: format) })
  }

  /// Loads `text` written to a file named `name`.
  public func load(_ text: String, name: String = "f.txt", as format: InputFormat? = nil) throws -> LoadedNetwork {
    try load([(name, text)], as: format)
  }

  /// The person whose id is `id`. O(V).
  public func person(_ g: Graph, _ id: String) -> PersonID? {
    (0..<g.personCount).first { g.people.id(of: PersonID($0)) == id }.map { PersonID($0) }
  }

  /// The tie between the people with ids `a` and `b`.
  public func tie(_ g: Graph, _ a: String, _ b: String) -> Int? {
    guard let u = person(g, a), let v = person(g, b) else { return nil }
    return g.tieID(between: u, and: v)
  }

  /// A file of the real-data folder, or nil (with a note) when it is absent.
  public func real(_ relative: String) -> String? {
    let p = SharedData.path("datasets/real/" + relative)
    if p == nil { print("skipped: real-data file \(relative) is not present") }
    return p
  }
}
