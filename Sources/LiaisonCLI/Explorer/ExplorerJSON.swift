import GraphCore

/// The explorer page's JSON, written by hand: the same bytes as
/// `JSONEncoder` with sorted keys and unescaped slashes followed by
/// `ExplorerHTML.scriptSafe` (a test holds the two equal), at a fraction of
/// the cost — the generic encoder was a quarter of a batch's time with a page
/// per member. Keys are written in byte order, as `sortedKeys` orders them;
/// nil optionals are left out.
struct ExplorerJSON: ~Copyable {
  /// The bytes written, behind a raw pointer: appending a byte is a compare
  /// and a store (an array's append also checks each time that its buffer
  /// is not shared), and a page is millions of appends.
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int

  init(capacity: Int = 1 << 12) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// A copy of the bytes written.
  var bytes: [UInt8] { withBytes { Array($0) } }

  /// Calls `body` with the bytes written (valid only during the call).
  func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// The page data as script-safe JSON.
  /// - Complexity: O(size of the data).
  static func text(_ data: ExplorerData) throws(ExplorerJSONError) -> String {
    String(decoding: try utf8(data), as: UTF8.self)
  }

  /// `prefix`, then the page data as script-safe JSON, in UTF-8.
  static func utf8(_ data: ExplorerData, after prefix: [UInt8] = [], capacity: Int = 1 << 20)
    throws(ExplorerJSONError) -> [UInt8]
  {
    try written(data, after: prefix, capacity: capacity).bytes
  }

  /// A writer holding `prefix`, the page data as script-safe JSON and
  /// `suffix`, in UTF-8, in one buffer first reserved at `capacity` bytes
  /// (a page's few MB grow no copies); read them with `withBytes`.
  static func written(_ data: ExplorerData, after prefix: [UInt8], before suffix: [UInt8] = [], capacity: Int)
    throws(ExplorerJSONError) -> ExplorerJSON
  {
    var w = ExplorerJSON(capacity: max(capacity, prefix.count + suffix.count))
    prefix.withUnsafeBufferPointer { w.put($0) }
    try w.data(data)
    suffix.withUnsafeBufferPointer { w.put($0) }
    return w
  }

  @inline(__always) mutating func put(_ b: UInt8) {
    if count == capacity { grow(1) }
    base[count] = b
    count += 1
  }

  @inline(__always) mutating func put(_ b: UnsafeBufferPointer<UInt8>) {
    guard let from = b.baseAddress else { return }
    if capacity - count < b.count { grow(b.count) }
    (base + count).initialize(from: from, count: b.count)
    count += b.count
  }

  /// Room for `needed` more bytes: at least double the capacity (amortised O(1) per byte).
  @inline(never) private mutating func grow(_ needed: Int) {
    let larger = max(capacity * 2, count + needed)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
    moved.initialize(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = larger
  }

  // MARK: values

  /// Text written as it is; one byte (a comma, a bracket) is appended as a
  /// byte, not as a sequence, which costs several times more.
  @inline(__always) mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { b in
      if b.count == 1 { put(b[0]) } else { put(b) }
    }
  }

  /// Per byte: whether `string` copies it as it is (not a control byte, `"`,
  /// `\`, `<`, `>`, `&`, nor the lead byte 0xE2 of U+2028 and U+2029).
  static let plain: [Bool] = (0..<256).map { b in
    b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x3C && b != 0x3E && b != 0x26 && b != 0xE2
  }

  /// A string, escaped as JSON and for a `<script>` block: `<`, `>`, `&`,
  /// U+2028 and U+2029 as `\u` escapes.
  mutating func string(_ s: String) {
    put(UInt8(ascii: "\""))
    var s = s
    let plain = Self.plain
    s.withUTF8 { u in
      var i = 0
      while i < u.count {
        // A run of bytes that need no escape is copied at once.
        var end = i
        while end < u.count, plain[Int(u[end])] { end += 1 }
        if end > i {
          put(UnsafeBufferPointer(rebasing: u[i..<end]))
          i = end
          if i == u.count { break }
        }
        let b = u[i]
        i += 1
        switch b {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case UInt8(ascii: "<"): raw("\\u003c")
        case UInt8(ascii: ">"): raw("\\u003e")
        case UInt8(ascii: "&"): raw("\\u0026")
        case 0xE2 where i + 1 < u.count && u[i] == 0x80 && (u[i + 1] == 0xA8 || u[i + 1] == 0xA9):
          raw(u[i + 1] == 0xA8 ? "\\u2028" : "\\u2029")
          i += 2
        case ..<0x20:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          raw("\\u00")
          put(hex[Int(b >> 4)])
          put(hex[Int(b & 15)])
        default: put(b)
        }
      }
    }
    put(UInt8(ascii: "\""))
  }

