import GraphCore

/// The header fields of one message that Liaison reads; nothing else of a
/// message (subject, body, attachments) is ever made into text.
struct MailMessage: Sendable {
  /// The line of the file where the message's headers start.
  var line = 0
  var from: [MailAddress] = []
  var to: [MailAddress] = []
  var cc: [MailAddress] = []
  var replyTo: [MailAddress] = []
  /// The `Date:` value as written, and its line.
  var dateText: String?
  var dateLine = 0
  var messageID: String?
  var inReplyTo: String?
  var references: [String] = []
  var listID: String?
  var precedence: String?
  var autoSubmitted: String?
  /// Encoded words in the headers read that could not be decoded (kept as written).
  var undecodedWords = 0
}

/// Reads mail files header block by header block: an mbox (Google Takeout,
/// Thunderbird folders; mboxo and mboxrd, LF or CRLF) or one `.eml` message.
///
/// The file is read in chunks as lines of bytes. In a message's header block
/// only the fields Liaison uses are kept (`wanted`), unfolded; the block ends
/// at the first empty line. From there to the next line that starts with
/// `From ` (the mbox separator; an escaped `>From ` does not start one) the
/// bytes are looked at only to find that separator: bodies are never
/// decoded, copied or kept. An `.eml` file is one message: reading stops at
/// the end of its header block.
///
/// - Complexity: O(bytes) time; memory one read chunk plus one header block
///   (its wanted fields, at most `maxHeaderBytes`).
struct MailboxReader {
  /// Header fields read (lower case); every other field is skipped unread.
  static let wanted = [
    "from", "to", "cc", "reply-to", "date", "message-id", "in-reply-to", "references", "list-id", "precedence",
    "auto-submitted",
  ]
  /// Wanted fields longer than this (all of a block's together) are cut short.
  static let maxHeaderBytes = 1 << 20

  private var lines: LineReader
  private var done = false
  private var state: State

  /// - Parameter mbox: an mbox (messages after `From ` lines), else one message (`.eml`).
  init(source: ByteSource, mbox: Bool) throws(ImportError) {
    lines = try LineReader(source: source)
    state = State(mbox: mbox)
  }

  /// Messages whose header block was cut at `maxHeaderBytes`.
  var cutHeaders: Int { state.cutHeaders }
  /// Lines of a header block that are neither a field nor a continuation.
  var strayHeaderLines: Int { state.strayHeaderLines }

  /// The next message's header fields, or nil at the end of the file.
  mutating func next() throws(ImportError) -> MailMessage? {
    // The state is moved out while lines are read (the reader calls back into it).
    var s = State(mbox: state.mbox)
    swap(&s, &state)
    defer { swap(&s, &state) }
    while !done {
      let more = try lines.next { (line: UnsafeBufferPointer<UInt8>) -> Void in s.take(line) }
      if !more {
        done = true
        if s.inHeaders { s.finishBlock() }
      }
      if let message = s.pending {
        s.pending = nil
        if !s.mbox { done = true }
        return message
      }
    }
    return nil
  }

  /// Whether `line` is an mbox separator: it starts with `From ` (byte for byte).
  static func isSeparator(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    line.count >= 5 && line[0] == 0x46 && line[1] == 0x72 && line[2] == 0x6F && line[3] == 0x6D && line[4] == 0x20
  }

  /// What the reader knows between lines: where it is and the block being read.
  private struct State {
    let mbox: Bool
    var inHeaders: Bool
    var lineNumber = 0
    /// The field being read (index in `wanted`), -1 for a field skipped.
    var current = -1
    var values: [[UInt8]] = Array(repeating: [], count: MailboxReader.wanted.count)
    var fieldLines: [Int] = Array(repeating: 0, count: MailboxReader.wanted.count)
    var kept = 0
    var startLine = 1
    var pending: MailMessage?
    var cutHeaders = 0
    var strayHeaderLines = 0

    init(mbox: Bool) {
      self.mbox = mbox
      inHeaders = !mbox
    }

