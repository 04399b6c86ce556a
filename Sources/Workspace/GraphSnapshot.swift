import Dispatch
import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The binary graph snapshot kept beside the database (`workspace.sqlite.graph`):
/// the loaded network's CSR arrays, person columns, tie columns, identity
/// indexes, company and industry groups and reports, laid out so that a
/// command maps the file and uses it in place (`SnapshotFile`), touching only
/// the pages its question needs (Guides/Workspace.md, "Snapshot").
///
/// Layout (little-endian): a 64-byte header — magic `LIAISNAP`, format
/// version, byte-order mark, section count, the workspace generation it was
/// made from, the payload size, a checksum of the fingerprint and section
/// table, and one of the header — then the options fingerprint (64 hex
/// digits), the section table (id, offset, length, checksum; 32 bytes each)
/// and the sections, each aligned to 8 bytes.
/// A snapshot whose generation or fingerprint differs, or that is short, or
/// whose header or table checksum fails, is never used; a section whose own
/// checksum fails is never read (`SnapshotFile`).
enum GraphSnapshot {
  static let magic: [UInt8] = Array("LIAISNAP".utf8)
  static let version: UInt32 = 3
  static let byteOrderMark: UInt32 = 0x0102_0304
  static let headerSize = 64
  static let fingerprintSize = 64
  static let tableStart = headerSize + fingerprintSize
  static let tableEntrySize = 32

  /// Section ids.
  enum Section: UInt32, CaseIterable {
    case offsets = 1
    case targets, strengths, upperStart
    case personCount = 10
    case integerKeys, stringKeys, names, companies, titles, industries, locations, profileURLs
    case emailOffsets, emails, tagOffsets, tags
    case stringKeyIndexKeys, stringKeyIndexStarts, stringKeyIndexValues
    case tieMeta = 30
    case ratedMask, interactions, interactionsOut, interactionsIn, lastContact, since, confidence
    case kind, kindNames, source, sourceNames, negative, modelStrength
    case reports = 50
    case emailIndexKeys = 60
    case emailIndexStarts, emailIndexValues, urlIndexKeys, urlIndexStarts, urlIndexValues
    case nameIndexKeys, nameIndexStarts, nameIndexValues, looseIndexKeys, looseIndexStarts, looseIndexValues
    case companyIDs = 80
    case companyKeys, companyLabels, companySizes, companyIndexKeys, companyIndexStarts, companyIndexValues
    case industryIDs = 90
    case industryKeys, industryLabels, industrySizes, industryIndexKeys, industryIndexStarts, industryIndexValues

    /// Sections every command reads, checked when the file is opened; the
    /// others are checked when first read.
    static let checkedOnOpen: [Section] = [
      .offsets, .targets, .strengths, .upperStart, .personCount, .tieMeta, .kindNames, .sourceNames, .reports,
    ]
  }

  // MARK: checksum

