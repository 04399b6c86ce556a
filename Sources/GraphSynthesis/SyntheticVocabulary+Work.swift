// The working world of the synthetic generator's vocabulary: cities and countries (legal
// suffixes, web domains), industries and the parts of company names, job functions,
// seniority levels and titles. The name lists, e-mail domains and ASCII folding are in
// SyntheticVocabulary.swift. Fixed arrays: changing an entry changes generated networks.
extension SyntheticVocabulary {
  // MARK: Places

  /// A city with its country (for legal suffixes) and a weight (share of people).
  struct City: Sendable {
    var label: String
    var country: Country
    var weight: Double
  }

  enum Country: Sendable {
    case us, ca, uk, ie, de, at, ch, fr, nl, es, it, pl, se, dk, no, fi, br, mx, ar, co, cl, inGeneric, sg, jp, kr
    case cn, au, ng, ke, za, ae, il, tr, pt, be, cz, vn, id, eg
  }

  static let cities: [City] = [
    City(label: "New York, New York, United States", country: .us, weight: 6),
    City(label: "San Francisco Bay Area", country: .us, weight: 5),
    City(label: "Seattle, Washington, United States", country: .us, weight: 2.5),
    City(label: "Austin, Texas, United States", country: .us, weight: 2),
    City(label: "Boston, Massachusetts, United States", country: .us, weight: 2.2),
    City(label: "Chicago, Illinois, United States", country: .us, weight: 2.4),
    City(label: "Los Angeles, California, United States", country: .us, weight: 2.8),
    City(label: "Atlanta, Georgia, United States", country: .us, weight: 1.5),
    City(label: "Denver, Colorado, United States", country: .us, weight: 1.2),
    City(label: "Washington DC-Baltimore Area", country: .us, weight: 1.6),
    City(label: "Toronto, Ontario, Canada", country: .ca, weight: 2.2),
    City(label: "Montréal, Quebec, Canada", country: .ca, weight: 1.1),
    City(label: "Vancouver, British Columbia, Canada", country: .ca, weight: 1),
    City(label: "London, England, United Kingdom", country: .uk, weight: 5),
    City(label: "Manchester, England, United Kingdom", country: .uk, weight: 1),
    City(label: "Edinburgh, Scotland, United Kingdom", country: .uk, weight: 0.6),
    City(label: "Dublin, County Dublin, Ireland", country: .ie, weight: 1.2),
    City(label: "Berlin, Germany", country: .de, weight: 2.4),
    City(label: "München, Bavaria, Germany", country: .de, weight: 1.6),
    City(label: "Hamburg, Germany", country: .de, weight: 1.1),
    City(label: "Düsseldorf, North Rhine-Westphalia, Germany", country: .de, weight: 0.7),
    City(label: "Frankfurt, Hesse, Germany", country: .de, weight: 0.9),
    City(label: "Wien, Austria", country: .at, weight: 0.8),
    City(label: "Zürich, Switzerland", country: .ch, weight: 1),
    City(label: "Paris, Île-de-France, France", country: .fr, weight: 3.2),
    City(label: "Lyon, Auvergne-Rhône-Alpes, France", country: .fr, weight: 0.7),
    City(label: "Amsterdam, North Holland, Netherlands", country: .nl, weight: 1.6),
    City(label: "Rotterdam, South Holland, Netherlands", country: .nl, weight: 0.5),
    City(label: "Brussels, Brussels Region, Belgium", country: .be, weight: 0.7),
    City(label: "Madrid, Community of Madrid, Spain", country: .es, weight: 1.5),
    City(label: "Barcelona, Catalonia, Spain", country: .es, weight: 1.4),
    City(label: "Lisboa, Portugal", country: .pt, weight: 0.8),
    City(label: "Milano, Lombardy, Italy", country: .it, weight: 1.3),
    City(label: "Roma, Lazio, Italy", country: .it, weight: 0.8),
    City(label: "Warszawa, Mazowieckie, Poland", country: .pl, weight: 1.1),
    City(label: "Kraków, Małopolskie, Poland", country: .pl, weight: 0.7),
    City(label: "Praha, Czechia", country: .cz, weight: 0.6),
    City(label: "Stockholm, Sweden", country: .se, weight: 1),
    City(label: "Malmö, Skåne County, Sweden", country: .se, weight: 0.3),
    City(label: "Copenhagen, Capital Region of Denmark, Denmark", country: .dk, weight: 0.7),
    City(label: "Oslo, Norway", country: .no, weight: 0.6),
    City(label: "Helsinki, Uusimaa, Finland", country: .fi, weight: 0.5),
    City(label: "São Paulo, Brazil", country: .br, weight: 3),
    City(label: "Rio de Janeiro, Brazil", country: .br, weight: 1.2),
    City(label: "Ciudad de México, Mexico", country: .mx, weight: 2),
    City(label: "Buenos Aires, Argentina", country: .ar, weight: 1.3),
    City(label: "Bogotá, D.C., Capital District, Colombia", country: .co, weight: 1),
    City(label: "Santiago, Santiago Metropolitan Region, Chile", country: .cl, weight: 0.8),
    City(label: "Bengaluru, Karnataka, India", country: .inGeneric, weight: 4),
    City(label: "Mumbai, Maharashtra, India", country: .inGeneric, weight: 2.6),
    City(label: "Hyderabad, Telangana, India", country: .inGeneric, weight: 2),
    City(label: "Pune, Maharashtra, India", country: .inGeneric, weight: 1.5),
    City(label: "Chennai, Tamil Nadu, India", country: .inGeneric, weight: 1.5),
    City(label: "New Delhi, Delhi, India", country: .inGeneric, weight: 2),
    City(label: "Singapore", country: .sg, weight: 1.6),
    City(label: "Tokyo, Japan", country: .jp, weight: 1.8),
    City(label: "Seoul, South Korea", country: .kr, weight: 1.2),
    City(label: "Shanghai, China", country: .cn, weight: 1.5),
    City(label: "Beijing, China", country: .cn, weight: 1.2),
    City(label: "Shenzhen, Guangdong, China", country: .cn, weight: 0.9),
    City(label: "Hồ Chí Minh City, Vietnam", country: .vn, weight: 0.6),
    City(label: "Jakarta, Indonesia", country: .id, weight: 0.9),
    City(label: "Sydney, New South Wales, Australia", country: .au, weight: 1.6),
    City(label: "Melbourne, Victoria, Australia", country: .au, weight: 1.2),
    City(label: "Lagos, Lagos State, Nigeria", country: .ng, weight: 1.2),
    City(label: "Nairobi County, Kenya", country: .ke, weight: 0.6),
    City(label: "Cape Town, Western Cape, South Africa", country: .za, weight: 0.6),
    City(label: "Johannesburg, Gauteng, South Africa", country: .za, weight: 0.7),
    City(label: "Cairo, Egypt", country: .eg, weight: 0.7),
    City(label: "Dubai, United Arab Emirates", country: .ae, weight: 1),
    City(label: "Tel Aviv-Yafo, Tel Aviv District, Israel", country: .il, weight: 0.9),
    City(label: "İstanbul, Türkiye", country: .tr, weight: 1.1),
    City(label: "Reykjavík, Capital Region, Iceland", country: .dk, weight: 0.1),
  ]

