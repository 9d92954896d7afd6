import Fluent
import Foundation
import MadoguchiCore
import Vapor

extension CertificateIssuance {
    /// Writes one issuance in the caller's transaction, audited: the day's next receipt number, the fees as the
    /// rules count them, the names as issued. The request has passed `CertificateRules` already.
    static func issue(_ request: CertificateRequest, to resident: Resident, channel: String?, req: Request,
                      on db: any Database) async throws -> CertificateIssuance {
        let catalog = req.madoguchi.catalog.certificates
        let fees = CertificateRules(catalog).fees(request)
        let issued = IssuedItems(items: zip(request.items, fees.items).map { item, fee in
            IssuedItems.Item(kind: item.kind, name: catalog.kind(item.kind)?.name.ja ?? item.kind, copies: item.copies,
                             options: CertificateOption.allCases.filter(item.options.contains).map(CertificateRules.optionName), fee: fee)
        })
        let now = Date()
        let day = JapanTime.dayAndMinute(now.timeIntervalSince1970).date
        let prefix = String(format: "%04d%02d%02d-", day.year, day.month, day.day)
        // The day's next number; the unique index keeps two instances from giving one number twice.
        let today = try await CertificateIssuance.query(on: db).filter(\.$number >= prefix).filter(\.$number < prefix + "~").count()
        let record = CertificateIssuance()
        record.number = prefix + String(format: "%04d", today + 1)
        record.issuedAt = now
        record.residentCode = resident.code
        record.residentName = resident.name.full
        record.requester = request.requester.rawValue
        record.requesterName = request.requester == .person ? resident.name.full : request.requesterName
        record.purpose = request.purpose
        record.items = issued
        record.total = fees.total
        record.exemption = request.exemption
        record.staff = req.signedIn?.user.username ?? "?"
        record.channel = channel
        try await record.create(on: db)
        try await req.audit(.certificateIssued, detail: "\(record.number) resident \(resident.code), "
                            + issued.items.map { "\($0.kind)×\($0.copies)" }.joined(separator: " ") + ", ¥\(fees.total)"
                            + (channel.map { " by \($0)" } ?? ""), on: db)
        return record
    }
}
