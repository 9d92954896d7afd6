import MadoguchiCore

/// One scanned page, read: aligned by its marks, its form known by its QR code, every zone read. A page that cannot
/// be aligned or has no readable label is not read but kept, with the reason, for a person (the manual queue).
public struct PageReading: Sendable {
    public enum Outcome: Sendable {
        case read(label: PaperSheet.Label, readings: [ZoneReading])
        /// For staff to sort by hand: the marks missing, no label, or a form this catalog does not have.
        case manual(reason: String)
    }

    public let outcome: Outcome
    public let seconds: Double
    /// The scan aligned to the form, when its marks were found: what a person is shown, upright, beside the values.
    public var aligned: AlignedPage? = nil
}

public struct PageReader: Sendable {
    public let forms: [String: PaperForm]
    public let engine: (any LineRecognizer)?
    public let names: NameReadings

    public init(forms: [String: PaperForm], engine: (any LineRecognizer)?, names: NameReadings = .empty) {
        self.forms = forms
        self.engine = engine
        self.names = names
    }

    public func read(_ image: GrayImage) -> PageReading {
        let clock = ContinuousClock(), started = clock.now
        var aligned: AlignedPage?
        func done(_ outcome: PageReading.Outcome) -> PageReading {
            PageReading(outcome: outcome, seconds: (clock.now - started).seconds, aligned: aligned)
        }
        let page: AlignedPage
        switch AlignedPage.align(image) {
        case .failure(let missing): return done(.manual(reason: missing.description))
        case .success(let found): page = found
        }
        aligned = page
        guard Zbar.isInstalled else { return done(.manual(reason: "QRコードを読むソフトがありません（apt install libzbar0）")) }
        guard let label = page.label() else { return done(.manual(reason: "用紙のQRコードが読めません")) }
        guard let form = forms[label.form] else { return done(.manual(reason: "この市の用紙ではありません（\(label.form)）")) }
        guard form.version == label.version else {
            return done(.manual(reason: "用紙の版が違います（印刷 v\(label.version)、現在 v\(form.version)）"))
        }
        let reader = ZoneReader(page: page, engine: engine, names: names)
        return done(.read(label: label, readings: form.zones.map(reader.read)))
    }
}
