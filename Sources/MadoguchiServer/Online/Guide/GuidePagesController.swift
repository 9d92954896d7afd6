import MadoguchiCore
import Vapor

/// The citizens' procedure guide: `/`, `/guide`, `/guide/{event}`. Works without JavaScript.
struct GuidePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("guide", use: start)
        routes.get("guide", "certificates", use: certificates)
        routes.get("guide", ":event", use: form)
        routes.on(.POST, "guide", ":event", body: .collect(maxSize: "256kb"), use: answer)
        try routes.register(collection: AssetsController())
    }

    /// The front page.
    @Sendable func home(req: Request) async throws -> Response {
        HomeView.render(catalog: req.madoguchi.catalog, PageContext(request: req)).response()
    }

    /// Choose the life event.
    /// "I need a certificate": the certificates, their fees and what to bring.
    @Sendable func certificates(req: Request) async throws -> Response {
        GuideCertificatesView.render(catalog: req.madoguchi.catalog, byPost: req.madoguchi.payment.mode != .off, PageContext(request: req)).response()
    }

    @Sendable func start(req: Request) async throws -> Response {
        GuideStartView.render(catalog: req.madoguchi.catalog, PageContext(request: req)).response()
    }

    /// How many people (without `people`), then the household form.
    @Sendable func form(req: Request) async throws -> Response {
        let event = try eventDefinition(req, in: req.madoguchi.catalog)
        let context = PageContext(request: req)
        guard let text = req.query[String.self, at: "people"] else {
            return GuidePeopleView.render(event: event, context).response()
        }
        guard let people = Int(text), (1...GuideForm.maxPeople).contains(people) else {
            throw Abort(.badRequest, reason: Ruby.plain(context.t("人数は1〜{0}人で選んでください。",
                                                       "Choose between 1 and {0} people.", GuideForm.maxPeople)))
        }
        let form = GuideForm.initial(event: event, people: people)
        return GuideFormView.render(form: form, catalog: req.madoguchi.catalog, context).response()
    }

    /// Evaluates the submitted household: the result page, or the form again with its errors.
    @Sendable func answer(req: Request) async throws -> Response {
        let app = req.madoguchi  // once: each read is a look-up in the application's storage
        let catalog = app.catalog
        let definition = try eventDefinition(req, in: catalog)
        let context = PageContext(request: req)
        let values = req.formFields() ?? [:]
        guard let people = values["people"].flatMap(Int.init), (1...GuideForm.maxPeople).contains(people) else {
            throw Abort(.badRequest, reason: context.t("人数が正しくありません。最初からやり直してください。",
                                                       "The number of people is missing. Please start again."))
        }
        var form = GuideForm(event: definition, people: people, values: values)
        form.scopes = GuideForm.scopes(catalog)
        let parser = GuideRequestParser(catalog: catalog, readDate: { DateInput.parse($0) })
        let basic = form.basicErrors()
        do throws(GuideError) {
            // Report every missing or unreadable basic answer at once; the parser then checks the rest.
            if !basic.isEmpty { throw basic[0] }
            let event = try parser.parse(form.request())
            let findings = app.engine.evaluate(event)
            app.metrics.recordGuideEvaluation(event: event.kind, channel: "web")
            // A paper form is offered for its own life event only: the 児童手当 claim of a birth is not a move-in's.
            let paper = catalog.paperForms.values.filter { $0.event == event.kind }.sorted { $0.id < $1.id }
            return GuideResultView.render(event: event, definition: definition, findings: findings, form: form, paperForms: paper,
                                          context).response()
        } catch {
            form.errors = (basic.isEmpty ? [error] : basic).map { error in
                let fieldID = GuideForm.fieldID(forAPIField: error.field)
                return GuideForm.FieldError(fieldID: fieldID, message: message(for: error, fieldID: fieldID, catalog: catalog, context))
            }
            return GuideFormView.render(form: form, catalog: catalog, context).response(status: .badRequest)
        }
    }

    private func eventDefinition(_ req: Request, in catalog: Catalog) throws -> EventDefinition {
        guard let id = req.parameters.get("event"), let event = catalog.event(id) else {
            throw Abort(.notFound)
        }
        return event
    }

    /// The error in the reader's language, naming the field as the form labels it.
    private func message(for error: GuideError, fieldID: String, catalog: Catalog, _ context: PageContext) -> String {
        if context.isJapanese, let ja = error.messageJa { return ja }
        let label = fieldLabel(fieldID, catalog: catalog, context)
        switch error.code {
        case .missingField:
            return context.t("「{0}」を入力してください。", "Enter {0}.", label)
        case .invalidDate:
            return context.t("「{0}」は正しい日付で入力してください（例 2026-04-01、令和8年4月1日）。",
                             "Enter {0} as a real date, for example 2026-04-01.", label)
        default:
            // The API's own wording names fields as JSON does (members[1].birthDate); a page names them as labelled.
            return context.t("「{0}」の内容を確認してください。", "Check {0}.", label)
        }
    }

    private func fieldLabel(_ fieldID: String, catalog: Catalog, _ context: PageContext) -> String {
        if fieldID.hasPrefix("m"), let dash = fieldID.firstIndex(of: "-"), let index = Int(fieldID.dropFirst().prefix(upTo: dash)) {
            let name = String(fieldID[fieldID.index(after: dash)...])
            let question = catalog.memberQuestions.first { $0.id == name }
            let label = question.map { context.t($0.label) } ?? name
            return context.t("{0}人目の{1}", "person {0}: {1}", index + 1, label)
        }
        if let date = EventDateName(rawValue: fieldID) {
            let labels = catalog.events.flatMap(\.dates).first { $0.name == date }
            return labels.map { context.t($0.label) } ?? fieldID
        }
        return catalog.householdQuestions.first { $0.id == fieldID }.map { context.t($0.label) } ?? fieldID
    }
}
