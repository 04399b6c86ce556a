import ArgumentParser
import Foundation
import GraphAlgorithms
import GraphCore
import GraphIO
import GraphRendering

#if canImport(Glibc)
  import Glibc
#endif

/// What `liaison batch` (and `liaison demo`) run.
struct BatchConfig {
  var inputs: [String]
  var out: String
  var manifest: String?
  var targetsFile: String?
  /// Targets given directly (the demo), added after the file's.
  var targetList: [String] = []
  var quiet = false
  var threads = Parallel.defaultThreads
  var top = 10
  var maxNodes = 60
  var pictures = true
  var maxHops = 4
  var sample = 300
  var options = LoadOptions()
  var classifier = TieClassifier()
  var coverFraction = 0.8
}

/// `DIR/summary.json` (camelCase, sorted keys, no timestamps).
struct BatchSummary: Codable {
  struct Failure: Codable, Equatable {
    var file: String
    var line: Int
    var column: Int
    var reason: String
    var hint: String?
  }
  struct Member: Codable {
    var owner: String
    var slug: String
    var person: PersonReference.Ref
    var company: String
    var files: [String]
    var contacts: Int
    var firstDegree: Int
    var secondDegree: Int
    var weakReach: Int
    var weakOnlyReach: Int
    var effectiveSize: Double?
    var constraint: Double?
    var cover: Int
    var coverFraction: Double
    var coverCovered: Int
    var dormant: Int
    var topDormant: [PersonReference.Ref]
    var topIntroductions: [String]
    var details: String
    var table: String
    var picture: String?
  }
  struct Overlap: Codable {
    var a: String
    var b: String
    var sharedContacts: Int
    var jaccard: Double
    var tied: Bool
  }
  struct MemberPath: Codable {
    var member: String
    var strength: Double
    var hops: Int
    var people: [PersonReference.Ref]
    var sentence: String
  }
  struct Target: Codable {
    var target: String
    var slug: String
    var kind: String
    var people: Int
    var best: MemberPath?
    /// Every member with a chain, strongest first.
    var members: [MemberPath]
    var note: String?
    var picture: String?
  }
  struct Team: Codable {
    var members: Int
    var contactsInAll: Int
    var uniqueContacts: Int
    var overlaps: [Overlap]
    var overlapsListed: Int
    var targets: [Target]
    var introductions: IntroduceResult
    var brokers: BrokersAnswer
    var brokersPicture: String?
  }
  struct Inputs: Codable {
    var given: [String]
    var files: Int
    var analysed: Int
    var failed: Int
  }
  var report = "liaison batch"
  var version = 1
  var inputs: Inputs
  var failures: [Failure]
  // The counts of `liaison stats` (StatsResult.make on the same load), first-level for scripts.
  var people: Int
  var ties: Int
  var tieClasses: [String: Int]
  var inferredTies: Int
  var components: Int
  var largestComponent: Int
  var imports: [ImportReport]
  /// The whole `liaison stats` answer.
  var stats: StatsResult
  var members: [Member]
  var team: Team
  var notes: [String]
  var files: [String]
}

/// One member's details file `members/<slug>.json`.
struct BatchMemberDetail: Codable {
  var owner: String
  var person: PersonReference.Ref
  var files: [String]
  var reach: ReachAnswer
  var introductions: IntroduceResult?
  var targets: [BatchSummary.MemberPath?]
}

enum BatchReport {
  struct Outcome {
    var failures: Int
    var message: String
    var summary: BatchSummary
  }

  // MARK: inputs