  /// Legal-form suffixes by country (appended to some company names).
  static func legalSuffixes(_ country: Country) -> [String] {
    switch country {
    case .us: [" Inc.", " LLC", ", Inc.", " Corp.", " Inc."]
    case .ca: [" Inc.", " Ltd.", ", Inc."]
    case .uk, .ie: [" Ltd", " Limited", " plc", " Ltd"]
    case .de, .at: [" GmbH", " AG", " GmbH & Co. KG", " GmbH"]
    case .ch: [" AG", " GmbH", " SA"]
    case .fr: [" SAS", " S.A.", " SARL"]
    case .nl, .be: [" B.V.", " N.V."]
    case .es, .mx, .ar, .co, .cl: [" S.A.", " S.L.", " S.A. de C.V."]
    case .pt, .br: [" Ltda.", " S.A."]
    case .it: [" S.p.A.", " S.r.l."]
    case .pl: [" Sp. z o.o.", " S.A."]
    case .se, .dk, .no, .fi: [" AB", " A/S", " AS", " Oy"]
    case .inGeneric: [" Pvt. Ltd.", " Private Limited", " Ltd."]
    case .jp: [" K.K.", " Co., Ltd."]
    case .kr, .cn, .vn, .id: [" Co., Ltd.", " Ltd."]
    case .sg, .au, .ng, .ke, .za, .ae, .il, .eg: [" Pte. Ltd.", " Pty Ltd", " Ltd", " Limited"]
    case .tr: [" A.Ş.", " Ltd. Şti."]
    case .cz: [" s.r.o.", " a.s."]
    }
  }

