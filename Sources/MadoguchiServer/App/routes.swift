import Vapor

/// Every door's routes. Later doors (counter, queue, paper, admin) add their controllers here.
func routes(_ app: Application) throws {
    try app.register(collection: PlatformController())
    try app.register(collection: GuideAPIController())
    try app.register(collection: TownsAPIController())
    try app.register(collection: PaperFormsController())
    try app.register(collection: PaperController())
    try app.register(collection: GuidePagesController())
    try app.register(collection: LoginController())
    try app.register(collection: AdminController())
    try app.register(collection: CounterController())
    try app.register(collection: CertificatesController())
    try app.register(collection: CertificateOrdersController())
    try app.register(collection: CertificateOrderController())
    try app.register(collection: FakePaymentProvider())
    try app.register(collection: ConfirmationController())
    try app.register(collection: IdentityAPIController())
    try app.register(collection: CardAgentController())
    try app.register(collection: HandoffAPIController())
    try app.register(collection: HandoffAdminController())
    try app.register(collection: ApplyController())
    try app.register(collection: StatusController())
    try app.register(collection: SectionController())
    try app.register(collection: KioskController())
    try app.register(collection: TicketController())
    try app.register(collection: DeskController())
    try app.register(collection: CongestionController())
    try app.register(collection: ReservationController())
    if app.madoguchi.benchRoutes { try app.register(collection: BenchRoutes()) }
}
