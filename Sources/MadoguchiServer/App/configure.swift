import Fluent
import FluentPostgresDriver
import MadoguchiCore
import Vapor

/// Sets up an application: catalog, database, middleware, routes. Throws a readable error when the
/// catalog or the database cannot be used, so `madoguchi serve` stops with the reason instead of crashing.
public func configure(_ app: Application, settings: Settings) async throws {
    let catalog: Catalog
    do {
        catalog = try CatalogLoader.load(directory: settings.catalogDirectory)
    } catch {
        throw StartupError("The catalog cannot be loaded: \(error)\n"
            + "Run Madoguchi from the folder that holds Catalog/, or name the catalog with --catalog DIR (MADOGUCHI_CATALOG).")
    }
    let vault: PersonalDataVault
    do {
        vault = try PersonalDataVault.load(dataDirectory: settings.dataDirectory, key: settings.personalDataKey,
                                           sharedDatabase: settings.database.isShared)
    } catch {
        throw StartupError("The personal-data key is not usable: \(error)")
    }
    let sampleResidents = try loadResidents(settings)
    try await DatabaseSetup.configure(app, settings: settings)
    var writeQueue: WriteQueue?
    if DatabaseSetup.writerID(app) != nil,
       let writer = app.databases.database(.sqliteWriter, logger: app.logger, on: app.eventLoopGroup.next()) {
        writeQueue = WriteQueue(writer: writer)
    }
    let context = AppContext(settings: settings, catalog: catalog, vault: vault, sampleResidents: sampleResidents, writeQueue: writeQueue)
    app.install(context)
    app.lifecycle.use(PasswordThreads.Lifecycle(threads: context.passwordThreads))
    if let mail = settings.mail { app.lifecycle.use(MailOutboxSender.Lifecycle(settings: mail)) }
    app.passwords.use(.bcrypt(cost: settings.passwordCost))
    app.logger.info("Catalog loaded", metadata: [
        "municipality": .string(catalog.municipality.ja), "procedures": .stringConvertible(catalog.procedures.count),
        "version": .string(catalog.version)])

    app.madoguchi.queueHub.attach(database: app.db, logger: app.logger)
    Migrations.register(on: app, to: DatabaseSetup.writerID(app))

    // A Case form of twenty people is about 40 KB; the guide API keeps its own 64 KiB limit.
    app.routes.defaultMaxBodySize = "1mb"
    ContentConfiguration.useBoundedFormDecoders()
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeaders())  // outside ErrorPages: error answers carry the headers too
    app.middleware.use(ErrorPages())
    app.middleware.use(StaffSessionMiddleware())
    try routes(app)
    DraftCleanup.schedule(on: app)
    app.lifecycle.use(HandoffDelivery.Lifecycle())
    app.lifecycle.use(PaperIntake.Lifecycle())
    var listenTo: SQLPostgresConfiguration?
    if case .postgres(let url) = settings.database { listenTo = try? SQLPostgresConfiguration(url: url) }
    app.lifecycle.use(QueueHub.Lifecycle(postgres: listenTo))
}

/// The resident records (住民記録) beside the catalog, if the municipality ships them.
private func loadResidents(_ settings: Settings) throws -> ResidentExtract? {
    let path = URL(fileURLWithPath: settings.catalogDirectory).appendingPathComponent("residents.csv").path
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    guard let text = String(data: data, encoding: .utf8) else { throw StartupError("residents.csv is not UTF-8 text.") }
    do {
        return try ResidentExtract.read(csv: text, file: "residents.csv", kind: .full)
    } catch {
        throw StartupError("The resident records cannot be loaded: \(error)")
    }
}

/// A reason the application cannot start, said in words for the person installing it.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs the migrations and the start-up writes, as `madoguchi serve` and `madoguchi migrate` do.
public func prepare(_ app: Application) async throws {
    try await DatabaseSetup.prepare(app)
}
