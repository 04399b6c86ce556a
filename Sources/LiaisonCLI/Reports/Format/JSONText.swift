import Foundation

/// Deterministic, human-readable JSON for every answer: pretty-printed,
/// sorted keys, slashes unescaped, a final newline, and an integer
/// `schemaVersion` in the top-level object.
enum JSONText {
  /// The version of every JSON answer's layout, raised when a field changes
  /// meaning or goes away (adding a field does not raise it).
  static let schemaVersion = 1

  /// An answer with `schemaVersion` added to its top-level object. Answers are
  /// objects; a list answer is wrapped in `JSONList` first.
  struct Versioned<T: Encodable>: Encodable {
    let value: T
    private enum Key: String, CodingKey { case schemaVersion }
    func encode(to encoder: any Encoder) throws {
      try value.encode(to: encoder)
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(JSONText.schemaVersion, forKey: .schemaVersion)
    }
  }

  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// The whole answer as text, with its `schemaVersion`.
  static func text<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encoder().encode(Versioned(value: value)), as: UTF8.self) + "\n"
  }

  /// Writes an answer whose one list is too long to hold as text: `answer`
  /// builds the answer around a given slice of the list, `items` describes the
  /// items of a range, and the list is written `chunk` items at a time. The
  /// bytes equal `text(answer(items(0..<count)))`.
  ///
  /// The answer is encoded once with its first item; its text is split around
  /// that item, and every chunk of items is encoded as a bare list and
  /// re-indented to the depth of the answer's list (JSON strings hold no raw
  /// newline, so lines are safe to re-indent).
  /// - Complexity: O(total output) time, O(chunk) items in memory at a time.
  static func streamList<Answer: Encodable, Item: Encodable>(
    count: Int, chunk: Int = 4096, answer: ([Item]) -> Answer, items: (Range<Int>) -> [Item],
    write: (String) throws -> Void
  ) throws {
    guard count > 0 else { return try write(text(answer([]))) }
    let first = items(0..<1)
    let whole = try text(answer(first))
    let item = try listItems(first)
    guard let at = whole.range(of: item) else {
      preconditionFailure("an answer's JSON holds the JSON of its list's first item")
    }
    try write(String(whole[..<at.lowerBound]))
    for start in stride(from: 0, to: count, by: chunk) {
      try write((start > 0 ? ",\n" : "") + (try listItems(items(start..<min(count, start + chunk)))))
    }
    try write(String(whole[at.upperBound...]))
  }

  /// The items of a JSON list as they appear inside an answer's top-level
  /// list (pretty-printed at depth 2), separated by `,\n`, without brackets.
  static func listItems<Item: Encodable>(_ items: [Item]) throws -> String {
    // A bare list puts its items at depth 1: drop the first line ("[") and the
    // last ("]"), indent the other lines one level more (blank lines stay blank).
    let data = try encoder().encode(items)
    let newline = UInt8(ascii: "\n")
    let space = UInt8(ascii: " ")
    return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String in
      let bytes = raw.bindMemory(to: UInt8.self)
      guard let firstBreak = bytes.firstIndex(of: newline), let lastBreak = bytes.lastIndex(of: newline),
        firstBreak < lastBreak
      else { return "" }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8)
      var lineStart = firstBreak + 1
      while lineStart < lastBreak {
        var end = lineStart
        while end < lastBreak && bytes[end] != newline { end += 1 }
        if lineStart > firstBreak + 1 { out.append(newline) }
        if end > lineStart {
          out.append(space)
          out.append(space)
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]))
        }
        lineStart = end + 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}

/// A key made at run time, for objects whose keys are data.
struct TextCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// A list answer as an object, `{"KEY": [...]}`, so that it can carry `schemaVersion`.
struct JSONList<Item: Encodable>: Encodable {
  let key: String
  let items: [Item]
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: TextCodingKey.self)
    try c.encode(items, forKey: TextCodingKey(stringValue: key))
  }
}

/// Encodes a result as deterministic, human-readable JSON (`JSONText.text`).
func jsonText<T: Encodable>(_ value: T) throws -> String { try JSONText.text(value) }