  /// `owner,path` rows of a manifest; relative paths are taken from the manifest's folder.
  static func readManifest(_ path: String) throws(ImportError) -> [InputSpec] {
    var tokenizer = try CSVTokenizer(source: try ByteSource(path: path))
    var out: [InputSpec] = []
    var ownerColumn = 0
    var pathColumn = 1
    var first = true
    let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    while let r = try tokenizer.next() {
      if r.isBlank { continue }
      let fields = (0..<r.count).map { (r.trimmed($0) ?? "").lowercased() }
      if first {
        first = false
        if let o = fields.firstIndex(of: "owner"), let p = fields.firstIndex(of: "path") {
          ownerColumn = o
          pathColumn = p
          continue
        }
      }
      guard r.count > max(ownerColumn, pathColumn), let file = r.trimmed(pathColumn), !file.isEmpty else {
        throw ImportError(
          file: path, line: r.line, column: 1, message: "expected `owner,path`", hint: "one export per row, e.g. `Ada Lovelace,ada.csv`")
      }
      let owner = r.trimmed(ownerColumn) ?? ""
      let full = file.hasPrefix("/") ? file : "\(dir)/\(file)"
      out.append(InputSpec(path: full, owner: owner.isEmpty ? nil : owner))
    }
    return out
  }

  /// Whether a file starts with an `owner,path` header (a manifest given as an input).
  static func isManifest(_ path: String) -> Bool {
    guard path.lowercased().hasSuffix(".csv"), let source = try? ByteSource(path: path) else { return false }
    var head: [UInt8] = []
    _ = try? source.read(into: &head, count: 256)
    var text = String(decoding: head, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
    let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased() }
    return Set(fields) == ["owner", "path"]
  }

  /// Expands folders and manifests; inputs that cannot even be listed are failures.
  static func gather(_ config: BatchConfig) -> (specs: [InputSpec], failures: [BatchSummary.Failure]) {
    var specs: [InputSpec] = []
    var failures: [BatchSummary.Failure] = []
    var given = config.inputs.map(InputSpec.init(argument:))
    if let m = config.manifest { given.append(InputSpec(path: m)) }
    for spec in given {
      let expanded: [InputSpec]
      // The report folder (and any earlier report, by its marker) is never read as input.
      do { expanded = try InputSpec.expandingFolders([spec], skipping: [config.out]) } catch {
        failures.append(.init(file: error.file, line: error.line, column: error.column, reason: error.message, hint: error.hint))
        continue
      }
      for s in expanded {
        if s.format == nil && (s.path == config.manifest || isManifest(s.path)) {
          do { specs += try readManifest(s.path) } catch {
            failures.append(.init(file: error.file, line: error.line, column: error.column, reason: error.message, hint: error.hint))
          }
        } else {
          specs.append(s)
        }
      }
    }
    // A file listed twice (a folder and a manifest) is read once; the first owner wins.
    var seen = Set<String>()
    specs = specs.filter { seen.insert($0.path).inserted }
    return (specs, failures)
  }

  /// Loads everything; a file that cannot be used is set aside with its reason and the rest loaded again.
  static func load(
    _ specs: [InputSpec], options: LoadOptions, threads: Int, progress: BatchProgress
  ) -> (LoadedNetwork?, [BatchSummary.Failure], rowErrors: Int) {
    var specs = specs
    var failures: [BatchSummary.Failure] = []
    let counter = RowErrorCounter()
    var checkedAlone = false
    while !specs.isEmpty {
      if failures.count == 1 && !checkedAlone && specs.count > 1 {
        // After the first failure, read every remaining file on its own, in
        // parallel, so files that are unusable by themselves are set aside in
        // one step instead of one full reload each.
        checkedAlone = true
        progress.phase("checking \(specs.count) files one by one")
        var alone = options
        alone.contacts.infer = false
        let verdicts = UnsafeMutableBufferPointer<ImportError?>.allocate(capacity: specs.count)
        verdicts.initialize(repeating: nil)
        defer {
          verdicts.deinitialize()
          verdicts.deallocate()
        }
        let list = specs
        Parallel.parallelFor(count: list.count, threads: threads, chunk: 1, makeScratch: { () }) { range, _ in
          for i in range {
            do { _ = try NetworkLoader.load([list[i]], options: alone) } catch let error as ImportError where error.file == list[i].path {
              verdicts[i] = error
            } catch {}
          }
        }
        var kept: [InputSpec] = []
        for (i, spec) in list.enumerated() {
          if let error = verdicts[i] {
            failures.append(.init(file: error.file, line: error.line, column: error.column, reason: error.message, hint: error.hint))
            progress.note("skipped \(error.file): \(error.message)")
          } else {
            kept.append(spec)
          }
        }
        specs = kept
        if specs.isEmpty { break }
      }
      progress.phase("reading \(specs.count) file\(specs.count == 1 ? "" : "s")")
      counter.count = 0
      do {
        let loaded = try NetworkLoader.load(specs, options: options) { _ in counter.count += 1 }
        return (loaded, failures, counter.count)
      } catch {
        guard let i = specs.firstIndex(where: { $0.path == error.file }) else {
          // Not one file's fault (e.g. the network is too large): nothing to analyse.
          failures.append(.init(file: error.file, line: error.line, column: error.column, reason: error.message, hint: error.hint))
          return (nil, failures, counter.count)
        }
        failures.append(.init(file: error.file, line: error.line, column: error.column, reason: error.message, hint: error.hint))
        specs.remove(at: i)
        progress.note("skipped \(error.file): \(error.message)")
      }
    }
    return (nil, failures, 0)
  }

