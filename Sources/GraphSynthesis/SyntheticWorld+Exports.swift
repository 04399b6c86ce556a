// LinkedIn-style exports: which members get one (50–1500 contacts, one per company first,
// by a seeded shuffle), padding to `--export-size` with people outside ties.csv, and each
// member's `Connections.csv` in LinkedIn's current layout (the `Notes:` preamble, newest
// connection first, per-person quirks drawn from the person's own stream so every export
// shows them alike).
// Complexity: O(N) to choose members; per export O(c log c) for c contacts (sorting).
import GraphCore
import GraphIO

/// `12 Mar 2021`, LinkedIn's `Connected On` format.
private func linkedInDate(_ day: Int32) -> String { Day(daysSinceEpoch: day).linkedInFormat }

extension SyntheticWorld {
  /// Up to `exportCount` members with 50–1500 contacts, one per company first;
  /// then the best-connected others. Returned sorted by id.
  func chooseExportMembers(degree: [Int32]) -> [Int] {
    guard exportCount > 0 else { return [] }
    var rng = stream(0xE4)
    var candidates = (0..<n).filter { degree[$0] >= 50 && degree[$0] <= 1500 }
    // Deterministic Fisher–Yates shuffle.
    if candidates.count > 1 {
      for i in stride(from: candidates.count - 1, to: 0, by: -1) {
        candidates.swapAt(i, rng.nextInt(below: i + 1))
      }
    }
    var chosen: [Int] = []
    var taken = [Bool](repeating: false, count: n)
    var usedCompanies = Set<Int>()
    for p in candidates where chosen.count < exportCount && !usedCompanies.contains(currentCompany(p)) {
      usedCompanies.insert(currentCompany(p))
      chosen.append(p)
      taken[p] = true
    }
    for p in candidates where chosen.count < exportCount && !taken[p] {
      chosen.append(p)
      taken[p] = true
    }
    if chosen.count < exportCount {
      let rest = (0..<n).filter { !taken[$0] && degree[$0] > 0 }.sorted {
        degree[$0] != degree[$1] ? degree[$0] > degree[$1] : $0 < $1
      }
      chosen += rest.prefix(exportCount - chosen.count)
    }
    return chosen.sorted()
  }

  /// Pads a member's export to `exportSize` contacts with other people,
  /// each connected on a seeded day between 2008 and `asOf`.
  /// - Complexity: O(exportSize) expected (rejection sampling, then a scan).
  func padExport(member: Int, contacts: inout [UInt64]) {
    var listed = Set<Int>(minimumCapacity: exportSize + 1)
    listed.insert(member)
    for key in contacts { listed.insert(Int(key & 0xFFFF_FFFF)) }
    var rng = SplitMix64(seed: seed ^ 0xE7B0_5123, stream: UInt64(member))
    let start = Day(year: 2008, month: 1, day: 1)!.daysSinceEpoch
    let span = UInt64(max(1, asOf - start))
    func add(_ p: Int) {
      let since = start + Int32(truncatingIfNeeded: rng.next() % span)
      let hi = ~(UInt32(bitPattern: since) ^ 0x8000_0000)
      contacts.append(UInt64(hi) << 32 | UInt64(p))
      listed.insert(p)
    }
    var attempts = 0
    while contacts.count < exportSize && attempts < 4 * exportSize {
      attempts += 1
      let p = rng.nextInt(below: n)
      if !listed.contains(p) { add(p) }
    }
    var p = 0
    while contacts.count < exportSize && p < n {
      if !listed.contains(p) { add(p) }
      p += 1
    }
  }

  /// One member's LinkedIn `Connections.csv`, newest connection first.
  func writeExport(_ path: String, contacts: inout [UInt64]) throws(OutputError) {
    contacts.sort()
    let writer = try AtomicFileWriter(path: path)
    writer.write(
      """
      Notes:
      "When exporting your connection data, you may notice that some of the email addresses are missing. \
      You will only see email addresses for connections who have allowed their connections to see or download \
      their email address using this setting https://www.linkedin.com/psettings/privacy/email. \
      You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

      First Name,Last Name,URL,Email Address,Company,Position,Connected On

      """)
    var line = ""
    for key in contacts {
      let p = Int(key & 0xFFFF_FFFF)
      let since = Int32(bitPattern: ~UInt32(truncatingIfNeeded: key >> 32) ^ 0x8000_0000)
      // Per-person quirks, identical in every export the person appears in.
      var q = SplitMix64(seed: seed ^ 0x11AC, stream: UInt64(p))
      var firstName = firstDisplay[Int(first[p])]
      var lastName = lastDisplay[Int(last[p])]
      if q.chance(0.02), let nick = Vocab.nicknames.first(where: { $0.name == firstName }) {
        firstName += " (\(nick.nickname))"
      }
      if q.chance(0.02) { lastName += ", " + Vocab.credentials[q.nextInt(below: Vocab.credentials.count)] }
      if q.chance(0.012) { lastName += " " }
      let showsEmail = q.chance(0.10)
      let hidesCompany = q.chance(0.015)
      let hidesPosition = q.chance(0.02)
      line.removeAll(keepingCapacity: true)
      line += CSVEscaping.field(firstName, neutralizeFormulas: false)
      line += ","
      line += CSVEscaping.field(lastName, neutralizeFormulas: false)
      line += ",https://www.linkedin.com/in/"
      line += slug(p)
      line += ","
      if showsEmail { line += CSVEscaping.field(email(p), neutralizeFormulas: false) }
      line += ","
      if !hidesCompany { line += CSVEscaping.field(companyName[currentCompany(p)], neutralizeFormulas: false) }
      line += ","
      if !hidesPosition { line += CSVEscaping.field(title(p), neutralizeFormulas: false) }
      line += ","
      line += linkedInDate(since)
      line += "\n"
      writer.write(line)
    }
    try writer.commit()
  }
}