  /// Top-level domains by country for company web domains.
  static func countryDomain(_ country: Country) -> String {
    switch country {
    case .us: "com"
    case .ca: "ca"
    case .uk: "co.uk"
    case .ie: "ie"
    case .de: "de"
    case .at: "at"
    case .ch: "ch"
    case .fr: "fr"
    case .nl: "nl"
    case .be: "be"
    case .es: "es"
    case .mx: "com.mx"
    case .ar: "com.ar"
    case .co: "co"
    case .cl: "cl"
    case .pt: "pt"
    case .br: "com.br"
    case .it: "it"
    case .pl: "pl"
    case .se: "se"
    case .dk: "dk"
    case .no: "no"
    case .fi: "fi"
    case .inGeneric: "in"
    case .jp: "co.jp"
    case .kr: "co.kr"
    case .cn: "cn"
    case .vn: "vn"
    case .id: "co.id"
    case .sg: "sg"
    case .au: "com.au"
    case .ng: "ng"
    case .ke: "co.ke"
    case .za: "co.za"
    case .ae: "ae"
    case .il: "co.il"
    case .eg: "eg"
    case .tr: "com.tr"
    case .cz: "cz"
    }
  }

  // MARK: Industries and companies

  /// An industry: its LinkedIn-style label, its weight (share of companies),
  /// nouns that end company names in it, and the job function it is heavy in.
  struct Industry: Sendable {
    var name: String
    var weight: Double
    var nouns: [String]
    var focus: Int  // index into `functions`
  }

