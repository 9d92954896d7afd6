// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "madoguchi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "madoguchi", targets: ["madoguchi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Vapor's HTTP client, named directly for its request API (pushing hand-offs to core systems).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Pure domain: catalog, rules, dates. No server, no I/O beyond reading catalog files.
        .target(
            name: "MadoguchiCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // PDF writer: Japanese text with an embedded TrueType subset (IPAex) or a standard CID font.
        .target(name: "MadoguchiPDF"),
        // QR codes (byte mode, levels L–H, versions 1–10) as SVG, PNG or PGM: the pre-application reference.
        .target(name: "MadoguchiQR"),
        // Paper forms for the scanner: the OCR-ready page printed from catalog data, and reading a scan of it back
        // (alignment by the corner marks, tick boxes, the engines loaded at run time).
        .target(name: "MadoguchiOCR", dependencies: ["MadoguchiCore", "MadoguchiPDF", "MadoguchiQR"]),
        // The Vapor application: one folder per door.
        .target(
            name: "MadoguchiServer",
            dependencies: [
                "MadoguchiCore",
                "MadoguchiPDF",
                "MadoguchiQR",
                "MadoguchiOCR",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // The site's CSS and JS, compiled into the binary (an install stays one file); `Assets` serves
            // them under URLs named by their content's hash.
            resources: [
                .embedInCode("Web/Assets/site.css"), .embedInCode("Web/Assets/staff.css"), .embedInCode("Web/Assets/queue.css"),
                .embedInCode("Web/Assets/site.js"), .embedInCode("Web/Assets/queue.js"), .embedInCode("Web/Assets/addresses.js"), .embedInCode("Web/Assets/paper.js"),
            ]
        ),
        .executableTarget(
            name: "madoguchi",
            dependencies: [
                "MadoguchiServer",
                "MadoguchiCore",
                "MadoguchiCard",
                "MadoguchiOCR",
                "MadoguchiPDF",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `swift run -c release pdfbench`: the PDF benchmark (ReportLab side by side: Benchmarks/pdf/README.md).
        .executableTarget(
            name: "pdfbench",
            dependencies: ["MadoguchiPDF"],
            path: "Benchmarks/pdf",
            exclude: ["layout.json", "reportlab_bench.py", "make_layout.py", "README.md"],
            sources: ["main.swift"]
        ),
        .testTarget(name: "MadoguchiCoreTests", dependencies: ["MadoguchiCore"]),
        .testTarget(name: "MadoguchiPDFTests", dependencies: ["MadoguchiPDF"]),
        .testTarget(name: "MadoguchiQRTests", dependencies: ["MadoguchiQR"]),
        .testTarget(name: "MadoguchiOCRTests", dependencies: ["MadoguchiOCR", "MadoguchiCore", "MadoguchiPDF"]),
        // My Number card reading (券面事項入力補助AP): APDUs, BER-TLV, the PIN-safe reading protocol over any
        // CardTransport, and an in-process fake card. Foundation only, so the card agent stays small.
        .target(name: "MadoguchiCard"),
        .testTarget(name: "MadoguchiCardTests", dependencies: ["MadoguchiCard"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MadoguchiServerTests",
            dependencies: [
                "MadoguchiServer",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
