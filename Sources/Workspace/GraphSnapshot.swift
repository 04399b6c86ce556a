import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The binary graph snapshot kept beside the database (`workspace.sqlite.graph`):
/// the loaded network's CSR arrays, person columns, tie columns and reports,
/// so that a command reading the workspace skips parsing (Guides/Workspace.md, "Snapshot").
///
/// Layout (little-endian): a 64-byte header — magic `LIAISNAP`, format
/// version, byte-order mark, section count, the workspace generation it was
/// made from, the payload size, a checksum of the payload and one of the
/// header — then the options fingerprint (64 hex digits), the section table
/// (id, offset, length; 24 bytes each) and the sections, each aligned to 8 bytes.
/// A snapshot whose generation or fingerprint differs, or that is short, or
/// whose checksums fail, is never used.
enum GraphSnapshot {
  static let magic: [UInt8] = Array("LIAISNAP".utf8)
  static let version: UInt32 = 2
  static let byteOrderMark: UInt32 = 0x0102_0304
  static let headerSize = 64

  /// Section ids.
  enum Section: UInt32, CaseIterable {
    case offsets = 1
    case targets, strengths, upperStart
    case personCount = 10
    case integerKeys, stringKeys, names, companies, titles, industries, locations, profileURLs
    case emailOffsets, emails, tagOffsets, tags
    case tieMeta = 30
    case ratedMask, interactions, interactionsOut, interactionsIn, lastContact, since, confidence
    case kind, kindNames, source, sourceNames, negative, modelStrength
    case reports = 50
  }

  // MARK: checksum

