import GraphCore
import GraphIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A snapshot file mapped into memory (read-only): its header and section
/// table checked on open, each section's checksum when the section is first
/// read, and the network built over the mapping without copying
/// (`network(recover:)`). The mapping stays while any column of that network does.
///
/// The one place the workspace maps memory; `@unchecked Sendable` because
/// the mapping is read-only and `checked` is guarded by `lock`.
final class SnapshotFile: @unchecked Sendable {
  typealias Section = GraphSnapshot.Section
  typealias Refusal = GraphSnapshot.Refusal

  let memory: ColumnMemory
  /// Section id → (byte range, checksum).
  let table: [UInt32: (range: Range<Int>, checksum: UInt64)]
  private let lock = PthreadLock()
  private var checked: Set<UInt32> = []

  /// Maps `path` and checks its header: magic, version, byte order, header
  /// and table checksums, size (a truncated file is refused), and — when
  /// given — the generation and fingerprint it must have been made for.
  /// O(1) in the file's size (plus the section table).
  init(path: String, generation: UInt64?, fingerprint: String?) throws(Refusal) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .missing }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw .missing }
    let size = Int(st.st_size)
    guard size >= GraphSnapshot.tableStart else { throw .truncated }
    let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) else { throw .missing }
    memory = ColumnMemory(base: UnsafeRawPointer(mapped), byteCount: size) { base, count in
      _ = munmap(UnsafeMutableRawPointer(mutating: base), count)
    }
    let raw = UnsafeRawBufferPointer(start: mapped, count: size)
    guard Array(raw[0..<8]) == GraphSnapshot.magic else { throw .damaged }
    guard raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == GraphSnapshot.version,
      raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self) == GraphSnapshot.byteOrderMark
    else { throw .otherVersion }
    guard
      GraphSnapshot.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<48]))
        == raw.loadUnaligned(fromByteOffset: 48, as: UInt64.self)
    else { throw .damaged }
    guard Int(raw.loadUnaligned(fromByteOffset: 32, as: UInt64.self)) == size - GraphSnapshot.headerSize else {
      throw .truncated
    }
    if let generation, raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self) != generation { throw .stale }
    if let fingerprint,
      Array(raw[GraphSnapshot.headerSize..<GraphSnapshot.tableStart]) != Array(fingerprint.utf8)
    {
      throw .otherOptions
    }
    let count = Int(raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    let tableEnd = GraphSnapshot.tableStart + count * GraphSnapshot.tableEntrySize
    guard count < 1 << 16, tableEnd <= size else { throw .truncated }
    guard
      GraphSnapshot.checksum(UnsafeRawBufferPointer(rebasing: raw[GraphSnapshot.headerSize..<tableEnd]))
        == raw.loadUnaligned(fromByteOffset: 40, as: UInt64.self)
    else { throw .damaged }
    var table: [UInt32: (Range<Int>, UInt64)] = [:]
    for i in 0..<count {
      let at = GraphSnapshot.tableStart + i * GraphSnapshot.tableEntrySize
      let id = UInt32(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
      let offset = Int(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
      let length = Int(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))
      guard offset >= tableEnd, offset % 8 == 0, length >= 0, offset <= size, length <= size - offset else {
        throw .damaged
      }
      table[id] = (offset..<(offset + length), raw.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))
    }
    self.table = table
  }

  /// The bytes of `id`, its checksum checked on the first call. O(section) once, then O(1).
  func range(_ id: Section) throws(Refusal) -> Range<Int> {
    guard let entry = table[id.rawValue] else { throw .damaged }
    let sound = lock.locked { () -> Bool in
      if checked.contains(id.rawValue) { return true }
      let bytes = UnsafeRawBufferPointer(start: memory.base! + entry.range.lowerBound, count: entry.range.count)
      guard GraphSnapshot.checksum(bytes) == entry.checksum else { return false }
      checked.insert(id.rawValue)
      return true
    }
    guard sound else { throw .damaged }
    return entry.range
  }

  /// Checks every section's checksum (`liaison workspace check`). O(file).
  func checkAll() throws(Refusal) {
    for id in table.keys.sorted() {
      guard let section = Section(rawValue: id) else { throw .damaged }
      _ = try range(section)
    }
  }

  // MARK: sections as columns

  func column<T: BitwiseCopyable>(_ id: Section, _: T.Type = T.self) throws(Refusal) -> Column<T> {
    let r = try range(id)
    guard r.count % MemoryLayout<T>.stride == 0,
      let column = Column<T>(in: memory, offset: r.lowerBound, count: r.count / MemoryLayout<T>.stride)
    else { throw .damaged }
    return column
  }

  /// A string list: `[count u32][offsets u32 × (count + 1), from 0][UTF-8 bytes]`.
  func strings(_ id: Section) throws(Refusal) -> StringColumn {
    let r = try range(id)
    guard r.count >= 8 else { throw .damaged }
    let n = Int(memory.base!.loadUnaligned(fromByteOffset: r.lowerBound, as: UInt32.self))
    let textStart = r.lowerBound + 4 + (n + 1) * 4
    guard textStart <= r.upperBound,
      memory.base!.loadUnaligned(fromByteOffset: r.lowerBound + 4, as: UInt32.self) == 0,
      let ends = Column<UInt32>(in: memory, offset: r.lowerBound + 8, count: n),
      let bytes = Column<UInt8>(in: memory, offset: textStart, count: r.upperBound - textStart),
      let column = StringColumn(ends: ends, bytes: bytes)
    else { throw .damaged }
    return column
  }

  func nested(_ starts: Section, _ values: Section) throws(Refusal) -> NestedStringColumn {
    guard let column = NestedStringColumn(starts: try self.column(starts), values: try strings(values)) else {
      throw .damaged
    }
    return column
  }

  func index(_ keys: Section, _ starts: Section, _ values: Section) throws(Refusal) -> KeyIndex {
    guard let index = KeyIndex(keys: try strings(keys), starts: try column(starts), values: try column(values)) else {
      throw .damaged
    }
    return index
  }

  func groups(_ ids: [Section], people: Int) throws(Refusal) -> AttributeGroups {
    let members: Column<Int32> = try column(ids[0])
    guard members.isEmpty || members.count == people,
      let groups = AttributeGroups(
        ids: members, keys: try strings(ids[1]), labels: try strings(ids[2]),
        sizes: try column(ids[3], Int64.self).map(Int.init), index: try index(ids[4], ids[5], ids[6]))
    else { throw .damaged }
    return groups
  }

  // MARK: the network

  /// The network over this mapping: the CSR, the person count, the tie
  /// metadata and the reports checked now; every other column made and
  /// checked on first use. A section found damaged then is never read:
  /// `recover` gives a sound snapshot of the same network (made again from
  /// the sources) to read it from instead. O(V) now (the CSR's checks are
  /// O(V + E) at memory speed); the rest on demand.
  func network(recover: @escaping @Sendable () -> SnapshotFile) throws(Refusal) -> LoadedNetwork {
    for id in Section.checkedOnOpen { _ = try range(id) }
    let offsets: Column<UInt32> = try column(.offsets)
    let targets: Column<Int32> = try column(.targets)
    let strengths: Column<Float> = try column(.strengths)
    let upperStart: Column<UInt32> = try column(.upperStart)
    let personCount: Column<Int64> = try column(.personCount)
    guard personCount.count == 1 else { throw .damaged }
    let n = Int(personCount[0])
    guard n >= 0, offsets.count == n + 1, upperStart.count == n, strengths.count == targets.count,
      Int(offsets.last ?? 0) == targets.count, targets.count % 2 == 0
    else { throw .damaged }
    // The rows' ends (the checksums vouch for the rest; a snapshot is the
    // workspace's own file, not input from elsewhere).
    guard offsets[0] == 0 else { throw .damaged }
    let meta: Column<Int64> = try column(.tieMeta)
    guard meta.count == 3, Int(meta[0]) == targets.count / 2 else { throw .damaged }
    let tieCount = Int(meta[0])
    let reportsRange = try range(.reports)
    guard
      let reports = try? SnapshotReports.decode(
        String(
          decoding: UnsafeRawBufferPointer(start: memory.base! + reportsRange.lowerBound, count: reportsRange.count),
          as: UTF8.self))
    else { throw .damaged }
    let kindNames = try strings(.kindNames)
    let sourceNames = try strings(.sourceNames)

    // Every other section: on first use, from this file, or from the
    // recovered one when this one's is damaged.
    func later<T: Sendable>(_ make: @escaping @Sendable (SnapshotFile) throws(Refusal) -> T) -> Deferred<T> {
      .later(
        OnceBox { [self] in
          if let value = try? make(self) { return value }
          do { return try make(recover()) } catch {
            preconditionFailure("a snapshot just made and checked has a damaged section: \(error)")
          }
        })
    }
    func tieColumn<T: BitwiseCopyable & Sendable>(_ id: Section, _ count: @escaping @Sendable (Int) -> Bool)
      -> Deferred<Column<T>>
    {
      later { file throws(Refusal) in
        let c: Column<T> = try file.column(id)
        guard count(c.count) else { throw .damaged }
        return c
      }
    }
    let perTie: @Sendable (Int) -> Bool = { $0 == 0 || $0 == tieCount }
    let words = (tieCount + 63) / 64
    let perWord: @Sendable (Int) -> Bool = { $0 == 0 || $0 == words }
    let ratedKind = meta[1]
    let rated: Deferred<TieAttributes.RatedColumn> =
      switch ratedKind {
      case 0: .ready(.all)
      case 1: .ready(.none)
      default:
        later { file throws(Refusal) in
          let m: Column<UInt64> = try file.column(.ratedMask)
          guard m.count == words else { throw .damaged }
          return .mask(m)
        }
      }
    let ties = TieAttributes(
      count: tieCount, rated: rated, interactions: tieColumn(.interactions, perTie),
      interactionsOut: tieColumn(.interactionsOut, perTie), interactionsIn: tieColumn(.interactionsIn, perTie),
      lastContact: tieColumn(.lastContact, perTie), since: tieColumn(.since, perTie),
      confidence: tieColumn(.confidence, perTie), kind: tieColumn(.kind, perTie), kindNames: Array(kindNames),
      source: tieColumn(.source, perTie), sourceNames: Array(sourceNames),
      referenceDate: meta[2] == Int64.min ? nil : Day(daysSinceEpoch: Int32(truncatingIfNeeded: meta[2])),
      negative: tieColumn(.negative, perWord), modelStrength: tieColumn(.modelStrength, perWord))

    // A column ends at the last person who has a value.
    let perPerson: @Sendable (Int) -> Bool = { $0 <= n }
    func personStrings(_ id: Section) -> Deferred<StringColumn> {
      later { file throws(Refusal) in
        let c = try file.strings(id)
        guard perPerson(c.count) else { throw .damaged }
        return c
      }
    }
    func personLists(_ starts: Section, _ values: Section) -> Deferred<NestedStringColumn> {
      later { file throws(Refusal) in
        let c = try file.nested(starts, values)
        guard perPerson(c.count) else { throw .damaged }
        return c
      }
    }
    let keys: Deferred<PersonKeys> = later { file throws(Refusal) in
      if file.table[Section.integerKeys.rawValue] != nil {
        let k: Column<Int64> = try file.column(.integerKeys)
        guard k.count == n else { throw .damaged }
        return .integers(k)
      }
      let column = try file.strings(.stringKeys)
      guard column.count == n else { throw .damaged }
      return .packed(column, try file.index(.stringKeyIndexKeys, .stringKeyIndexStarts, .stringKeyIndexValues))
    }
    func box<T: Sendable>(_ make: @escaping @Sendable (SnapshotFile) throws(Refusal) -> T) -> OnceBox<T> {
      let deferred = later(make)
      return OnceBox { deferred.value }
    }
    let people = PersonTable(
      count: n, keys: keys, names: personStrings(.names), companies: personStrings(.companies),
      titles: personStrings(.titles), industries: personStrings(.industries),
      locations: personStrings(.locations), profileURLs: personStrings(.profileURLs),
      emails: personLists(.emailOffsets, .emails), tags: personLists(.tagOffsets, .tags),
      groups: box { file throws(Refusal) in
        (
          company: try file.groups(
            [
              .companyIDs, .companyKeys, .companyLabels, .companySizes, .companyIndexKeys, .companyIndexStarts,
              .companyIndexValues,
            ], people: n),
          industry: try file.groups(
            [
              .industryIDs, .industryKeys, .industryLabels, .industrySizes, .industryIndexKeys, .industryIndexStarts,
              .industryIndexValues,
            ], people: n)
        )
      },
      lookup: box { file throws(Refusal) in
        LookupIndex(
          email: try file.index(.emailIndexKeys, .emailIndexStarts, .emailIndexValues),
          url: try file.index(.urlIndexKeys, .urlIndexStarts, .urlIndexValues),
          name: try file.index(.nameIndexKeys, .nameIndexStarts, .nameIndexValues))
      },
      looseNames: box { file throws(Refusal) in try file.index(.looseIndexKeys, .looseIndexStarts, .looseIndexValues) })
    let graph = Graph(
      storage: CSRStorage(offsets: offsets, targets: targets, strengths: strengths, upperStart: upperStart),
      people: people, ties: ties)
    return reports.network(graph: graph)
  }
}