  /// A 64-bit checksum of `bytes`: each 1 MiB chunk hashed by four lanes of
  /// FNV-1a over 8-byte words (independent multiplications, so it runs at
  /// memory speed), the chunks' hashes mixed in order. Any change to one
  /// word changes its lane. Chunks are hashed on two threads for a large
  /// section, with the same value as on one. Catches a truncated or damaged
  /// file, not a defence against tampering. O(n).
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let chunk = 1 << 20
    let chunks = (bytes.count + chunk - 1) / chunk
    // The file's bytes are read-only while mapped: sharing them between the two threads is safe.
    nonisolated(unsafe) let bytes = bytes
    @Sendable func hash(_ i: Int) -> UInt64 {
      chunkHash(UnsafeRawBufferPointer(rebasing: bytes[(i * chunk)..<min(bytes.count, (i + 1) * chunk)]))
    }
    var hashes = [UInt64](repeating: 0, count: chunks)
    if chunks >= 8 {
      hashes.withUnsafeMutableBufferPointer { out in
        let half = chunks / 2
        nonisolated(unsafe) let out = out
        DispatchQueue.concurrentPerform(iterations: 2) { part in
          for i in (part == 0 ? 0..<half : half..<chunks) { out[i] = hash(i) }
        }
      }
    } else {
      for i in 0..<chunks { hashes[i] = hash(i) }
    }
    var h: UInt64 = 0x9e37_79b9_7f4a_7c15
    for x in hashes { h = mix(h ^ x) }
    return h ^ UInt64(bytes.count)
  }

  static func mix(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }

  /// The four-lane FNV-1a hash of one chunk.
  static func chunkHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let prime: UInt64 = 0x0000_0100_0000_01b3
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (
      0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f
    )
    let blocks = bytes.count / 32
    if let base = bytes.baseAddress {
      for i in 0..<blocks {
        let at = base + i * 32
        lanes.0 = (lanes.0 ^ at.loadUnaligned(as: UInt64.self)) &* prime
        lanes.1 = (lanes.1 ^ at.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) &* prime
        lanes.2 = (lanes.2 ^ at.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) &* prime
        lanes.3 = (lanes.3 ^ at.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) &* prime
      }
    }
    for i in (blocks * 32)..<bytes.count { lanes.0 = (lanes.0 ^ UInt64(bytes[i])) &* prime }
    var h = mix(lanes.0)
    h = mix(h ^ lanes.1)
    h = mix(h ^ lanes.2)
    return mix(h ^ lanes.3)
  }

  // MARK: writing

  /// The bytes of a snapshot of `loaded` for `generation` and `fingerprint`.
  /// Makes the identity indexes and the company and industry groups, so
  /// that a reader never has to. O(V + E + text + k log k for k keys).
  static func encode(_ loaded: LoadedNetwork, generation: UInt64, fingerprint: String) throws -> [UInt8] {
    var sections: [(Section, [UInt8])] = []
    let g = loaded.graph
    let s = g.storage
    func add<T: BitwiseCopyable>(_ id: Section, _ column: Column<T>) {
      sections.append((id, column.withUnsafeBufferPointer { Array(UnsafeRawBufferPointer($0)) }))
    }
    func add<T: BitwiseCopyable>(_ id: Section, _ array: [T]) {
      sections.append((id, array.withUnsafeBytes { Array($0) }))
    }
    func strings(_ id: Section, _ column: StringColumn) {
      sections.append((id, stringList((0..<column.count).map { column[$0] })))
    }
    func strings(_ id: Section, _ list: [String]) { sections.append((id, stringList(list))) }
    func index(_ ids: (Section, Section, Section), _ index: KeyIndex) {
      let parts = index.sortedParts()
      strings(ids.0, parts.keys)
      add(ids.1, parts.starts)
      add(ids.2, parts.values)
    }
    func groups(_ ids: [Section], _ groups: AttributeGroups) {
      add(ids[0], groups.ids)
      strings(ids[1], groups.keys)
      strings(ids[2], groups.labels)
      add(ids[3], groups.sizes.map(Int64.init))
      index((ids[4], ids[5], ids[6]), groups.index)
    }
    add(.offsets, s.offsets)
    add(.targets, s.targets)
    add(.strengths, s.strengths)
    add(.upperStart, s.upperStart)
    let p = g.people
    add(.personCount, [Int64(p.count)])
    switch p.keys {
    case .integers(let k): add(.integerKeys, k)
    case .strings, .packed:
      let keys = (0..<p.count).map { p.keys.key(at: $0) }
      strings(.stringKeys, keys)
      var byKey: [String: [Int32]] = [:]
      for (i, k) in keys.enumerated() { byKey[k] = [Int32(i)] }
      index((.stringKeyIndexKeys, .stringKeyIndexStarts, .stringKeyIndexValues), KeyIndex(byKey))
    }
    strings(.names, p.names)
    strings(.companies, p.companies)
    strings(.titles, p.titles)
    strings(.industries, p.industries)
    strings(.locations, p.locations)
    strings(.profileURLs, p.profileURLs)
    add(.emailOffsets, p.emails.starts)
    strings(.emails, p.emails.values)
    add(.tagOffsets, p.tags.starts)
    strings(.tags, p.tags.values)
    let lookup = p.lookupIndex
    index((.emailIndexKeys, .emailIndexStarts, .emailIndexValues), lookup.email)
    index((.urlIndexKeys, .urlIndexStarts, .urlIndexValues), lookup.url)
    index((.nameIndexKeys, .nameIndexStarts, .nameIndexValues), lookup.name)
    index((.looseIndexKeys, .looseIndexStarts, .looseIndexValues), p.looseNameIndex)
    groups(
      [
        .companyIDs, .companyKeys, .companyLabels, .companySizes, .companyIndexKeys, .companyIndexStarts,
        .companyIndexValues,
      ], p.companyGroups)
    groups(
      [
        .industryIDs, .industryKeys, .industryLabels, .industrySizes, .industryIndexKeys, .industryIndexStarts,
        .industryIndexValues,
      ], p.industryGroups)
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
    strings(.kindNames, t.kindNames)
    add(.source, t.source)
    strings(.sourceNames, t.sourceNames)
    add(.negative, t.negative)
    add(.modelStrength, t.modelStrength)
    sections.append((.reports, Array(try SnapshotReports(loaded).json().utf8)))

    // Header, fingerprint, table, sections.
    let fingerprintBytes = Array(fingerprint.utf8)
    precondition(fingerprintBytes.count == fingerprintSize, "fingerprint is 64 hex digits")
    var offset = align(tableStart + sections.count * tableEntrySize)
    var table: [UInt64] = []
    for (id, bytes) in sections {
      let sum = bytes.withUnsafeBytes { checksum($0) }
      table += [UInt64(id.rawValue), UInt64(offset), UInt64(bytes.count), sum]
      offset = align(offset + bytes.count)
    }
    var out = [UInt8](repeating: 0, count: offset)
    out.replaceSubrange(headerSize..<tableStart, with: fingerprintBytes)
    table.withUnsafeBytes { out.replaceSubrange(tableStart..<(tableStart + $0.count), with: $0) }
    for (i, (_, bytes)) in sections.enumerated() {
      let at = Int(table[i * 4 + 1])
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
      let tableEnd = tableStart + sections.count * tableEntrySize
      let tableSum = checksum(UnsafeRawBufferPointer(rebasing: raw[headerSize..<tableEnd]))
      raw.storeBytes(of: tableSum, toByteOffset: 40, as: UInt64.self)
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

}

/// POSIX `write`, under a name that the snapshot's own `write` does not hide.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
