import ArgumentParser
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

/// One file a command will write and what it holds, so that a known
/// extension that says otherwise (`-o picture.jpg` for SVG bytes) is refused
/// before any work (Guides/Output.md, "File names").
struct OutputFile {
  enum Content: String {
    case text, json, csv, svg, png, pdf, dot, graphml, gexf, html

    /// The extensions that name this content.
    var extensions: [String] {
      switch self {
      case .text: ["txt"]
      case .dot: ["dot", "gv"]
      case .html: ["html", "htm"]
      default: [rawValue]
      }
    }

    /// The name people know it by.
    var name: String { self == .text ? "a text table" : rawValue.uppercased() }
  }

  var path: String?
  var content: Content
  /// How the command is told to write something else (`--format png`), for the message.
  var otherwise: String?

  /// Extensions whose meaning is known: each names one content (or, for
  /// pictures Liaison does not write, none).
  static let known: [String: Content?] = {
    var table: [String: Content?] = ["jpg": nil, "jpeg": nil, "gif": nil, "webp": nil, "tsv": nil, "xml": nil]
    for c in [Content.text, .json, .csv, .svg, .png, .pdf, .dot, .graphml, .gexf, .html] {
      for e in c.extensions { table[e] = c }
    }
    return table
  }()

  /// Refuses (exit 2) a regular file whose known extension names other
  /// content. Standard output, devices and unknown extensions pass.
  func check(force: Bool) throws {
    guard !force, let path, path != "-" else { return }
    var st = stat()
    if stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG { return }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return }
    let ext = name[name.index(after: dot)...].lowercased()
    guard let said = Self.known[ext], said != content else { return }
    let stem = String(path.dropLast(ext.count))
    var fixes = ["name it \(stem)\(content.extensions[0])"]
    if let otherwise { fixes.append(otherwise) }
    fixes.append("add --force-extension to keep the name")
    Terminal.error(
      "\(path): the extension .\(ext) says \(said.map(\.name) ?? ext.uppercased()), but this writes \(content.name); "
        + fixes.joined(separator: ", or "))
    throw ExitCode(LiaisonCommand.Exit.usage.rawValue)
  }
}

extension OutputFormat {
  var content: OutputFile.Content {
    switch self {
    case .table: .text
    case .json: .json
    case .csv: .csv
    }
  }
}

extension PictureFormat {
  var content: OutputFile.Content {
    switch self {
    case .svg: .svg
    case .png: .png
    case .pdf: .pdf
    case .dot: .dot
    }
  }
}

extension ExportFormat {
  var content: OutputFile.Content {
    switch self {
    case .graphml: .graphml
    case .gexf: .gexf
    case .json, .jsonLinks: .json
    case .csv, .gephiCSV, .neo4j: .csv
    case .dot: .dot
    }
  }
}