  /// A 64-bit checksum of `bytes` (FNV-1a over 8-byte words, then a final
  /// mix): catches a truncated or damaged file; not a defence against tampering. O(n).
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    let words = bytes.count / 8
    for i in 0..<words {
      h = (h ^ bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x0000_0100_0000_01b3
    }
    for i in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3 }
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h ^ UInt64(bytes.count)
  }

  // MARK: writing

  /// The bytes of a snapshot of `loaded` for `generation` and `fingerprint`. O(V + E + text).
  static func encode(_ loaded: LoadedNetwork, generation: UInt64, fingerprint: String) throws -> [UInt8] {
    var sections: [(Section, [UInt8])] = []
    let g = loaded.graph
    let s = g.storage
    func add<T>(_ id: Section, _ array: [T]) {
      sections.append((id, array.withUnsafeBytes { Array($0) }))
    }
    add(.offsets, s.offsets)
    add(.targets, s.targets)
    add(.strengths, s.strengths)
    add(.upperStart, s.upperStart)
    let p = g.people
    add(.personCount, [Int64(p.count)])
    switch p.keys {
    case .integers(let k): add(.integerKeys, k)
    case .strings(let table): sections.append((.stringKeys, stringList((0..<table.count).map { table.key($0) })))
    }
    sections.append((.names, stringList(p.names)))
    sections.append((.companies, stringList(p.companies)))
    sections.append((.titles, stringList(p.titles)))
    sections.append((.industries, stringList(p.industries)))
    sections.append((.locations, stringList(p.locations)))
    sections.append((.profileURLs, stringList(p.profileURLs)))
    add(.emailOffsets, nestedOffsets(p.emails))
    sections.append((.emails, stringList(p.emails.flatMap { $0 })))
    add(.tagOffsets, nestedOffsets(p.tags))
    sections.append((.tags, stringList(p.tags.flatMap { $0 })))
    let t = g.ties
    let ratedKind: Int64
    switch t.rated {
    case .all: ratedKind = 0
    case .none: ratedKind = 1
    case .mask(let m):
      ratedKind = 2
      add(.ratedMask, m)
    }
    add(.tieMeta, [Int64(t.count), ratedKind, t.referenceDate.map { Int64($0.daysSinceEpoch) } ?? Int64.min])
    add(.interactions, t.interactions)
    add(.interactionsOut, t.interactionsOut)
    add(.interactionsIn, t.interactionsIn)
    add(.lastContact, t.lastContact)
    add(.since, t.since)
    add(.confidence, t.confidence)
    add(.kind, t.kind)
    sections.append((.kindNames, stringList(t.kindNames)))
    add(.source, t.source)
    sections.append((.sourceNames, stringList(t.sourceNames)))
    add(.negative, t.negative)
    add(.modelStrength, t.modelStrength)
    sections.append((.reports, Array(try SnapshotReports(loaded).json().utf8)))

    // Header, fingerprint, table, sections.
    let fingerprintBytes = Array(fingerprint.utf8)
    precondition(fingerprintBytes.count == 64, "fingerprint is 64 hex digits")
    let tableStart = headerSize + 64
    var offset = align(tableStart + sections.count * 24)
    var table: [UInt64] = []
    for (id, bytes) in sections {
      table += [UInt64(id.rawValue), UInt64(offset), UInt64(bytes.count)]
      offset = align(offset + bytes.count)
    }
    var out = [UInt8](repeating: 0, count: offset)
    out.replaceSubrange(headerSize..<(headerSize + 64), with: fingerprintBytes)
    table.withUnsafeBytes { out.replaceSubrange(tableStart..<(tableStart + $0.count), with: $0) }
    for (i, (_, bytes)) in sections.enumerated() {
      let at = Int(table[i * 3 + 1])
      out.replaceSubrange(at..<(at + bytes.count), with: bytes)
    }
    let total = out.count
    out.withUnsafeMutableBytes { raw in
      for (i, b) in magic.enumerated() { raw[i] = b }
      raw.storeBytes(of: version, toByteOffset: 8, as: UInt32.self)
      raw.storeBytes(of: byteOrderMark, toByteOffset: 12, as: UInt32.self)
      raw.storeBytes(of: UInt32(sections.count), toByteOffset: 16, as: UInt32.self)
      raw.storeBytes(of: generation, toByteOffset: 24, as: UInt64.self)
      raw.storeBytes(of: UInt64(total - headerSize), toByteOffset: 32, as: UInt64.self)
      let payload = checksum(UnsafeRawBufferPointer(rebasing: raw[headerSize...]))
      raw.storeBytes(of: payload, toByteOffset: 40, as: UInt64.self)
      let header = checksum(UnsafeRawBufferPointer(rebasing: raw[0..<48]))
      raw.storeBytes(of: header, toByteOffset: 48, as: UInt64.self)
    }
    return out
  }

  static func align(_ n: Int) -> Int { (n + 7) & ~7 }

  /// `[count][offsets × (count + 1)][UTF-8 bytes]`, 32-bit each.
  static func stringList(_ strings: [String]) -> [UInt8] {
    var offsets: [UInt32] = [0]
    offsets.reserveCapacity(strings.count + 1)
    var bytes: [UInt8] = []
    for s in strings {
      bytes.append(contentsOf: s.utf8)
      offsets.append(UInt32(bytes.count))
    }
    var out: [UInt8] = []
    out.reserveCapacity(4 + offsets.count * 4 + bytes.count)
    withUnsafeBytes(of: UInt32(strings.count)) { out.append(contentsOf: $0) }
    offsets.withUnsafeBytes { out.append(contentsOf: $0) }
    out.append(contentsOf: bytes)
    return out
  }

  /// For a list of lists: where each inner list starts in the flattened list
  /// (count + 1 entries; none for an empty column).
  static func nestedOffsets(_ lists: [[String]]) -> [UInt32] {
    if lists.isEmpty { return [] }
    var out: [UInt32] = [0]
    out.reserveCapacity(lists.count + 1)
    for l in lists { out.append(out.last! + UInt32(l.count)) }
    return out
  }

  /// Writes `bytes` to `path` atomically (a temporary file made 0600 in the
  /// same folder, then renamed over it).
  static func write(_ bytes: [UInt8], to path: String) throws(WorkspaceError) {
    var template = Array((path + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw WorkspaceError("cannot write \(path): \(String(cString: strerror(errno)))") }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    fchmod(fd, 0o600)
    var written = 0
    let ok = bytes.withUnsafeBytes { raw -> Bool in
      while written < raw.count {
        let n = systemWrite(fd, raw.baseAddress! + written, raw.count - written)
        if n <= 0 { return false }
        written += n
      }
      return true
    }
    close(fd)
    guard ok, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw WorkspaceError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  // MARK: reading

  /// Why a snapshot was not used.
  enum Refusal: Error, Equatable, CustomStringConvertible {
    case missing, truncated, damaged, otherVersion, stale, otherOptions
    var description: String {
      switch self {
      case .missing: "no snapshot"
      case .truncated: "the snapshot is truncated"
      case .damaged: "the snapshot's checksum does not match"
      case .otherVersion: "the snapshot has another format version"
      case .stale: "the snapshot is older than the workspace"
      case .otherOptions: "the snapshot was made with other loading options"
      }
    }
  }

  /// The whole file at `path`, or nil.
  static func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    let size = Int(st.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      while done < size {
        let n = read(fd, buffer.baseAddress! + done, size - done)
        if n <= 0 {
          failed = n < 0
          break
        }
        done += n
      }
      count = done
    }
    return failed ? nil : bytes
  }

  /// Checks the header and checksums of `bytes`; with `generation` and
  /// `fingerprint`, also that it is current. Returns the section table. O(n).
  static func verify(_ bytes: [UInt8], generation: UInt64?, fingerprint: String?) throws(Refusal) -> [UInt32: Range<
    Int
  >] {
    guard bytes.count >= headerSize + 64 else { throw .truncated }
    guard Array(bytes[0..<8]) == magic else { throw .damaged }
    let result: Result<[UInt32: Range<Int>], Refusal> = bytes.withUnsafeBytes { raw in
      guard raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == version,
        raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self) == byteOrderMark
      else { return .failure(.otherVersion) }
      guard
        checksum(UnsafeRawBufferPointer(rebasing: raw[0..<48]))
          == raw.loadUnaligned(fromByteOffset: 48, as: UInt64.self)
      else { return .failure(.damaged) }
      let payloadSize = Int(raw.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
      guard payloadSize == raw.count - headerSize else { return .failure(.truncated) }
      if let generation, raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self) != generation {
        return .failure(.stale)
      }
      if let fingerprint, Array(raw[headerSize..<(headerSize + 64)]) != Array(fingerprint.utf8) {
        return .failure(.otherOptions)
      }
      guard
        checksum(UnsafeRawBufferPointer(rebasing: raw[headerSize...]))
          == raw.loadUnaligned(fromByteOffset: 40, as: UInt64.self)
      else { return .failure(.damaged) }
      let count = Int(raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
      let tableStart = headerSize + 64
      guard tableStart + count * 24 <= raw.count else { return .failure(.truncated) }
      var table: [UInt32: Range<Int>] = [:]
      for i in 0..<count {
        let at = tableStart + i * 24
        let id = UInt32(raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        let offset = Int(raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
        let length = Int(raw.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))
        guard offset >= 0, length >= 0, offset <= raw.count, length <= raw.count - offset else {
          return .failure(.damaged)
        }
        table[id] = offset..<(offset + length)
      }
      return .success(table)
    }
    return try result.get()
  }

  /// The generation a snapshot file was made for, when its header reads.
  static func generation(of bytes: [UInt8]) -> UInt64? {
    guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else { return nil }
    return bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 24, as: UInt64.self) }
  }

  /// The network in `bytes`, which `verify` accepted with `table`. O(V + E + text).
  static func decode(_ bytes: [UInt8], table: [UInt32: Range<Int>]) throws -> LoadedNetwork {
    try bytes.withUnsafeBytes { raw throws -> LoadedNetwork in
      func range(_ id: Section) throws(Refusal) -> Range<Int> {
        guard let r = table[id.rawValue] else { throw .damaged }
        return r
      }
      func array<T>(_ id: Section, _: T.Type) throws(Refusal) -> [T] {
        let r = try range(id)
        guard r.count % MemoryLayout<T>.stride == 0 else { throw .damaged }
        let n = r.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: n) { buffer, count in
          if n > 0 {
            UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
              from: raw.baseAddress! + r.lowerBound, byteCount: r.count)
          }
          count = n
        }
      }
      func strings(_ id: Section) throws(Refusal) -> [String] {
        let r = try range(id)
        guard r.count >= 4 else { throw .damaged }
        let n = Int(raw.loadUnaligned(fromByteOffset: r.lowerBound, as: UInt32.self))
        let textStart = r.lowerBound + 4 + (n + 1) * 4
        guard textStart <= r.upperBound else { throw .damaged }
        var out: [String] = []
        out.reserveCapacity(n)
        var previous = 0
        for i in 0..<n {
          let end = Int(raw.loadUnaligned(fromByteOffset: r.lowerBound + 4 + (i + 1) * 4, as: UInt32.self))
          guard end >= previous, textStart + end <= r.upperBound else { throw .damaged }
          out.append(
            String(
              decoding: UnsafeRawBufferPointer(rebasing: raw[(textStart + previous)..<(textStart + end)]), as: UTF8.self
            ))
          previous = end
        }
        return out
      }
      func nested(_ offsetsID: Section, _ valuesID: Section) throws(Refusal) -> [[String]] {
        let offsets = try array(offsetsID, UInt32.self)
        let values = try strings(valuesID)
        if offsets.isEmpty { return [] }
        guard offsets.last.map(Int.init) == values.count else { throw .damaged }
        return (0..<(offsets.count - 1)).map { Array(values[Int(offsets[$0])..<Int(offsets[$0 + 1])]) }
      }
      let offsets = try array(.offsets, UInt32.self)
      let targets = try array(.targets, Int32.self)
      let strengths = try array(.strengths, Float.self)
      let upperStart = try array(.upperStart, UInt32.self)
      guard let n = try array(.personCount, Int64.self).first.map(Int.init), offsets.count == n + 1,
        upperStart.count == n, strengths.count == targets.count, Int(offsets.last ?? 0) == targets.count
      else { throw Refusal.damaged }
      let keys: PersonKeys
      if table[Section.integerKeys.rawValue] != nil {
        keys = .integers(try array(.integerKeys, Int64.self))
      } else {
        var t = ByteKeyTable()
        let list = try strings(.stringKeys)
        t.reserveCapacity(list.count)
        for (i, k) in list.enumerated() { _ = t.insert(k, value: Int32(i)) }
        keys = .strings(t)
      }
      let people = PersonTable(
        count: n, keys: keys, names: try strings(.names), companies: try strings(.companies),
        titles: try strings(.titles), industries: try strings(.industries), locations: try strings(.locations),
        profileURLs: try strings(.profileURLs), emails: try nested(.emailOffsets, .emails),
        tags: try nested(.tagOffsets, .tags))
      let meta = try array(.tieMeta, Int64.self)
      guard meta.count == 3 else { throw Refusal.damaged }
      let rated: TieAttributes.RatedColumn =
        switch meta[1] {
        case 0: .all
        case 1: .none
        default: .mask(try array(.ratedMask, UInt64.self))
        }
      var ties = TieAttributes(
        count: Int(meta[0]), rated: rated, interactions: try array(.interactions, Int32.self),
        interactionsOut: try array(.interactionsOut, Int32.self),
        interactionsIn: try array(.interactionsIn, Int32.self),
        lastContact: try array(.lastContact, Int32.self), since: try array(.since, Int32.self),
        confidence: try array(.confidence, Float.self), kind: try array(.kind, UInt16.self),
        kindNames: try strings(.kindNames), source: try array(.source, UInt16.self),
        sourceNames: try strings(.sourceNames),
        referenceDate: meta[2] == Int64.min ? nil : Day(daysSinceEpoch: Int32(meta[2])),
        negative: try array(.negative, UInt64.self))
      ties.modelStrength = try array(.modelStrength, UInt64.self)
      let graph = Graph(
        storage: CSRStorage(offsets: offsets, targets: targets, strengths: strengths, upperStart: upperStart),
        people: people, ties: ties)
      let r = try range(.reports)
      guard
        let reports = try? SnapshotReports.decode(
          String(decoding: UnsafeRawBufferPointer(rebasing: raw[r]), as: UTF8.self))
      else { throw Refusal.damaged }
      return reports.network(graph: graph)
    }
  }
}

/// POSIX `write`, under a name that the snapshot's own `write` does not hide.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