  static let industries: [Industry] = [
    Industry(
      name: "Software Development", weight: 9,
      nouns: ["Labs", "Software", "Systems", "Technologies", "Cloud", "AI", "Works"], focus: 0),
    Industry(
      name: "Technology, Information and Internet", weight: 6,
      nouns: ["Digital", "Online", "Networks", "Media", "Interactive", "Tech"], focus: 0),
    Industry(
      name: "IT Services and IT Consulting", weight: 6,
      nouns: ["Consulting", "Solutions", "IT", "Services", "Infotech", "Group"], focus: 0),
    Industry(
      name: "Financial Services", weight: 5,
      nouns: ["Financial", "Capital", "Payments", "Finance", "Wealth", "Pay"], focus: 4),
    Industry(name: "Banking", weight: 2.5, nouns: ["Bank", "Bancorp", "Savings", "Trust", "Banking Group"], focus: 4),
    Industry(
      name: "Venture Capital and Private Equity Principals", weight: 1,
      nouns: ["Ventures", "Capital", "Partners", "Equity", "Fund"], focus: 4),
    Industry(
      name: "Insurance", weight: 2, nouns: ["Insurance", "Assurance", "Mutual", "Re", "Underwriters"], focus: 4),
    Industry(
      name: "Hospitals and Health Care", weight: 5,
      nouns: ["Health", "Medical Center", "Clinic", "Care", "Healthcare"], focus: 6),
    Industry(
      name: "Pharmaceutical Manufacturing", weight: 2,
      nouns: ["Pharma", "Pharmaceuticals", "Therapeutics", "Labs"], focus: 11),
    Industry(
      name: "Biotechnology Research", weight: 1.5,
      nouns: ["Bio", "Biosciences", "Genomics", "Therapeutics", "Biologics"], focus: 11),
    Industry(
      name: "Telecommunications", weight: 2,
      nouns: ["Telecom", "Mobile", "Communications", "Networks", "Wireless"], focus: 0),
    Industry(
      name: "Retail", weight: 4, nouns: ["Stores", "Market", "Retail", "Outfitters", "Supply", "Goods"],
      focus: 1),
    Industry(
      name: "Manufacturing", weight: 4,
      nouns: ["Manufacturing", "Industries", "Components", "Precision", "Machines"], focus: 6),
    Industry(
      name: "Motor Vehicle Manufacturing", weight: 1.2, nouns: ["Motors", "Automotive", "Mobility", "Auto"],
      focus: 6),
    Industry(
      name: "Aviation and Aerospace Component Manufacturing", weight: 0.8,
      nouns: ["Aerospace", "Aviation", "Space", "Avionics"], focus: 0),
    Industry(
      name: "Transportation, Logistics, Supply Chain and Storage", weight: 3,
      nouns: ["Logistics", "Freight", "Shipping", "Express", "Transport"], focus: 6),
    Industry(
      name: "Business Consulting and Services", weight: 4,
      nouns: ["Consulting", "Advisory", "Partners", "Associates", "Strategy"], focus: 1),
    Industry(name: "Accounting", weight: 1.5, nouns: ["Accountants", "Audit", "Tax Advisors", "& Partners"], focus: 4),
    Industry(
      name: "Law Practice", weight: 1.5, nouns: ["LLP", "Law", "Legal", "& Associates", "Attorneys"], focus: 10),
    Industry(
      name: "Higher Education", weight: 2, nouns: ["University", "Institute", "College", "School of Business"],
      focus: 11),
    Industry(
      name: "Entertainment Providers", weight: 1.5,
      nouns: ["Studios", "Entertainment", "Pictures", "Media", "Records"], focus: 2),
    Industry(
      name: "Advertising Services", weight: 2.5,
      nouns: ["Agency", "Creative", "Media", "Communications", "Brands"], focus: 2),
    Industry(
      name: "Real Estate", weight: 2, nouns: ["Properties", "Realty", "Estates", "Homes", "Development"],
      focus: 1),
    Industry(
      name: "Construction", weight: 2.5, nouns: ["Construction", "Builders", "Engineering", "Contractors"],
      focus: 6),
    Industry(
      name: "Utilities", weight: 1.5, nouns: ["Energy", "Power", "Utilities", "Renewables", "Solar", "Grid"],
      focus: 6),
    Industry(
      name: "Government Administration", weight: 1.2, nouns: ["Agency", "Authority", "Department", "Office"],
      focus: 6),
    Industry(
      name: "Non-profit Organizations", weight: 1.5,
      nouns: ["Foundation", "Trust", "Initiative", "Alliance", "Fund"], focus: 6),
    Industry(
      name: "Hospitality", weight: 2, nouns: ["Hotels", "Hospitality", "Resorts", "Restaurants", "Group"],
      focus: 6),
    Industry(
      name: "Semiconductor Manufacturing", weight: 0.8,
      nouns: ["Semiconductor", "Silicon", "Microsystems", "Devices"], focus: 0),
    Industry(name: "Computer Games", weight: 1, nouns: ["Games", "Studios", "Interactive", "Entertainment"], focus: 7),
    Industry(
      name: "Food and Beverage Manufacturing", weight: 2,
      nouns: ["Foods", "Beverages", "Brewing", "Farms", "Kitchen"], focus: 1),
  ]

