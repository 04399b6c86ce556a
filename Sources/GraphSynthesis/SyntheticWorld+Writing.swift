// Writing the generated network: people.csv (one CSV-escaped row per person, e-mail
// addresses de-duplicated by hash) and ties.csv (one row per packed pair in sorted order,
// evidence and strength computed on the fly, formatted byte by byte), both through
// `AtomicFileWriter`; while ties are written, each exported member's contacts are collected
// for SyntheticWorld+Exports.swift.
// Complexity: O(N) rows for people, O(E · interactions) for ties (the strength model);
// files are streamed, so memory stays O(N + E) for the arrays already held.
import GraphCore
import GraphIO

/// Kinds as written in `ties.csv` (index = kind code).
private let kindNames = ["colleague", "former-colleague", "classmate", "industry", "community", "closure"]
private let kindBytes: [[UInt8]] = kindNames.map { Array($0.utf8) }

/// FNV-1a over UTF-8, finished with the SplitMix64 mix (for de-duplication keys only).
private func hash64(_ parts: String...) -> UInt64 {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  for part in parts {
    for b in part.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01B3
    }
    h ^= 0xFF
    h = h &* 0x100_0000_01B3
  }
  return SplitMix64.mix(h)
}

/// Byte-level formatting for the hot output loop.
private struct LineBuffer {
  var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(1 << 17) }

  @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }
  @inline(__always) mutating func comma() { bytes.append(UInt8(ascii: ",")) }

  mutating func int(_ value: Int) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      int(-value)
      return
    }
    let start = bytes.count
    var v = value
    repeat {
      bytes.append(UInt8(truncatingIfNeeded: v % 10) &+ 0x30)
      v /= 10
    } while v > 0
    bytes[start...].reverse()
  }

  @inline(__always) mutating func digits(_ value: Int, width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var v = value
    while divisor > 0 {
      bytes.append(UInt8(truncatingIfNeeded: (v / divisor) % 10) &+ 0x30)
      v %= divisor
      divisor /= 10
    }
  }

  /// A strength in (0, 1] with exactly six decimals.
  mutating func strength(_ s: Double) {
    let scaled = min(1_000_000, max(1, Int((s * 1_000_000).rounded())))
    if scaled == 1_000_000 {
      bytes.append(contentsOf: "1.000000".utf8)
    } else {
      bytes.append(UInt8(ascii: "0"))
      bytes.append(UInt8(ascii: "."))
      digits(scaled, width: 6)
    }
  }

  /// `YYYY-MM-DD`.
  mutating func isoDate(_ day: Int32) {
    let (y, m, d) = Day(daysSinceEpoch: day).components
    digits(y, width: 4)
    bytes.append(UInt8(ascii: "-"))
    digits(m, width: 2)
    bytes.append(UInt8(ascii: "-"))
    digits(d, width: 2)
  }
}

extension SyntheticWorld {
  /// Writes people.csv, ties.csv and the exports, and sums up what was written.
  func write(into directory: String) throws -> GenerationSummary {
    // Degrees, for the choice of exported members.
    var degree = [Int32](repeating: 0, count: n)
    for key in pairs {
      degree[Int(key >> 36)] += 1
      degree[Int((key >> 8) & 0xFFF_FFFF)] += 1
    }
    let members = chooseExportMembers(degree: degree)

    report("writing people.csv (\(TextFormat.count(n, "row")))")
    let companies = try writePeople(directory + "/people.csv")

    report("writing ties.csv (\(TextFormat.count(pairs.count, "row")))")
    var memberSlot = [Int32](repeating: -1, count: n)
    for (i, m) in members.enumerated() { memberSlot[m] = Int32(i) }
    var contacts = [[UInt64]](repeating: [], count: members.count)
    let stats = try writeTies(directory + "/ties.csv", memberSlot: memberSlot, contacts: &contacts)

    var files: [String] = []
    var manifest = "owner,path\n"
    if !members.isEmpty {
      report("writing \(members.count) LinkedIn export(s)")
      var stems = Set<String>()
      for (i, m) in members.enumerated() {
        if exportSize > contacts[i].count { padExport(member: m, contacts: &contacts[i]) }
        let baseStem = firstSlug[Int(first[m])] + "-" + lastSlug[Int(last[m])]
        var stem = baseStem
        var k = 2
        while stems.contains(stem) {
          stem = "\(baseStem)-\(k)"
          k += 1
        }
        stems.insert(stem)
        let path = directory + "/exports/" + stem + ".csv"
        try writeExport(path, contacts: &contacts[i])
        files.append(path)
        // The owner by profile URL: names repeat in a large network, URLs do not.
        manifest += "https://www.linkedin.com/in/" + slug(m) + "," + stem + ".csv\n"
      }
      // `liaison batch --manifest exports/manifest.csv` (or the folder) names every owner.
      let writer = try AtomicFileWriter(path: directory + "/exports/manifest.csv")
      writer.write(manifest)
      try writer.commit()
    }

    var summary = GenerationSummary(people: n, ties: pairs.count, companies: companies, exportFiles: files)
    if !members.isEmpty { summary.manifest = directory + "/exports/manifest.csv" }
    summary.tiesByKind = kindNames.enumerated().map { ($0.element, stats.kinds[$0.offset]) }
    summary.tiesByClass = [
      (.strong, stats.strong), (.weak, stats.weak), (.nominal, stats.nominal), (.dormant, stats.dormant),
    ]
    report("done: \(TextFormat.count(n, "person", plural: "people")), \(TextFormat.count(pairs.count, "tie"))")
    return summary
  }