  // MARK: targets

  /// Target names from a file: one per line, or the `target` column of a CSV.
  static func readTargets(_ path: String) throws -> [String] { try TargetReference.readList(path) }

  /// Each target's people (`PersonTable.resolveTarget(personOrCompany:)`): a
  /// person reference, else everyone at the company; nobody when nothing or
  /// several companies fit (the target's note says which).
  static func resolveTargets(_ names: [String], in g: Graph) -> [(name: String, kind: String, shown: String, people: [PersonID])] {
    names.map { name in
      if case .found(let t) = g.people.resolveTarget(personOrCompany: name) {
        return (name, t.kind.rawValue, t.name, t.people)
      }
      return (name, "company", name, [])
    }
  }

  // MARK: helpers

  /// A safe file-name stem: lowercase ASCII letters, digits and single dashes, at most 60 characters.
  static func slug(_ s: String) -> String {
    var out = ""
    var dash = false
    for u in s.unicodeScalars {
      var c = u
      if c.value >= 65 && c.value <= 90 { c = Unicode.Scalar(c.value + 32)! }
      if (c.value >= 97 && c.value <= 122) || (c.value >= 48 && c.value <= 57) {
        if dash && !out.isEmpty { out += "-" }
        dash = false
        out.unicodeScalars.append(c)
        if out.count >= 60 { break }
      } else {
        dash = true
      }
    }
    return out
  }

  /// Unique slugs in order (`name`, `name-2`, …); empty ones become `fallback-N`.
  static func uniqueSlugs(_ names: [String], fallback: String) -> [String] {
    var used = Set<String>()
    var out: [String] = []
    for (i, n) in names.enumerated() {
      var base = slug(n)
      if base.isEmpty { base = "\(fallback)-\(i + 1)" }
      var s = base
      var k = 2
      while used.contains(s) {
        s = "\(base)-\(k)"
        k += 1
      }
      used.insert(s)
      out.append(s)
    }
    return out
  }

  static func sharedCount(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>) -> Int {
    var i = a.startIndex
    var j = b.startIndex
    var n = 0
    while i < a.endIndex && j < b.endIndex {
      if a[i] < b[j] {
        i += 1
      } else if a[i] > b[j] {
        j += 1
      } else {
        n += 1
        i += 1
        j += 1
      }
    }
    return n
  }

  /// Lays out and checks one picture; nil (with a note) when Graphviz fails.
  static func svg(_ model: RenderModel) -> [UInt8]? {
    do {
      return try model.svg()
    } catch {
      return nil
    }
  }

