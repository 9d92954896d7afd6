import ArgumentParser
import MadoguchiCore

/// `madoguchi check-catalog`: load a catalog and report the first problem, for editing catalog files.
struct CheckCatalog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-catalog", abstract: "Check a catalog folder and report the first problem with its file and line.")

    @Argument(help: "The catalog folder.")
    var folder: String = "Catalog"

    func run() async throws {
        do {
            let catalog = try CatalogLoader.load(directory: folder)
            print("OK: \(catalog.municipality.ja) — \(catalog.sections.count) sections, \(catalog.procedures.count) procedures, "
                  + "\(catalog.events.count) events (version \(catalog.version))")
        } catch {
            throw ValidationError("\(folder)/\(error)")
        }
    }
}
