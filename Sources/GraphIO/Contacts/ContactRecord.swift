import GraphCore

/// One contact as an export lists it, before identity resolution.
///
/// Every contact importer (LinkedIn, Google, Outlook, Thunderbird, vCard)
/// produces these; `ContactResolver` then merges them across files into
/// people. Text fields are trimmed and in UTF-8; empty means absent. Nothing
/// here is normalised for matching: that is the resolver's job, so reports can
/// show what the file said.
package struct ContactRecord: Sendable, Equatable {
  /// The 1-based line where the record starts in its file.
  package var line: Int
  /// The formatted name as written (vCard `FN`, `Display Name`, Google `Name`).
  package var fullName = ""
  package var givenName = ""
  package var middleName = ""
  package var familyName = ""
  package var namePrefix = ""
  package var nameSuffix = ""
  package var nickname = ""
  /// Email addresses in file order (primary first), trimmed, case kept.
  package var emails: [String] = []
  /// Employers, the current one first (vCard may list several `ORG`).
  package var companies: [String] = []
  package var department = ""
  package var title = ""
  /// Web addresses: a LinkedIn profile URL first when there is one.
  package var urls: [String] = []
  package var phones: [String] = []
  /// Groups, labels and categories (system groups such as `myContacts` removed).
  package var labels: [String] = []
  /// vCard 4.0 `RELATED` values (URIs or text): explicit ties to other people.
  package var related: [String] = []
  /// LinkedIn `Connected On`.
  package var connectedOn: Day?
  package var birthday = ""
  package var notes = ""
  /// vCard `UID`.
  package var uid = ""

  package init(line: Int) { self.line = line }

  /// The name to show: `fullName`, else the parts joined, else the first email.
  package var displayName: String {
    if !fullName.isEmpty { return fullName }
    if namePrefix.isEmpty && middleName.isEmpty && nameSuffix.isEmpty {
      if familyName.isEmpty { return givenName.isEmpty ? (emails.first ?? "") : givenName }
      return givenName.isEmpty ? familyName : givenName + " " + familyName
    }
    let parts = [namePrefix, givenName, middleName, familyName, nameSuffix].filter { !$0.isEmpty }
    if !parts.isEmpty { return parts.joined(separator: " ") }
    return emails.first ?? ""
  }

  /// Makes the record what `init(line:)` makes, keeping the arrays' storage:
  /// an importer reuses one record for every row, and a row's one company or
  /// URL then needs no array allocated and freed.
  package mutating func clear(line: Int) {
    self.line = line
    // Most fields of a row are empty: assigning to them would still release
    // the empty value, a runtime call each.
    @inline(__always) func empty(_ s: inout String) { if !s.isEmpty { s = "" } }
    @inline(__always) func empty(_ a: inout [String]) { if !a.isEmpty { a.removeAll(keepingCapacity: true) } }
    empty(&fullName)
    empty(&givenName)
    empty(&middleName)
    empty(&familyName)
    empty(&namePrefix)
    empty(&nameSuffix)
    empty(&nickname)
    empty(&emails)
    empty(&companies)
    empty(&department)
    empty(&title)
    empty(&urls)
    empty(&phones)
    empty(&labels)
    empty(&related)
    connectedOn = nil
    empty(&birthday)
    empty(&notes)
    empty(&uid)
  }

  /// Whether the record names anyone at all (hidden LinkedIn members give empty rows).
  package var isEmpty: Bool {
    fullName.isEmpty && givenName.isEmpty && familyName.isEmpty && middleName.isEmpty && nickname.isEmpty
      && emails.isEmpty && urls.isEmpty && phones.isEmpty && companies.isEmpty
  }
}
