// swift-tools-version: 6.1
//
// Liaison: professional-network analysis (weak-tie reach, broker paths,
// introductions, Graphviz pictures) from the files people already have.
//
// Module dependencies are one-way (a module uses only modules to its left):
//   GraphCore  <-  GraphAlgorithms, GraphIO  <-  GraphRendering (+ CGraphviz), GraphSynthesis, Workspace (+ GRDB)
//              <-  LiaisonCLI  <-  liaison
// GraphSynthesis (the synthetic network generator) writes its files through GraphIO's writers.
// Workspace (the SQLite database through GRDB, and its graph snapshot) is the only module that knows SQL.
//
// Compile-time flags:
//   LIAISON_INTERNAL_CHECKS  debug builds (and so `swift test`) re-validate every
//                            graph GraphBuilder makes against its CSR invariants
//                            (`Graph.checkInvariants()`, O((V + E) log d) per
//                            build); release builds skip it.
import PackageDescription

let swiftSettings: [SwiftSetting] = [.define("LIAISON_INTERNAL_CHECKS", .when(configuration: .debug))]

let package = Package(
  name: "Liaison",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "GraphCore", targets: ["GraphCore"]),
    .library(name: "GraphAlgorithms", targets: ["GraphAlgorithms"]),
    .library(name: "GraphIO", targets: ["GraphIO"]),
    .library(name: "GraphRendering", targets: ["GraphRendering"]),
    .library(name: "GraphSynthesis", targets: ["GraphSynthesis"]),
    .library(name: "Workspace", targets: ["Workspace"]),
    .library(name: "LiaisonCLI", targets: ["LiaisonCLI"]),
    .executable(name: "liaison", targets: ["liaison"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    .target(name: "GraphCore", swiftSettings: swiftSettings),
    .target(name: "GraphAlgorithms", dependencies: ["GraphCore"], swiftSettings: swiftSettings),
    .target(name: "GraphIO", dependencies: ["GraphCore"], swiftSettings: swiftSettings),
    .target(name: "GraphSynthesis", dependencies: ["GraphCore", "GraphIO"], swiftSettings: swiftSettings),
    .target(
      name: "Workspace",
      dependencies: [
        "GraphCore", "GraphIO", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      swiftSettings: swiftSettings
    ),
    .systemLibrary(
      name: "CGraphviz",
      pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
    ),
    .target(
      name: "GraphRendering",
      dependencies: ["GraphCore", "GraphAlgorithms", "CGraphviz"],
      swiftSettings: swiftSettings
    ),
    .target(
      name: "LiaisonCLI",
      dependencies: [
        "GraphCore", "GraphAlgorithms", "GraphIO", "GraphRendering", "GraphSynthesis", "Workspace",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    // glibc's mallopt for the tool's start-up (Sources/liaison/main.swift).
    .systemLibrary(name: "CMalloc"),
    .executableTarget(name: "liaison", dependencies: ["LiaisonCLI", "CMalloc"], swiftSettings: swiftSettings),
    .target(
      name: "LiaisonTestSupport",
      dependencies: ["GraphCore", "GraphIO"],
      path: "Tests/LiaisonTestSupport"
    ),
    // Test targets name every module they import: a module reached only
    // through another is not rebuilt when a type it uses changes its layout.
    .testTarget(name: "GraphCoreTests", dependencies: ["GraphCore", "LiaisonTestSupport"]),
    .testTarget(
      name: "GraphAlgorithmsTests",
      dependencies: ["GraphCore", "GraphAlgorithms", "GraphIO", "LiaisonTestSupport"]
    ),
    .testTarget(name: "GraphIOTests", dependencies: ["GraphCore", "GraphIO", "LiaisonTestSupport"]),
    .testTarget(
      name: "GraphRenderingTests",
      dependencies: [
        "GraphCore", "GraphAlgorithms", "GraphRendering", "GraphIO", "GraphSynthesis", "LiaisonTestSupport",
      ]
    ),
    .testTarget(
      name: "GraphSynthesisTests",
      dependencies: ["GraphCore", "GraphSynthesis", "LiaisonTestSupport"]
    ),
    .testTarget(
      name: "WorkspaceTests",
      dependencies: [
        "GraphCore", "GraphIO", "Workspace", "LiaisonTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "LiaisonCLITests",
      dependencies: [
        "GraphCore", "GraphAlgorithms", "GraphIO", "GraphRendering", "LiaisonCLI", "Workspace", "LiaisonTestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