  /// Brandable name parts: prefix + suffix (`Zen` + `trix`).
  static let brandPrefixes = [
    "Zen", "Nova", "Quant", "Vert", "Lumi", "Opti", "Syn", "Astra", "Flux", "Kine", "Nex", "Veri", "Cora", "Heli",
    "Octa", "Pixa", "Ryth", "Terra", "Vela", "Zyn", "Aero", "Brio", "Clar", "Dyna", "Eco", "Fathom", "Gala",
    "Hexa", "Iri", "Juno", "Kyra", "Lyra", "Meri", "Nimbi", "Orbi", "Prism", "Quor", "Sola", "Tru", "Uni",
    "Vivi", "Wex", "Xylo", "Yon", "Zeph", "Alta", "Bolt", "Cinder", "Data", "Evo", "Fin", "Geo", "Hyper",
  ]
  static let brandSuffixes = [
    "trix", "ly", "ify", "io", "ora", "ex", "on", "ium", "ix", "ova", "era", "ant", "wise", "hub", "base",
    "logic", "stack", "scale", "forge", "grid", "sense", "nest", "loop", "path", "mint", "spark", "wave",
    "field", "point", "line", "core", "vue", "sys", "nova", "go",
  ]
  /// Plain words for two-word company names (`Blue Harbor Capital`).
  static let nameWords = [
    "Blue Harbor", "Northwind", "Granite", "Summit", "Redwood", "Silver Lake", "Ironbridge", "Lighthouse",
    "Evergreen", "Crescent", "Beacon", "Pioneer", "Cobalt", "Meridian", "Keystone", "Atlas", "Horizon",
    "Oakridge", "Falcon", "Harbor", "Sterling", "Bluefin", "Copperleaf", "Westbrook", "Riverstone", "Orchard",
    "Blackstone Hill", "Clearwater", "Polaris", "Sapphire", "Tidewater", "Highland", "Lakeside", "Maple",
    "Aurora", "Catalyst", "Cedar", "Compass", "Everest", "Foundry", "Golden Gate", "Juniper", "Kestrel",
    "Magnolia", "Nordic", "Osprey", "Pinnacle", "Quarry", "Sequoia", "Trident", "Union Square", "Vantage",
    "Willow", "Yellowstone", "Zenith", "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli",
  ]

  // MARK: Functions and titles

  /// A job function: its weight, its area name (`Engineering`), individual-
  /// contributor role nouns, the manager title and the chief title.
  struct Function: Sendable {
    var area: String
    var weight: Double
    var roles: [String]
    var manager: String
    var chief: String
    /// Uses `Staff` (engineering ladders) rather than `Lead`.
    var staffLadder: Bool
  }