  static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    let w = try AtomicFileWriter(path: path)
    w.writeBytes(bytes)
    try w.commit()
  }

  static func makeFolder(_ path: String) -> Bool {
    if mkdir(path, 0o755) == 0 || errno == EEXIST {
      var st = stat()
      return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
    return false
  }

  // MARK: the run

  /// The files at the top of the report folder.
  static let reportFiles = [
    "summary.json", "index.html", "members.csv", "overlaps.csv", "targets.csv", "introductions.csv", "brokers.csv",
    "brokers.svg",
  ]

  static func run(_ config: BatchConfig) throws -> Outcome {
    let progress = BatchProgress(enabled: !config.quiet && isatty(2) != 0)
    if let out = FileIdentity(path: config.out),
      let input = config.inputs.map({ InputSpec(argument: $0).path }).first(where: { FileIdentity(path: $0) == out })
    {
      Terminal.error(
        "--out \(config.out) is the input folder \(input): the report would be read back as input on the next run; "
          + "choose a folder of its own, e.g. --out report")
      throw ExitCode(LiaisonCommand.Exit.usage.rawValue)
    }
    let g0 = gather(config)
    OutputGuard.protectInputs(g0.specs.map(\.path) + [config.manifest, config.targetsFile].compactMap { $0 })
    // The report's own files, checked before any work (a targets file kept as DIR/targets.csv, say).
    for name in Self.reportFiles {
      do { try OutputGuard.checkNotInput("\(config.out)/\(name)") } catch { throw OutputFailure.report(error) }
    }
    var failures = g0.failures
    let (loadedOrNil, loadFailures, rowErrors) = load(g0.specs, options: config.options, threads: config.threads, progress: progress)
    failures += loadFailures
    guard let loaded = loadedOrNil else {
      progress.done()
      for f in failures { Terminal.error("\(f.file)\(f.line > 0 ? ":\(f.line)" : ""): \(f.reason)") }
      Terminal.error("no input could be read, so there is nothing to analyse")
      throw ExitCode.failure
    }
    let g = loaded.graph
    progress.note("read \(grouped(loaded.imports.count)) files: \(grouped(g.personCount)) people, \(grouped(g.tieCount)) ties")
    if rowErrors > 0 {
      Terminal.warn("\(grouped(rowErrors)) row\(rowErrors == 1 ? "" : "s") rejected (listed per file in summary.json under imports)")
    }
    guard makeFolder(config.out), makeFolder("\(config.out)/members"), makeFolder("\(config.out)/targets") else {
      Terminal.error("\(config.out): cannot create the report folder (\(String(cString: strerror(errno)))) — check the path and permissions")
      throw ExitCode.failure
    }
    do {
      try AtomicFileWriter.write(
        "A Liaison batch report. Folders holding this file are not read as input.\n",
        to: "\(config.out)/\(InputSpec.reportMarker)")
    } catch {
      throw OutputFailure.report(error)
    }
    let stats = StatsResult.make(loaded, classifier: config.classifier)

    // Members: the owners of the exports, in input order.
    var members: [(owner: IdentityReport.Owner, person: PersonID)] = []
    for o in loaded.identity?.owners ?? [] {
      if case .person(let p) = g.people.resolve(o.person) { members.append((o, p)) }
    }
    let slugs = uniqueSlugs(members.map(\.owner.owner), fallback: "member")

    // Targets.
    var targetNames = try config.targetsFile.map(readTargets) ?? []
    targetNames += config.targetList
    let targets = resolveTargets(targetNames, in: g)
    let targetSlugs = uniqueSlugs(targets.map(\.name), fallback: "target")


    // Per member, in parallel.
    progress.phase("analysing \(members.count) member\(members.count == 1 ? "" : "s")")
    var reachOptions = ReachOptions()
    reachOptions.classifier = config.classifier
    reachOptions.coverFraction = config.coverFraction
    let slots = UnsafeMutableBufferPointer<MemberResult?>.allocate(capacity: max(members.count, 1))
    slots.initialize(repeating: nil)
    defer {
      slots.deinitialize()
      slots.deallocate()
    }
    let counter = ProgressCounter(total: members.count, progress: progress, what: "members")
    Parallel.parallelFor(count: members.count, threads: config.threads, chunk: 1, makeScratch: { PathSearch(g) }) { range, search in
      for m in range {
        slots[m] = analyseMember(
          g, member: members[m].owner, person: members[m].person, slug: slugs[m], targets: targets, config: config,
          reachOptions: reachOptions, search: &search)
        counter.tick()
      }
    }
    var results: [MemberResult] = []
    for m in 0..<members.count {
      let r = slots[m]!
      if let e = r.writeError {
        Terminal.error(e)
        throw ExitCode.failure
      }
      results.append(r)
    }

    // Team: overlaps.
    progress.phase("team overlaps")
    var overlaps: [BatchSummary.Overlap] = []
    var allContacts = Set<Int32>()
    var contactsInAll = 0
    for (i, a) in members.enumerated() {
      let na = g.neighbors(of: a.person)
      contactsInAll += na.count
      allContacts.formUnion(na)
      for j in (i + 1)..<max(i + 1, members.count) {
        let b = members[j]
        let nb = g.neighbors(of: b.person)
        let shared = sharedCount(na, nb)
        let tied = g.strength(between: a.person, and: b.person) != nil
        if shared == 0 && !tied { continue }
        let union = na.count + nb.count - shared
        overlaps.append(
          .init(
            a: a.owner.owner, b: b.owner.owner, sharedContacts: shared, jaccard: union > 0 ? Double(shared) / Double(union) : 0,
            tied: tied))
      }
    }
    overlaps.sort { ($0.sharedContacts, $1.a, $1.b) > ($1.sharedContacts, $0.a, $0.b) }
    for m in members { allContacts.remove(Int32(m.person)) }

    // Team: warm paths to targets (the members' searches, best member first).
    var targetRows: [BatchSummary.Target] = []
    var pathPictures: [[StrongestPath]] = []
    for (t, target) in targets.enumerated() {
      var chains: [(m: Int, path: BatchSummary.MemberPath, raw: StrongestPath?)] = []
      for (m, r) in results.enumerated() {
        if let p = r.targetPaths[t] { chains.append((m, p, r.rawPaths[t])) }
      }
      chains.sort { a, b in
        if a.path.strength != b.path.strength { return a.path.strength > b.path.strength }
        if a.path.hops != b.path.hops { return a.path.hops < b.path.hops }
        return a.m < b.m
      }
      var note: String?
      if target.people.isEmpty {
        note = TargetReference.emptyNote(target.name, in: g)
      } else if chains.isEmpty {
        note = "no member has a chain of at most \(config.maxHops) hops starting with a usable tie"
      }
      targetRows.append(
        .init(
          target: target.name, slug: targetSlugs[t], kind: target.kind, people: target.people.count, best: chains.first?.path,
          members: chains.map(\.path), note: note, picture: nil))
      pathPictures.append(chains.prefix(3).compactMap(\.raw))
    }

    // Team: introductions and brokers over the whole merged network.
    progress.phase("network-wide introductions")
    let network = g.networkIntroductions(perPerson: 3, by: .adamicAdar, minCommon: 1, threads: config.threads)
    var introductions = IntroduceResult.make(network, index: .adamicAdar, k: 3, in: g)
    progress.phase("brokers")
    let sample: Int? = g.personCount > 5000 ? config.sample : nil
    let b =
      sample.map { g.approximateBetweenness(samples: $0, seed: 1, weighted: false, threads: config.threads) }
      ?? g.betweenness(weighted: false, threads: config.threads)
    let brokers = BrokersReport.make(
      g, top: 25, by: .betweenness, groupBy: .company, weighted: false, sample: sample, seed: 1, threads: config.threads,
      betweenness: b)

    // Files.
    progress.phase("writing the report")
    var notes: [String] = []
    var written: [String] = []
    do {
      var o = ViewOptions()
      o.classifier = config.classifier
      o.maxNodes = max(config.maxNodes, 80)
      var brokersPicture: String?
      if config.pictures, g.personCount > 1 {
        if let bytes = svg(.brokers(g, betweenness: b.normalised, top: 15, options: o)) {
          try write(bytes, to: "\(config.out)/brokers.svg")
          brokersPicture = "brokers.svg"
        } else {
          notes.append("The brokers picture could not be drawn (Graphviz failed).")
        }
        for t in targets.indices where !pathPictures[t].isEmpty {
          var po = ViewOptions()
          po.classifier = config.classifier
          if let bytes = svg(.path(g, paths: pathPictures[t], options: po)) {
            try write(bytes, to: "\(config.out)/targets/\(targetSlugs[t]).svg")
            targetRows[t].picture = "targets/\(targetSlugs[t]).svg"
          }
        }
      }
      let memberRows = results.map(\.summary)
      let full = introductions
      introductions.candidates = Array(introductions.candidates.prefix(50))
      let team = BatchSummary.Team(
        members: members.count, contactsInAll: contactsInAll, uniqueContacts: allContacts.count,
        overlaps: Array(overlaps.prefix(50)), overlapsListed: overlaps.count, targets: targetRows, introductions: introductions,
        brokers: brokers, brokersPicture: brokersPicture)
      if members.isEmpty {
        notes.append("No contact export was read, so there are no members: pass each member's export (LinkedIn Connections.csv, vCard, …).")
      }
      if g.ties.inferredCount > 0 {
        notes.append(
          "\(grouped(g.ties.inferredCount)) ties are inferred (shared employer, email domain, labels, several members' exports); answers rest on them in part. --no-infer switches them off."
        )
      }
      if let s = sample {
        notes.append("Betweenness is estimated from \(s) sampled people (the network has more than 5,000).")
      }

      // CSV tables.
      var mcsv = CSVEscaping.row([
        "owner", "id", "name", "company", "contacts", "secondDegree", "weakReach", "weakOnlyReach", "effectiveSize", "constraint",
        "cover", "coverCovered", "dormant", "files",
      ])
      for m in memberRows {
        mcsv += CSVEscaping.row([
          m.owner, m.person.id, m.person.name, m.company, "\(m.contacts)", "\(m.secondDegree)", "\(m.weakReach)", "\(m.weakOnlyReach)",
          m.effectiveSize.map { "\($0)" } ?? "", m.constraint.map { "\($0)" } ?? "", "\(m.cover)", "\(m.coverCovered)", "\(m.dormant)",
          m.files.joined(separator: " "),
        ])
      }
      try AtomicFileWriter.write(mcsv, to: "\(config.out)/members.csv")
      let ow = try AtomicFileWriter(path: "\(config.out)/overlaps.csv")
      ow.write(CSVEscaping.row(["a", "b", "sharedContacts", "jaccard", "tied"]))
      for x in overlaps { ow.write(CSVEscaping.row([x.a, x.b, "\(x.sharedContacts)", "\(x.jaccard)", "\(x.tied)"])) }
      try ow.commit()
      var tcsv = CSVEscaping.row(["target", "kind", "people", "rank", "member", "strength", "hops", "chain"])
      for t in targetRows {
        if t.members.isEmpty { tcsv += CSVEscaping.row([t.target, t.kind, "\(t.people)", "", "", "", "", t.note ?? ""]) }
        for (i, p) in t.members.enumerated() {
          tcsv += CSVEscaping.row([
            t.target, t.kind, "\(t.people)", "\(i + 1)", p.member, "\(p.strength)", "\(p.hops)", p.people.map(\.name).joined(separator: " > "),
          ])
        }
      }
      try AtomicFileWriter.write(tcsv, to: "\(config.out)/targets.csv")
      var icsv = full
      icsv.candidates = Array(full.candidates.prefix(500))
      try AtomicFileWriter.write(icsv.csv(), to: "\(config.out)/introductions.csv")
      try AtomicFileWriter.write(brokers.csv(), to: "\(config.out)/brokers.csv")

      written = ["summary.json", "index.html", "members.csv", "overlaps.csv", "targets.csv", "introductions.csv", "brokers.csv"]
      if brokersPicture != nil { written.append("brokers.svg") }
      for m in memberRows {
        written += [m.details, m.table]
        if let p = m.picture { written.append(p) }
      }
      written += targetRows.compactMap(\.picture)
      let summary = BatchSummary(
        inputs: .init(
          given: config.inputs + (config.manifest.map { [$0] } ?? []), files: loaded.imports.count + failures.count,
          analysed: loaded.imports.count, failed: failures.count),
        failures: failures, people: stats.people, ties: stats.ties, tieClasses: stats.tieClasses, inferredTies: stats.inferredTies,
        components: stats.components, largestComponent: stats.largestComponent, imports: stats.imports, stats: stats,
        members: memberRows, team: team, notes: notes, files: written.sorted())
      try AtomicFileWriter.write(try jsonText(summary), to: "\(config.out)/summary.json")
      try AtomicFileWriter.write(BatchHTML.page(summary, results: results), to: "\(config.out)/index.html")
      progress.done()
      var message = "Team report: \(grouped(stats.people)) people, \(grouped(stats.ties)) ties, \(members.count) member\(members.count == 1 ? "" : "s")"
      message += ", \(targets.count) target\(targets.count == 1 ? "" : "s") → \(config.out)/index.html"
      if !failures.isEmpty {
        message += "\n\(failures.count) input\(failures.count == 1 ? "" : "s") could not be read (listed in summary.json):"
        for f in failures { message += "\n  \(f.file)\(f.line > 0 ? ":\(f.line)" : ""): \(f.reason)" }
      }
      return Outcome(failures: failures.count, message: message, summary: summary)
    } catch let error as OutputError {
      progress.done()
      throw OutputFailure.report(error)
    }
  }

  /// What one member's analysis keeps in memory (the rest is written at once).
  struct MemberResult {
    var summary: BatchSummary.Member
    var targetPaths: [BatchSummary.MemberPath?]
    var rawPaths: [StrongestPath?]
    var writeError: String?
  }

  static func analyseMember(
    _ g: Graph, member: IdentityReport.Owner, person p: PersonID, slug: String,
    targets: [(name: String, kind: String, shown: String, people: [PersonID])], config: BatchConfig, reachOptions: ReachOptions,
    search: inout PathSearch
  ) -> MemberResult {
    let r = g.egoReach(p, options: reachOptions)
    let burt = g.burtMeasures(of: p)
    var answer = ReachCommand.answer(g, r, burt, nil, cover: config.coverFraction)
    var intro: IntroduceResult?
    if g.degree(of: p) >= 2 {
      let found = g.introductionCandidates(
        for: p, options: IntroductionOptions(top: config.top, closeAtLeast: config.classifier.strongAtLeast, threads: 1))
      if found.contactsConsidered < found.contacts {
        Terminal.note(
          IntroduceCommand.capNotice(found, in: g, lift: "`liaison introduce --ego … --max-contacts 0` pairs all of them."))
      }
      intro = IntroduceResult.make(found, in: g)
    }
    // Chains to each target.
    var paths: [BatchSummary.MemberPath?] = []
    var raw: [StrongestPath?] = []
    for t in targets {
      if t.people.contains(p) {
        raw.append(nil)
        paths.append(
          .init(
            member: member.owner, strength: 1, hops: 0, people: [PersonReference.ref(p, in: g)],
            sentence: "\(g.people.name(of: p)) is \(t.kind == "person" ? "the target" : "there") already."))
        continue
      }
      let found = search.strongestPaths(
        from: p, to: t.people,
        query: PathQuery(k: 1, maxHops: config.maxHops, disjoint: false, firstHop: .usable(config.classifier)))
      if let best = found.first {
        let made = IntroductionChains.make(best, g, config.classifier)
        raw.append(best)
        paths.append(
          .init(
            member: member.owner, strength: best.strength, hops: best.hops, people: best.people.map { PersonReference.ref($0, in: g) },
            sentence: made.sentence))
      } else {
        raw.append(nil)
        paths.append(nil)
      }
    }
    // Files: the member's table (every contact), details (top lists) and picture.
    let base = "\(config.out)/members/\(slug)"
    var writeError: String?
    var picture: String?
    do {
      let coverIDs = Set(answer.cover.contacts.map(\.id))
      let w = try AtomicFileWriter(path: base + ".csv")
      w.write("id,name,company,tieClass,strength,secondDegree,uniqueReach,mutualContacts,jobValue,inferred,inCover,reopens\n")
      for c in answer.contacts {
        w.write(
          CSVEscaping.row([
            c.id, c.name, c.company, c.tieClass, "\(c.strength)", "\(c.secondDegree)", "\(c.uniqueReach)", "\(c.mutualContacts)",
            "\(c.jobValue)", "\(c.inferred)", "\(coverIDs.contains(c.id))", c.reopens.map { "\($0)" } ?? "",
          ]))
      }
      try w.commit()
      answer.contacts = Array(answer.contacts.prefix(config.top))
      answer.dormant = Array(answer.dormant.prefix(config.top))
      answer.companies = Array(answer.companies.prefix(config.top))
      answer.industries = Array(answer.industries.prefix(config.top))
      let detail = BatchMemberDetail(
        owner: member.owner, person: PersonReference.ref(p, in: g), files: member.files, reach: answer, introductions: intro,
        targets: paths)
      try AtomicFileWriter.write(try jsonText(detail), to: base + ".json")
      if config.pictures {
        var o = ViewOptions()
        o.classifier = config.classifier
        o.maxNodes = config.maxNodes
        if let bytes = svg(.ego(g, ego: p, options: o)) {
          try write(bytes, to: base + ".svg")
          picture = "members/\(slug).svg"
        }
      }
    } catch {
      writeError = "\(error)"
    }
    let summary = BatchSummary.Member(
      owner: member.owner, slug: slug, person: PersonReference.ref(p, in: g), company: g.people.company(of: p), files: member.files,
      contacts: member.contacts, firstDegree: r.firstDegree, secondDegree: r.secondDegree, weakReach: r.weakReach,
      weakOnlyReach: r.weakOnlyReach, effectiveSize: burt.effectiveSize, constraint: burt.constraint,
      cover: r.cover.contacts.count, coverFraction: r.cover.fraction, coverCovered: r.cover.covered, dormant: r.dormant.count,
      topDormant: answer.dormant.prefix(3).map { .init(id: $0.id, name: $0.name) },
      topIntroductions: (intro?.candidates ?? []).prefix(3).map { "\($0.a.name) ↔ \($0.b.name)" },
      details: "members/\(slug).json", table: "members/\(slug).csv", picture: picture)
    return MemberResult(summary: summary, targetPaths: paths, rawPaths: raw, writeError: writeError)
  }
}

