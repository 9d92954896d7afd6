/// The 券面事項入力補助AP (card-face items input support application) of the My Number card: the one that gives the
/// four basic items and the 個人番号 as text after a 4-digit PIN. Its identifiers, in one place.
///
/// Sources: the J-LIS interface as implemented by jpki/myna — Go `_go/libmyna/text_ap.go` (struct tags of
/// `TextAttrs`, `ReadMyNumber`, `LookupPin`) and Rust `src/text.rs` — and the project's domain brief §5.2–5.3.
public enum CardInputSupportAP {
    /// AID `D3 92 10 00 31 00 01 01 04 08` (jpki/myna `SelectTextAP`: "D3921000310001010408").
    public static let aid: [UInt8] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08]

    /// Elementary files of the AP (2-byte FIDs, selected with `00 A4 02 0C 02 FID`).
    public enum File {
        /// EF 0001: the 個人番号, private tag 16 (jpki/myna `ReadMyNumber`: `asn1:"private,tag:16"`, reads 17 bytes).
        public static let individualNumber: UInt16 = 0x0001
        /// EF 0002: the four basic items, a constructed TLV (jpki/myna `ReadAttributes`).
        public static let basicFourItems: UInt16 = 0x0002
        /// EF 0011: the 4-digit 券面事項入力補助用PIN, 3 tries (jpki/myna `LookupPin`/`VerifyPin` select "0011").
        public static let pin: UInt16 = 0x0011
        // EF 0014 / 0015 hold the alternative keys 照合番号A / B (jpki/myna `LookupPinA`/`LookupPinB`); not used here.
    }

    /// Tag numbers (all private class). From jpki/myna Go `TextAttrs`, which unmarshals EF 0002 with
    /// `"private,tag:32"` and fields `private,tag:33` … `37`; its Rust `TextAP::attrs` walks the same objects by
    /// position (header skipped, then name, address, birth, sex).
    public enum Tag {
        /// 個人番号 in EF 0001: private primitive 16, `D0` in DER, `DF 10` in the two-byte form jpki/myna had to accept.
        public static let individualNumber = BERTag.private(16)
        /// The EF 0002 container: private constructed 32, bytes `FF 20`.
        public static let basicFourItems = BERTag.private(32, constructed: true)
        /// `DF 21`: a header (jpki/myna keeps it as opaque bytes, `Header []byte`, printed as hex). Kept, not read.
        public static let header = BERTag.private(33)
        /// `DF 22`: 氏名, UTF-8 (jpki/myna `asn1:"private,tag:34,utf8"`).
        public static let name = BERTag.private(34)
        /// `DF 23`: 住所, UTF-8 (`private,tag:35,utf8`).
        public static let address = BERTag.private(35)
        /// `DF 24`: 生年月日 (`private,tag:36`, a plain string).
        public static let birthDate = BERTag.private(36)
        /// `DF 25`: 性別, an ISO 5218 digit (`private,tag:37`; jpki/myna maps 1 男性, 2 女性, 9 適用不能).
        public static let sex = BERTag.private(37)
    }

    /// PIN tries a fresh or reset card has (domain brief §5.2: "3 failures → lock").
    public static let maximumPINTries = 3

    /// Bytes read first from EF 0002 to learn its length: tag (2) + the longest length field in use (3) + 2,
    /// the same 7 jpki/myna reads (`ReadBinary(7)` in Go, `read_binary(0, 7)` in Rust).
    public static let headProbeLength = 7
}