  private func writePeople(_ path: String) throws(OutputError) -> Int {
    let writer = try AtomicFileWriter(path: path)
    writer.write("id,name,email,company,title,industry,location,tags,url\n")
    var seen: [UInt64: UInt16] = [:]
    seen.reserveCapacity(n)
    emailDup = [UInt16](repeating: 0, count: n)
    var hasEmployees = [Bool](repeating: false, count: companyCount)
    var line = ""
    for p in 0..<n {
      if let (local, domain) = baseEmail(p) {
        let key = hash64(local, domain)
        let dup = seen[key, default: 0]
        seen[key] = dup &+ 1
        emailDup[p] = dup
      }
      let c = currentCompany(p)
      hasEmployees[c] = true
      line.removeAll(keepingCapacity: true)
      line += String(p)
      line += ","
      line += CSVEscaping.field(firstDisplay[Int(first[p])] + " " + lastDisplay[Int(last[p])])
      line += ","
      line += CSVEscaping.field(email(p))
      line += ","
      line += CSVEscaping.field(companyName[c])
      line += ","
      line += CSVEscaping.field(title(p))
      line += ","
      line += CSVEscaping.field(Vocab.industries[Int(companyIndustry[c])].name)
      line += ","
      line += CSVEscaping.field(Vocab.cities[Int(city[p])].label)
      line += ","
      line += CSVEscaping.field(tags(p))
      line += ",https://www.linkedin.com/in/"
      line += slug(p)
      line += "\n"
      writer.write(line)
    }
    try writer.commit()
    return hasEmployees.reduce(0) { $0 + ($1 ? 1 : 0) }
  }

  private struct TieStats {
    var kinds = [Int](repeating: 0, count: 6)
    var strong = 0
    var weak = 0
    var nominal = 0
    var dormant = 0
  }

  private func writeTies(
    _ path: String, memberSlot: [Int32], contacts: inout [[UInt64]]
  ) throws(OutputError) -> TieStats {
    let writer = try AtomicFileWriter(path: path)
    writer.write("source,target,strength,interactions,last_contact,since,kind\n")
    let model = TieStrengthModel.standard
    let classifier = TieClassifier()
    let asOfDay = Day(daysSinceEpoch: asOf)
    var stats = TieStats()
    var out = LineBuffer()
    let step = max(1, pairs.count / 10)
    for (i, key) in pairs.enumerated() {
      let a = Int(key >> 36)
      let b = Int((key >> 8) & 0xFFF_FFFF)
      let e = evidence(a, b, key & 0xFF)
      let lastDay = Day(daysSinceEpoch: e.last)
      let strength =
        model.strength(
          interactions: e.interactions, lastContact: lastDay, since: Day(daysSinceEpoch: e.since),
          sharedContext: e.context, asOf: asOfDay) ?? 0.1
      stats.kinds[e.kind] += 1
      switch classifier.classify(strength: strength, lastContact: lastDay, asOf: asOfDay) {
      case .strong: stats.strong += 1
      case .weak: stats.weak += 1
      case .dormant: stats.dormant += 1
      default: stats.nominal += 1
      }
      out.int(a)
      out.comma()
      out.int(b)
      out.comma()
      out.strength(strength)
      out.comma()
      out.int(e.interactions)
      out.comma()
      out.isoDate(e.last)
      out.comma()
      out.isoDate(e.since)
      out.comma()
      out.bytes.append(contentsOf: kindBytes[e.kind])
      out.byte(0x0A)
      if out.bytes.count >= 1 << 16 {
        writer.writeBytes(out.bytes)
        out.bytes.removeAll(keepingCapacity: true)
      }
      // Newest first, then by id: key = (~since, contact).
      let sinceKey = UInt64(~UInt32(truncatingIfNeeded: dayKey(e.since))) << 32
      if memberSlot[a] >= 0 { contacts[Int(memberSlot[a])].append(sinceKey | UInt64(b)) }
      if memberSlot[b] >= 0 { contacts[Int(memberSlot[b])].append(sinceKey | UInt64(a)) }
      if (i + 1) % step == 0 && pairs.count >= 1_000_000 {
        report("  ties.csv: \(TextFormat.grouped(i + 1)) / \(TextFormat.grouped(pairs.count))")
      }
    }
    writer.writeBytes(out.bytes)
    try writer.commit()
    return stats
  }
}