/// Counts rejected rows while loading (single-threaded loader).
final class RowErrorCounter: @unchecked Sendable {
  var count = 0
}

/// Progress on standard error, only when it is a terminal: phase, members done, elapsed, time left.
final class BatchProgress: @unchecked Sendable {
  let enabled: Bool
  let start = Clock.now()
  var lastLine = false
  var lastDraw = 0.0
  var phaseName = ""
  let lock = NSLock()

  let timings = getenv("LIAISON_TIMINGS") != nil
  var phaseStart = Clock.now()

  init(enabled: Bool) { self.enabled = enabled }

  func phase(_ name: String) {
    if timings {
      let now = Clock.now()
      if !phaseName.isEmpty { Terminal.note("batch \(phaseName): \(fixed(now - phaseStart, 2)) s") }
      phaseStart = now
      if !enabled { phaseName = name }
    }
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    phaseName = name
    draw("\(name)…")
  }

  func note(_ text: String) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    if lastLine { Terminal.write("\r\u{1B}[K") }
    lastLine = false
    Terminal.note(text)
  }

  func count(_ done: Int, of total: Int, what: String) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    let now = Clock.now()
    if done < total && now - lastDraw < 0.25 { return }
    lastDraw = now
    let elapsed = now - start
    var text = "\(phaseName): \(done)/\(total) \(what), \(Int(elapsed)) s"
    if done > 0 && done < total {
      let left = elapsed / Double(done) * Double(total - done)
      text += ", about \(Int(left.rounded(.up))) s left"
    }
    draw(text)
  }

  private func draw(_ text: String) {
    Terminal.write("\r\u{1B}[K" + TextTable.clean(text))
    lastLine = true
  }

  func done() {
    if timings && !phaseName.isEmpty {
      Terminal.note("batch \(phaseName): \(fixed(Clock.now() - phaseStart, 2)) s; total \(fixed(Clock.now() - start, 2)) s")
    }
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    if lastLine { Terminal.write("\r\u{1B}[K") }
    lastLine = false
  }
}

final class ProgressCounter: @unchecked Sendable {
  let total: Int
  let progress: BatchProgress
  let what: String
  var done = 0
  let lock = NSLock()
  init(total: Int, progress: BatchProgress, what: String) {
    self.total = total
    self.progress = progress
    self.what = what
  }
  func tick() {
    lock.lock()
    done += 1
    let d = done
    lock.unlock()
    progress.count(d, of: total, what: what)
  }
}
