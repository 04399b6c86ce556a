#if canImport(Glibc)
  import Glibc
#endif

/// A fresh temporary folder for one test, removed by `cleanUp()`.
public struct TempFolder {
  public let path: String

  public init() {
    var template = Array("/tmp/liaison-test-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "mkdtemp failed")
    path = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
  }

  /// Writes `bytes` to `name` inside the folder and returns the full path.
  @discardableResult
  /// Sub-folders in `name` are made as needed.
  public func write(_ name: String, bytes: [UInt8]) -> String {
    let full = "\(path)/\(name)"
    var folder = path
    for part in name.split(separator: "/").dropLast() {
      folder += "/\(part)"
      mkdir(folder, 0o700)
    }
    let f = fopen(full, "wb")!
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
    return full
  }

  /// Writes UTF-8 `text` to `name` and returns the full path.
  @discardableResult
  public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

  /// Reads a file as UTF-8 text.
  public func read(_ name: String) -> String? { TempFolder.read(path: "\(path)/\(name)") }

  public static func read(path: String) -> String? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, 65536, f) }
      if n == 0 { break }
      out += chunk[0..<n]
    }
    return String(decoding: out, as: UTF8.self)
  }

  public func cleanUp() { _ = system("rm -rf '\(path)'") }
}

/// The shared folder beside the checkout (`../shared`), when present.
public enum SharedData {
  public static func path(_ relative: String, file: StaticString = #filePath) -> String? {
    // Tests/<Target>/<File>.swift → repository root → ../shared
    var parts = "\(file)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    let root = parts.joined(separator: "/")
    let candidate = "\(root)/../shared/\(relative)"
    return access(candidate, R_OK) == 0 ? candidate : nil
  }

  /// The repository root (for bundled datasets).
  public static func repositoryRoot(file: StaticString = #filePath) -> String {
    var parts = "\(file)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
  }
}