  /// Decimal digits, made right to left in a small buffer.
  mutating func int(_ v: Int) {
    if v >= 0 && v < 10 {
      put(UInt8(ascii: "0") + UInt8(v))
      return
    }
    var m = v.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: a sign and up to 20 digits
    withUnsafeMutableBytes(of: &digits) { d in
      var i = d.count
      repeat {
        i -= 1
        d[i] = UInt8(ascii: "0") + UInt8(m % 10)
        m /= 10
      } while m > 0
      if v < 0 {
        i -= 1
        d[i] = UInt8(ascii: "-")
      }
      // Byte by byte: for the few digits of an index, cheaper than appending a sequence.
      while i < d.count {
        put(d[i])
        i += 1
      }
    }
  }

  /// Shortest round-trip digits, without a trailing `.0` (as the encoder writes them).
  ///
  /// A value with at most four decimals (the page rounds to 4 or 1), from
  /// 0.0001 up to 10¹⁰, is written from its integer count of ten-thousandths:
  /// the double nearest to k / 10⁴ has that decimal as its shortest form
  /// (its ulp is far below 10⁻⁴), which is what `description` writes; others
  /// (and −0) take `description` itself.
  mutating func number(_ v: Double) throws(ExplorerJSONError) {
    guard v.isFinite else { throw ExplorerJSONError(value: v) }
    let scaled = (v * 10_000).rounded()
    if v != 0, v.magnitude >= 0.0001, v.magnitude < 1e10, scaled / 10_000 == v {
      var k = Int(scaled)
      if k < 0 { put(UInt8(ascii: "-")) }
      k = abs(k)
      int(k / 10_000)
      var fraction = k % 10_000
      if fraction != 0 {
        put(UInt8(ascii: "."))
        var digits = 4
        while fraction % 10 == 0 {
          fraction /= 10
          digits -= 1
        }
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
          put(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
          divisor /= 10
        }
      }
      return
    }
    if v == 0 && v.sign == .plus {
      put(UInt8(ascii: "0"))
      return
    }
    var text = v.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    text.withUTF8 { put($0) }
  }

  mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

  /// `"key":`, with a comma first unless it is the object's first member.
  mutating func key(_ k: StaticString, first: Bool = false) {
    if !first { put(UInt8(ascii: ",")) }
    put(UInt8(ascii: "\""))
    raw(k)
    raw("\":")
  }

  mutating func array<T>(_ items: [T], _ each: (inout ExplorerJSON, T) throws(ExplorerJSONError) -> Void)
    throws(ExplorerJSONError)
  {
    put(UInt8(ascii: "["))
    // Through the buffer: each item is lent in place, not copied out (a
    // person's strings are not retained and released per row).
    try items.withUnsafeBufferPointer { b throws(ExplorerJSONError) in
      for i in b.indices {
        if i > 0 { put(UInt8(ascii: ",")) }
        try each(&self, b[i])
      }
    }
    put(UInt8(ascii: "]"))
  }

  mutating func strings(_ items: [String]) { try! array(items) { w, s in w.string(s) } }
  mutating func ints(_ items: [Int]) { try! array(items) { w, v in w.int(v) } }