    mutating func take(_ line: UnsafeBufferPointer<UInt8>) {
      lineNumber += 1
      let number = lineNumber
      if mbox && MailboxReader.isSeparator(line) {
        if inHeaders { finishBlock() }
        inHeaders = true
        startLine = number + 1
        return
      }
      guard inHeaders else { return }  // a body line: not looked at beyond its first bytes
      if line.isEmpty {
        finishBlock()
        return
      }
      if line[0] == 0x20 || line[0] == 0x09 {
        // A folded continuation: unfolding drops the line end, keeps the blank.
        if current >= 0 { append(line[...]) }
        return
      }
      var colon = -1
      for i in 0..<line.count {
        let b = line[i]
        if b == UInt8(ascii: ":") {
          colon = i
          break
        }
        if b <= 0x20 && b != 0x20 && b != 0x09 || b >= 0x7F {
          break
        }
      }
      guard colon > 0 else {
        // `>From ` lines and other strays in a header block are not fields.
        strayHeaderLines += 1
        current = -1
        return
      }
      var nameEnd = colon
      while nameEnd > 0 && (line[nameEnd - 1] == 0x20 || line[nameEnd - 1] == 0x09) { nameEnd -= 1 }
      current = Self.wantedIndex(UnsafeBufferPointer(rebasing: line[0..<nameEnd]))
      guard current >= 0 else { return }
      if fieldLines[current] == 0 { fieldLines[current] = number }
      if !values[current].isEmpty {
        // A repeated field (two `To:` lines): its lists joined.
        values[current].append(UInt8(ascii: ","))
      }
      append(line[(colon + 1)...])
    }

    mutating func append(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
      guard kept + bytes.count <= MailboxReader.maxHeaderBytes else {
        if kept <= MailboxReader.maxHeaderBytes {
          cutHeaders += 1
          kept = MailboxReader.maxHeaderBytes + 1
        }
        return
      }
      kept += bytes.count
      values[current].append(contentsOf: bytes)
    }

    /// The index in `wanted` of a field name (ASCII, any case), or -1.
    static func wantedIndex(_ name: UnsafeBufferPointer<UInt8>) -> Int {
      outer: for (k, w) in MailboxReader.wanted.enumerated() where w.utf8.count == name.count {
        for (i, c) in w.utf8.enumerated() where name[i] | 0x20 != c && !(c == UInt8(ascii: "-") && name[i] == c) {
          continue outer
        }
        return k
      }
      return -1
    }

    /// Turns the wanted fields of the block just read into a message.
    mutating func finishBlock() {
      inHeaders = false
      current = -1
      defer {
        for i in values.indices where !values[i].isEmpty { values[i].removeAll(keepingCapacity: true) }
        for i in fieldLines.indices { fieldLines[i] = 0 }
        kept = 0
      }
      guard values.contains(where: { !$0.isEmpty }) || fieldLines.contains(where: { $0 > 0 }) else { return }
      var m = MailMessage()
      m.line = startLine
      func text(_ k: Int) -> String? {
        fieldLines[k] == 0 ? nil : EncodedWords.headerText(values[k]).trimmingBlanks()
      }
      var undecoded = 0
      func addresses(_ k: Int) -> [MailAddress] {
        text(k).map { MailAddresses.parse($0, undecoded: &undecoded) } ?? []
      }
      m.from = addresses(0)
      m.to = addresses(1)
      m.cc = addresses(2)
      m.replyTo = addresses(3)
      m.dateText = text(4)
      m.dateLine = fieldLines[4]
      m.messageID = text(5).flatMap { MailboxReader.messageIDs($0).first }
      m.inReplyTo = text(6).flatMap { MailboxReader.messageIDs($0).last }
      m.references = text(7).map(MailboxReader.messageIDs) ?? []
      m.listID = text(8)
      m.precedence = text(9)?.lowercased()
      m.autoSubmitted = text(10)?.lowercased()
      m.undecodedWords = undecoded
      pending = m
    }
  }

  /// The `<…>` message ids in a field, without their brackets.
  static func messageIDs(_ value: String) -> [String] {
    var out: [String] = []
    var current: String?
    for c in value.unicodeScalars {
      if c == "<" {
        current = ""
      } else if c == ">" {
        if let id = current, !id.isEmpty { out.append(id) }
        current = nil
      } else if current != nil, c != " ", c != "\t" {
        current!.unicodeScalars.append(c)
      }
    }
    if out.isEmpty {
      // Ids written without brackets.
      out = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).filter {
        $0.contains("@")
      }
    }
    return out
  }
}
