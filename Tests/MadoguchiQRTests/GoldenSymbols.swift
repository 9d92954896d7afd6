import Foundation

/// Symbols built by an independent encoder (the Python package segno 1.6.6, byte mode, mask forced,
/// `boost_error=False`), as row-major module bits packed MSB first, hex. segno pads a byte-aligned
/// stream with one extra 0x00 codeword after the terminator, which ISO/IEC 18004 §7.4.10 does not call
/// for; these were generated with that one function corrected to pad only up to the byte boundary.
enum GoldenSymbols {
    static let url = "https://madoguchi.example.jp/c/K7QM-3TXA"

    /// `url` at level M (version 3), masks 0...7.
    static let urlMasks: [String] = [
        "fe6993fc17ced06e8c08bb749c45dba89f2ec10ffd07faaaafe00fba00aa41c895211e727c8283cf195ae522ec8765c6"
            + "86c5273b691b7502db0a5e0a4e59eb40736cb51ae6baa096a8359df80042fc5ff9e8eb7048db1abafbef85d1300deeb8"
            + "907304e8fc2fe90db180",
        "febcc3fc1164506eb95cbb7436e5dba5ca2ec1655507faaaafe0051000a314992f8bb4d8e9d7d69bb3f04f87b9d230ec"
            + "2c6f8e6e3c4e3fa871a00b5f1b0b41ead9f9e04fb2100a3c0d60c8fd00685477fabdaa30427110ba2ebfd5d39aa76ead"
            + "c5270442568fec58e480",
        "fe0a1bfc132d506eb4eabb75a4a5dbaea7aec141c507faaaafe01c3400be2243e309fdfc72ba6040936206a162bf8624"
            + "08fdc7d8e7238da1553266e9c067c3a3fd628df9693098752bbba5fb804cc47ff866eb905b5512ba986fbdd5d383eea0"
            + "73fd04d01fafef355200",
        "fe8a1bfc15f6106e8f86bb75a4a5dba3112ec1371d07faaaafe0175900b74ff25b09fdfc5f8cbb2d21b96b1162bf867e"
            + "654b1cbd51f8eda15532d232add108ce4ba28df968592eae462d7efe004cc47ffb0b6b5056e319ba186fbdd708ee6ebb"
            + "1e4b04d01fafea838900",
        "fecd03fc1115906e9ad2bb75d565dbaad62ec1624907faaaafe01b28008be55fc887c51fd1b458a38b13c1b67ece411c"
            + "eb73fde804adbc264943172edc144d9b1ec183c18a28e9b23ca7d4fc806f4c47fa856bb04c4913badf7fcdd3eb606e8e"
            + "4b1f04a1d8bfeb449500",
        "fe3cc3fc1525506eb4eabb7563b5dba6a7aec1214507faaaafe014140082a24672cee18db2ba6040b3e00e87b9d230ac"
            + "287fcfd8e7238abd24f566e9c06741abddf9e04fb3101a7d0bbba5fb807d0463f866eb90437510ba2ebfd5d3dba36e80"
            + "73fd041703dfef355200",
        "febcc3fc1515906ebdcebb7463b5dbaf832ec1392507faaaafe004d7009f86d4bacee18dbb9ef208ab818897b9d2309c"
            + "eb73fefc756aaabd24f5427b8947202dc5b9e04fb3d3164dcf29ecff007d0463fa2feb10556d11baaebfd5d7eb606e89"
            + "576f041703dfee11c000",
        "fe6993fc12ea506e889abb749c45dba2d62ec146d907faaaafe00b280096d38505211e726ecba75d507e7762ec8765e2"
            + "148c03a9203ff502db0a172edc10cfd23a6cb51ae628e9b23a7cb9fa0042fc5ff97aaa505a931eba7bef85d4149fae9c"
            + "023b04e8fc2feb449500",
    ]

    /// 110 bytes at level M, mask 5: version 7 (version information blocks present).
    static let version7Payload = Array(("https://city.example.jp/c/K7QM-3TXA?lang=ja&office=" + String(repeating: "0123456789", count: 6)).utf8.prefix(110))
    static let version7Mask5 =
        "fe331f6acbfc1480ff6a906eb26d4374bb75c67ad935dba125f863aec1206468a107faaaaaaaafe015d319f00082efdf"
        + "c23673ce81fd5b5995830d2b1bd5494cc3cd8fc2ffc29a291b40a593854e9c2d2e7bb4898211c5a602e75e2dbc930541"
        + "ab328834c1cb839065003608d9c0df2b46fd72fa05fc3c50ac6b9c786ac0ea40aa9d1dbd1df51e5fa3efcbbf852d3796"
        + "1653759bba0d0c0d8a68755cb9c4ec0b49002fd6dd6741a99d5d02ae477f6603b3a3524406985c5646c083f4e9bd5582"
        + "9421582b50f0a9b91f3669a305fadbf90073ac4b4c77f9356b60ea904ec512ef1fba4d8fa05fddd201829aac6e85b2e0"
        + "677b044e0e3d63cfe9332d57f300"

    /// The first 150 bytes of UTF-8 Japanese text at level Q, mask 2: version 10 (16-bit count, 8 blocks).
    static let version10Payload = Array(String(repeating: "窓口 申請番号 K7QM-3TXA ", count: 10).utf8.prefix(150))
    static let version10Mask2 =
        "fe92a391ffe73fc113d25badfa906e9e2c6f3185cbb74be4da10c125dba9f363f1b5d2ec16db6b1ed0b107faaaaaaaaa"
        + "aafe005bb8c6dcb4007f6f4bfe3dc318ee230b0e744f0793db94a55182bfcd30aecdd3797033fca6c79a76af83efcdf0"
        + "2f95fff72cfd67dfe05affe08258ff8b05303366d321cec85a1c8d2c3cc9ae01cbe2a4b856c3c9a5bcde4f1030fdf62d"
        + "1b323d192f3f0545aa7368910bde0c7780a79db3d324463e8bcc383706c272814e900ad50aafe53bf733f5d9dfb9bc7e"
        + "211d369c5f6dd1b0ad6f76a79aaa8cc5f6e91da0a47a3f6ebbfbe14bf4b025116d4b2967fbaebeedb5b3114636c63039"
        + "3d3f74982943ba09b1633f1423070d983e3991869067936381e2839a842138b9b7624bec99cb92fd8d08f3407f871f0c"
        + "c33ed28f6051d0b616923cfcb66bd89f419c009b8b554c5994a5e93050ef7fb51e4ebeba0f752b269bb5e7782b1b51f1"
        + "645df0e7d7a302a763ffa348f8005da7716902c63fb3f61aed5aebb05d1dc45876316baacd4beaed2f95d68d7541c6f1"
        + "f2ea204f43bc447105381614825950fe771e24567aa700"

    /// Unpacks a fixture into `size × size` row-major booleans (`true` = dark).
    static func modules(hex: String, size: Int) -> [Bool] {
        var bits: [Bool] = []
        var digits = hex.makeIterator()
        while let high = digits.next(), let low = digits.next(),
              let byte = UInt8(String([high, low]), radix: 16) {
            for shift in (0..<8).reversed() { bits.append((byte >> UInt8(shift)) & 1 == 1) }
        }
        return Array(bits.prefix(size * size))
    }
}