  /// An object keyed by text, keys in byte order.
  mutating func dictionary<T>(_ d: [String: T], _ each: (inout ExplorerJSON, T) throws(ExplorerJSONError) -> Void)
    throws(ExplorerJSONError)
  {
    put(UInt8(ascii: "{"))
    // Compared as byte arrays: much cheaper than comparing the strings' UTF-8 views.
    let keys = d.keys.map { (utf8: Array($0.utf8), key: $0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      .map(\.key)
    for (i, k) in keys.enumerated() {
      if i > 0 { put(UInt8(ascii: ",")) }
      string(k)
      put(UInt8(ascii: ":"))
      try each(&self, d[k]!)
    }
    put(UInt8(ascii: "}"))
  }

  /// An object keyed by person index, keys in the byte order of their text.
  mutating func byPerson<T>(_ d: ByPerson<T>, _ each: (inout ExplorerJSON, T) throws(ExplorerJSONError) -> Void)
    throws(ExplorerJSONError)
  {
    put(UInt8(ascii: "{"))
    for (i, entry) in d.inTextOrder.enumerated() {
      if i > 0 { put(UInt8(ascii: ",")) }
      put(UInt8(ascii: "\""))
      int(entry.person)
      raw("\":")
      try each(&self, entry.value)
    }
    put(UInt8(ascii: "}"))
  }

  // MARK: the page's types

  mutating func data(_ d: ExplorerData) throws(ExplorerJSONError) {
    raw("{")
    key("brokers", first: true)
    try array(d.brokers) { w, b throws(ExplorerJSONError) in try w.broker(b) }
    key("caption")
    strings(d.caption)
    key("chains")
    try byPerson(d.chains) { w, list throws(ExplorerJSONError) in
      try w.array(list) { w, c throws(ExplorerJSONError) in try w.chain(c) }
    }
    key("communities")
    try array(d.communities) { w, c throws(ExplorerJSONError) in
      w.raw("{")
      w.key("label", first: true)
      w.string(c.label)
      w.key("size")
      w.int(c.size)
      w.raw("}")
    }
    key("edges")
    try array(d.edges) { w, e throws(ExplorerJSONError) in try w.edge(e) }
    if let ego = d.ego {
      key("ego")
      int(ego)
    }
    key("height")
    try number(d.height)
    key("how")
    strings(d.how)
    key("introductions")
    try array(d.introductions) { w, i throws(ExplorerJSONError) in try w.introduction(i) }
    key("legend")
    try array(d.legend) { w, l throws(ExplorerJSONError) in
      w.raw("{")
      w.key("color", first: true)
      w.string(l.color)
      w.key("symbol")
      w.string(l.symbol)
      w.key("text")
      w.string(l.text)
      w.raw("}")
    }
    key("nodes")
    try array(d.nodes) { w, n throws(ExplorerJSONError) in try w.node(n) }
    key("only")
    try byPerson(d.only) { w, o throws(ExplorerJSONError) in
      w.raw("{")
      w.key("count", first: true)
      w.int(o.count)
      w.key("people")
      w.ints(o.people)
      w.raw("}")
    }
    key("people")
    try array(d.people) { w, p throws(ExplorerJSONError) in try w.person(p) }
    key("plan")
    try dictionary(d.plan) { w, items throws(ExplorerJSONError) in
      try w.array(items) { w, item throws(ExplorerJSONError) in w.planItem(item) }
    }
    key("reach")
    try array(d.reach) { w, r throws(ExplorerJSONError) in try w.reachRow(r) }
    key("schema")
    int(d.schema)
    key("sources")
    strings(d.sources)
    key("subtitle")
    string(d.subtitle)
    key("ties")
    try array(d.ties) { w, t throws(ExplorerJSONError) in try w.tie(t) }
    key("title")
    string(d.title)
    key("width")
    try number(d.width)
    raw("}")
  }

  mutating func broker(_ b: ExplorerData.Broker) throws(ExplorerJSONError) {
    raw("{")
    var first = true
    if let v = b.betweenness {
      key("betweenness", first: first)
      try number(v)
      first = false
    }
    if let v = b.constraint {
      key("constraint", first: first)
      try number(v)
      first = false
    }
    if let v = b.effectiveSize {
      key("effectiveSize", first: first)
      try number(v)
      first = false
    }
    key("person", first: first)
    int(b.person)
    raw("}")
  }

  mutating func chain(_ c: ExplorerData.Chain) throws(ExplorerJSONError) {
    raw("{")
    key("people", first: true)
    ints(c.people)
    if let s = c.sentence {
      key("sentence")
      string(s)
    }
    key("strength")
    try number(c.strength)
    raw("}")
  }

  mutating func edge(_ e: ExplorerData.Edge) throws(ExplorerJSONError) {
    raw("{")
    key("a", first: true)
    int(e.a)
    key("b")
    int(e.b)
    key("color")
    string(e.color)
    key("dash")
    bool(e.dash)
    key("kind")
    string(e.kind)
    key("points")
    try array(e.points) { w, v throws(ExplorerJSONError) in try w.number(v) }
    key("tie")
    int(e.tie)
    key("width")
    try number(e.width)
    raw("}")
  }

  mutating func introduction(_ i: ExplorerData.Introduction) throws(ExplorerJSONError) {
    raw("{")
    key("a", first: true)
    int(i.a)
    key("b")
    int(i.b)
    key("reasons")
    strings(i.reasons)
    key("score")
    try number(i.score)
    key("shared")
    int(i.shared)
    raw("}")
  }

  mutating func node(_ n: ExplorerData.Node) throws(ExplorerJSONError) {
    raw("{")
    key("fill", first: true)
    string(n.fill)
    key("h")
    try number(n.h)
    key("kind")
    string(n.kind)
    key("label")
    string(n.label)
    key("labelShown")
    bool(n.labelShown)
    if let m = n.members {
      key("members")
      ints(m)
    }
    if let p = n.person {
      key("person")
      int(p)
    }
    key("shape")
    string(n.shape)
    key("stroke")
    string(n.stroke)
    key("w")
    try number(n.w)
    key("x")
    try number(n.x)
    key("y")
    try number(n.y)
    raw("}")
  }

  mutating func person(_ p: ExplorerData.Person) throws(ExplorerJSONError) {
    raw("{")
    var first = true
    if let c = p.class {
      key("class", first: true)
      string(c)
      first = false
    }
    if let c = p.community {
      key("community", first: first)
      int(c)
      first = false
    }
    key("company", first: first)
    string(p.company)
    if let d = p.distance {
      key("distance")
      int(d)
    }
    key("id")
    string(p.id)
    key("industry")
    string(p.industry)
    key("inferred")
    bool(p.inferred)
    key("location")
    string(p.location)
    key("name")
    string(p.name)
    key("node")
    int(p.node)
    if let s = p.strength {
      key("strength")
      try number(s)
    }
    key("tags")
    strings(p.tags)
    key("title")
    string(p.title)
    raw("}")
  }

  mutating func planItem(_ p: ExplorerData.PlanItem) {
    raw("{")
    key("command", first: true)
    string(p.command)
    key("evidence")
    strings(p.evidence)
    key("id")
    string(p.id)
    key("part")
    string(p.part)
    key("text")
    string(p.text)
    raw("}")
  }

  mutating func reachRow(_ r: ExplorerData.ReachRow) throws(ExplorerJSONError) {
    raw("{")
    key("class", first: true)
    string(r.class)
    key("jobValue")
    try number(r.jobValue)
    key("only")
    int(r.only)
    key("person")
    int(r.person)
    key("second")
    int(r.second)
    key("strength")
    try number(r.strength)
    raw("}")
  }

  /// A tie as its compact array (`ExplorerData.Tie`).
  mutating func tie(_ t: ExplorerData.Tie) throws(ExplorerJSONError) {
    raw("[")
    int(Int(t.a))
    raw(",")
    int(Int(t.b))
    raw(",")
    if let s = t.strength { try number(s) } else { raw("null") }
    raw(",")
    raw("\"")
    raw(Self.tieClassText[t.tieClass.index])
    raw("\"")
    raw(",")
    int(Int(t.how))
    raw(",")
    int(Int(t.source))
    raw(",")
    if let last = t.last { day(last) } else { raw("\"\"") }
    raw(",")
    int(t.interactions)
    raw(",")
    int(t.inferred ? 1 : 0)
    raw("]")
  }

  /// Each tie class's name, by `TieClass.index` (plain letters: nothing to escape).
  static let tieClassText: [StaticString] = TieClass.allCases.map { c -> StaticString in
    switch c {
    case .strong: "strong"
    case .weak: "weak"
    case .nominal: "nominal"
    case .dormant: "dormant"
    case .unreciprocated: "unreciprocated"
    case .unrated: "unrated"
    }
  }

  /// A day as its quoted ISO text (`Day.iso`), digit by digit for years 0–9999.
  mutating func day(_ d: Day) {
    let (y, m, dd) = d.components
    guard (0...9999).contains(y) else {
      string(d.iso)
      return
    }
    let zero = UInt8(ascii: "0")
    put(UInt8(ascii: "\""))
    put(zero + UInt8(y / 1000))
    put(zero + UInt8(y / 100 % 10))
    put(zero + UInt8(y / 10 % 10))
    put(zero + UInt8(y % 10))
    put(UInt8(ascii: "-"))
    put(zero + UInt8(m / 10))
    put(zero + UInt8(m % 10))
    put(UInt8(ascii: "-"))
    put(zero + UInt8(dd / 10))
    put(zero + UInt8(dd % 10))
    put(UInt8(ascii: "\""))
  }
}

/// A number JSON cannot carry (NaN or an infinity) in the page's data.
struct ExplorerJSONError: Error, CustomStringConvertible {
  var value: Double
  var description: String { "the explorer page's data holds \(value), which JSON cannot write" }
}