  static let functions: [Function] = [
    Function(
      area: "Engineering", weight: 0.22,
      roles: [
        "Software Engineer", "Backend Engineer", "Frontend Engineer", "Site Reliability Engineer",
        "Mobile Engineer", "Full Stack Developer", "Platform Engineer", "QA Engineer",
      ],
      manager: "Engineering Manager", chief: "Chief Technology Officer", staffLadder: true),
    Function(
      area: "Sales", weight: 0.13,
      roles: [
        "Account Executive", "Sales Development Representative", "Account Manager", "Solutions Consultant",
        "Business Development Representative",
      ],
      manager: "Sales Manager", chief: "Chief Revenue Officer", staffLadder: false),
    Function(
      area: "Marketing", weight: 0.09,
      roles: [
        "Marketing Specialist", "Content Strategist", "Growth Marketer", "Brand Manager",
        "Product Marketing Manager", "SEO Specialist",
      ],
      manager: "Marketing Manager", chief: "Chief Marketing Officer", staffLadder: false),
    Function(
      area: "Product", weight: 0.06,
      roles: ["Product Manager", "Product Owner", "Technical Product Manager"],
      manager: "Group Product Manager", chief: "Chief Product Officer", staffLadder: false),
    Function(
      area: "Finance", weight: 0.07,
      roles: ["Financial Analyst", "Accountant", "Controller", "FP&A Analyst", "Treasury Analyst"],
      manager: "Finance Manager", chief: "Chief Financial Officer", staffLadder: false),
    Function(
      area: "People", weight: 0.05,
      roles: ["HR Business Partner", "Recruiter", "Talent Acquisition Specialist", "People Operations Specialist"],
      manager: "HR Manager", chief: "Chief People Officer", staffLadder: false),
    Function(
      area: "Operations", weight: 0.11,
      roles: ["Operations Analyst", "Project Manager", "Program Manager", "Supply Chain Analyst", "Business Analyst"],
      manager: "Operations Manager", chief: "Chief Operating Officer", staffLadder: false),
    Function(
      area: "Design", weight: 0.04,
      roles: ["Product Designer", "UX Designer", "UX Researcher", "Visual Designer"],
      manager: "Design Manager", chief: "Chief Design Officer", staffLadder: true),
    Function(
      area: "Data", weight: 0.06,
      roles: ["Data Scientist", "Data Engineer", "Data Analyst", "Machine Learning Engineer", "Analytics Engineer"],
      manager: "Data Science Manager", chief: "Chief Data Officer", staffLadder: true),
    Function(
      area: "Customer Success", weight: 0.07,
      roles: [
        "Customer Success Manager", "Support Engineer", "Customer Support Specialist",
        "Implementation Consultant",
      ],
      manager: "Customer Success Lead", chief: "Chief Customer Officer", staffLadder: false),
    Function(
      area: "Legal", weight: 0.03,
      roles: ["Counsel", "Paralegal", "Compliance Analyst", "Contracts Manager"],
      manager: "Legal Manager", chief: "General Counsel", staffLadder: false),
    Function(
      area: "Research", weight: 0.04,
      roles: ["Research Scientist", "Research Associate", "Clinical Research Associate", "Lab Technician"],
      manager: "Research Manager", chief: "Chief Scientific Officer", staffLadder: true),
  ]

  /// Seniority levels, lowest first.
  enum Level: UInt8, Sendable, CaseIterable {
    case intern, junior, mid, senior, staff, principal, manager, director, vp, chief
  }

  /// Founder titles for chiefs of small companies.
  static let founderTitles = ["Co-Founder & CEO", "Founder", "Co-Founder", "Founder & CEO", "Co-Founder & CTO"]

  /// The title for a function, level and variant (a small per-person number).
  static func title(function f: Int, level: Level, variant v: Int, founder: Bool) -> String {
    let fn = functions[f]
    let role = fn.roles[v % fn.roles.count]
    switch level {
    case .intern: return "\(fn.area) Intern"
    case .junior: return (v / 8) % 2 == 0 ? "Junior \(role)" : "Associate \(role)"
    case .mid: return (v / 8) % 3 == 0 ? "\(role) II" : role
    case .senior: return "Senior \(role)"
    case .staff: return fn.staffLadder ? "Staff \(role)" : "Lead \(role)"
    case .principal: return "Principal \(role)"
    case .manager: return (v / 8) % 3 == 0 ? "Senior \(fn.manager)" : fn.manager
    case .director:
      return (v / 8) % 3 == 0 ? "Senior Director of \(fn.area)" : "Director of \(fn.area)"
    case .vp: return (v / 8) % 4 == 0 ? "Vice President, \(fn.area)" : "VP of \(fn.area)"
    case .chief:
      // Only engineers found as CTO.
      return founder ? founderTitles[v % (f == 0 ? founderTitles.count : founderTitles.count - 1)] : fn.chief
    }
  }
}
