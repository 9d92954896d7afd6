import Crypto
import Foundation

/// Seals personal data that must be encrypted at rest (the 個人番号) with AES-256-GCM.
///
/// The key comes from `MADOGUCHI_DATA_KEY` (base64 of 32 bytes) or from `keys/personal-data.key` in the
/// data directory, which is created on the first start readable by the owner only — but never when the
/// database is shared (PostgreSQL): a key made by one instance would seal numbers the others cannot open.
/// Each sealed value is bound to what it is (the associated data), so a value copied into another column does
/// not open. At start, the key must open the probe sealed into the database by the first instance
/// (`checkProbe`): a wrong key stops the start instead of sealing numbers nobody else can read.
struct PersonalDataVault: Sendable {
    struct VaultError: Error, CustomStringConvertible {
        let description: String
    }

    private let key: SymmetricKey

    init(key: SymmetricKey) { self.key = key }

    /// The key from the environment, or from the data directory (created there when missing).
    static func load(dataDirectory: String, key encoded: String?, sharedDatabase: Bool = false) throws -> PersonalDataVault {
        if let encoded, !encoded.isEmpty {
            guard let bytes = Data(base64Encoded: encoded), bytes.count == 32 else {
                throw VaultError(description: "MADOGUCHI_DATA_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`).")
            }
            return PersonalDataVault(key: SymmetricKey(data: bytes))
        }
        let folder = URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys")
        let file = folder.appendingPathComponent("personal-data.key")
        let manager = FileManager.default
        if let data = manager.contents(atPath: file.path) {
            guard data.count == 32 else { throw VaultError(description: "\(file.path) is not a 32-byte key.") }
            return PersonalDataVault(key: SymmetricKey(data: data))
        }
        if sharedDatabase {
            throw VaultError(description: """
                With DATABASE_URL several instances share one database, and each must hold the same key: set \
                MADOGUCHI_DATA_KEY (base64 of 32 bytes, e.g. `openssl rand -base64 32`) to the same value on every \
                instance, or copy one key file to \(file.path) on each. No key was created.
                """)
        }
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let key = SymmetricKey(size: .bits256)
            let bytes = key.withUnsafeBytes { Data($0) }
            guard manager.createFile(atPath: file.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                throw VaultError(description: "cannot write \(file.path)")
            }
            return PersonalDataVault(key: key)
        } catch let error as VaultError {
            throw error
        } catch {
            throw VaultError(description: "The personal-data key cannot be created in \(folder.path): \(error.localizedDescription)")
        }
    }

    /// base64 of nonce ‖ ciphertext ‖ tag.
    func seal(_ plaintext: String, purpose: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key, authenticating: Data(purpose.utf8))
        guard let combined = box.combined else { throw VaultError(description: "sealing failed") }
        return combined.base64EncodedString()
    }

    func open(_ sealed: String, purpose: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw VaultError(description: "not a sealed value") }
        let box = try AES.GCM.SealedBox(combined: data)
        let plain = try AES.GCM.open(box, using: key, authenticating: Data(purpose.utf8))
        guard let text = String(data: plain, encoding: .utf8) else { throw VaultError(description: "not text") }
        return text
    }
}
