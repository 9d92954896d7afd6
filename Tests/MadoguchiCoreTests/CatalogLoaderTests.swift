import Foundation
import Testing
@testable import MadoguchiCore

/// In-memory copies of the sample catalog's files, keyed by their path relative to the catalog folder.
enum SampleCatalogFiles {
    static func load() throws -> [String: String] {
        let root = SampleCatalog.directory
        let paths = try #require(FileManager.default.enumerator(atPath: root)?.allObjects as? [String])
        var files: [String: String] = [:]
        for path in paths where path.hasSuffix(".yaml") || CatalogLoader.dictionaryFiles.contains(path) {
            files[path] = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
        }
        return files
    }

    /// The sample files with `old` replaced by `new` in `file`; `old` must occur there exactly once.
    static func replacing(_ old: String, with new: String, in file: String,
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
        var files = try load()
        let text = try #require(files[file], "no file \(file)", sourceLocation: sourceLocation)
        try #require(text.components(separatedBy: old).count == 2, "“\(old)” is not in \(file) exactly once",
                     sourceLocation: sourceLocation)
        files[file] = text.replacingOccurrences(of: old, with: new)
        return files
    }
}

/// The load error of `files`, or a recorded failure when they load.
func loadError(_ files: [String: String], sourceLocation: SourceLocation = #_sourceLocation) -> CatalogError? {
    do {
        _ = try CatalogLoader.load(files: files)
        Issue.record("the catalog loaded, expected an error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite struct CatalogLoaderTests {
    @Test func unchangedCopiesOfTheSampleLoad() throws {
        let files = try SampleCatalogFiles.load()
        #expect(files.keys.contains("municipality.yaml"))
        #expect(files.keys.contains("events/move-in.yaml"))
        #expect(files.keys.contains("procedures/jumin.yaml"))
        let catalog = try CatalogLoader.load(files: files)
        #expect(catalog.events.count == 7)
        #expect(catalog.version == SampleCatalog.catalog.version)
    }

    @Test func aChangedFileChangesTheVersion() throws {
        let files = try SampleCatalogFiles.replacing("Within 30 days}", with: "Within thirty days}", in: "deadlines.yaml")
        #expect(try CatalogLoader.load(files: files).version != SampleCatalog.catalog.version)
    }

    @Test func invalidYAMLSyntaxNamesTheFileAndLine() throws {
        let files = try SampleCatalogFiles.replacing("    deadline: KOSEKI_BIRTH_14\n", with: "    deadline: KOSEKI_BIRTH_14: oops\n",
                                                     in: "events/birth.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "events/birth.yaml")
        #expect(error.line == 12)
        #expect(error.message.contains("not valid YAML"))
    }

    @Test func anUnclosedFlowMappingIsInvalidYAML() throws {
        let files = try SampleCatalogFiles.replacing("  - code: inu.henko\n    name: {ja: 犬の登録事項変更届,",
                                                     with: "  - code: inu.henko\n    name: [ja: 犬の登録事項変更届,",
                                                     in: "procedures/kankyo.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "procedures/kankyo.yaml")
        #expect(error.line != nil)
        #expect(error.message.contains("not valid YAML"))
    }

    @Test func anUnknownKeyInAProcedureIsATypoNotIgnored() throws {
        let files = try SampleCatalogFiles.replacing("    online: true\n", with: "    onlnie: true\n", in: "procedures/kankyo.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "procedures/kankyo.yaml")
        #expect(error.line == 6)
        #expect(error.message.contains("unknown key 'onlnie'"))
        #expect(error.message.contains("online"), "lists the allowed keys")
    }

    @Test func anUnknownProcedureCodeInAnEvent() throws {
        let files = try SampleCatalogFiles.replacing("  - code: inu.henko\n", with: "  - code: inu.henkou\n", in: "events/move-within.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "events/move-within.yaml")
        #expect(error.line == 45)
        #expect(error.message.contains("unknown procedure 'inu.henkou'"))
    }

    @Test func aBrokenConditionNamesTheLineOfItsWhen() throws {
        let files = try SampleCatalogFiles.replacing(#"    when: any(deceased, insurance == "national")"# + "\n    deadline: JUKI_14\n",
                                                     with: #"    when: any(deceased, insurence == "national")"# + "\n    deadline: JUKI_14\n",
                                                     in: "events/death.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "events/death.yaml")
        #expect(error.line == 24)
        #expect(error.message.contains("at character 15"))
        #expect(error.message.contains("unknown member fact 'insurence'"))
        #expect(error.message.contains(#"any(deceased, insurence == "national")"#), "quotes the condition")
    }

    @Test func anUnknownDeadlineRule() throws {
        let files = try SampleCatalogFiles.replacing("    when: always\n    deadline: NONE\n    reason: {ja: 結婚するため。",
                                                     with: "    when: always\n    deadline: NEVER\n    reason: {ja: 結婚するため。",
                                                     in: "events/marriage.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "events/marriage.yaml")
        #expect(error.line == 12)
        #expect(error.message.contains("unknown deadline rule 'NEVER'"))
        #expect(error.message.contains("JUKI_14"), "lists the known rules")
    }

    @Test func aMissingMunicipalityFile() throws {
        var files = try SampleCatalogFiles.load()
        files["municipality.yaml"] = nil
        let error = try #require(loadError(files))
        #expect(error.file == "municipality.yaml")
        #expect(error.line == nil)
        #expect(error.message.contains("missing"))
    }

    @Test func aDuplicateProcedureCode() throws {
        let files = try SampleCatalogFiles.replacing("  - code: gentsuki.haisha\n", with: "  - code: gentsuki.hyoshiki\n", in: "procedures/zeimu.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "procedures/zeimu.yaml")
        #expect(error.message.contains("'gentsuki.hyoshiki' is defined twice"))
        #expect(error.line == 11)  // the second "- code: gentsuki.hyoshiki"
    }

    @Test func aConditionMayOnlyAskWhatTheEventAsks() throws {
        // move-within does not ask careCertification.
        let files = try SampleCatalogFiles.replacing("    when: any(moving, kaigo1)\n",
                                                     with: #"    when: any(moving, kaigo1 or careCertification != "none")"# + "\n",
                                                     in: "events/move-within.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "events/move-within.yaml")
        #expect(error.line == 37)
        #expect(error.message.contains("'careCertification'"))
        #expect(error.message.contains("member questions do not include"))
    }

    @Test func aProcedureFileNamingAnUnknownSection() throws {
        let files = try SampleCatalogFiles.replacing("section: KANKYO\n", with: "section: KANKYOU\n", in: "procedures/kankyo.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "procedures/kankyo.yaml")
        #expect(error.line == 1)
        #expect(error.message.contains("unknown section 'KANKYOU'"))
    }

    @Test func anEventAskingAQuestionThatDoesNotExist() throws {
        let files = try SampleCatalogFiles.replacing("household: [dogs]\n", with: "household: [cats]\n", in: "events/move-within.yaml")
        let error = try #require(loadError(files))
        #expect(error.file == "events/move-within.yaml")
        #expect(error.line == 8)
        #expect(error.message.contains("'cats' is not in questions.yaml household"))
    }

    @Test func aMissingDirectoryIsReportedNotACrash() {
        let path = "/nonexistent/madoguchi-catalog-\(UInt64.random(in: 0...UInt64.max))"
        do {
            _ = try CatalogLoader.load(directory: path)
            Issue.record("a missing folder loaded")
        } catch {
            #expect(error.file == path)
            #expect(error.line == nil)
            #expect(error.message.contains("does not exist"))
        }
    }

    @Test func aFileInsteadOfADirectoryIsReported() {
        let path = SampleCatalog.directory + "/municipality.yaml"
        #expect(throws: CatalogError.self) { try CatalogLoader.load(directory: path) }
    }

    @Test func aCatalogFolderReachedThroughASymlinkLoads() throws {
        // Deployments often point a stable path at the current catalog release with a symlink.
        let link = FileManager.default.temporaryDirectory
            .appendingPathComponent("madoguchi-catalog-link-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: SampleCatalog.directory)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let catalog = try CatalogLoader.load(directory: link)
        #expect(catalog.version == SampleCatalog.catalog.version)
    }

    @Test func theSampleDirectoryLoadsFromDisk() throws {
        let catalog = try CatalogLoader.load(directory: SampleCatalog.directory)
        #expect(catalog.version == SampleCatalog.catalog.version)
        #expect(catalog.procedures.count == SampleCatalog.catalog.procedures.count)
    }
}
