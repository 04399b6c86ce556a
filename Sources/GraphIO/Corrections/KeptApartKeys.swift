import GraphCore

/// The `different` pairs identity resolution honours (`ContactOptions.keptApart`):
/// normalised pairs of stable keys, and every key they name (so a record
/// naming none of them costs one set lookup per key).
///
/// - Complexity: building is O(pairs); `separates` is O(record keys ×
///   person keys) expected, and only for records that name a listed key.
struct KeptApartKeys {
  private var pairs: Set<PersonKeyPair> = []
  private var keys: Set<String> = []

  init(_ list: [PersonKeyPair]) {
    for pair in list where pair.a != pair.b {
      pairs.insert(pair.normalized)
      keys.insert(pair.a)
      keys.insert(pair.b)
    }
  }

  var isEmpty: Bool { pairs.isEmpty }

  /// The record's stable keys that some pair names: `url:` and its profile
  /// URL key, `email:` and each email key, and (with neither) `id:` and the
  /// name, the id such a record's new person gets.
  func recordKeys(url: Substring, emails: [String], shown: String) -> [String] {
    var out: [String] = []
    if !url.isEmpty { out.append("url:" + url) }
    for e in emails where !e.isEmpty { out.append("email:" + e) }
    if out.isEmpty && !shown.isEmpty { out.append("id:" + shown) }
    return out.filter(keys.contains)
  }

  /// Whether one of `recordKeys` and one of `p`'s keys form a pair kept apart.
  func separates(_ recordKeys: [String], _ p: PersonID, _ builder: GraphBuilder) -> Bool {
    let a = builder.attributes(of: p)
    var personKeys = ["id:" + builder.key(of: p)]
    if !a.profileURL.isEmpty { personKeys.append("url:" + Identity.normalizeProfileURL(a.profileURL)) }
    for e in a.emails where !e.isEmpty { personKeys.append("email:" + Identity.normalizeEmail(e)) }
    for r in recordKeys {
      for k in personKeys where pairs.contains(PersonKeyPair(r, k).normalized) { return true }
    }
    return false
  }
}
