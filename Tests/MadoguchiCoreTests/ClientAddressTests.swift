import MadoguchiCore
import Testing

@Suite struct ClientAddressTests {
    @Test func addressesParseStrictly() {
        #expect(IPAddress("192.168.1.20")?.description == "192.168.1.20")
        #expect(IPAddress("2001:db8::1")?.description == "2001:db8:0:0:0:0:0:1")
        #expect(IPAddress("[::1]")?.description == "0:0:0:0:0:0:0:1")
        #expect(IPAddress("::ffff:10.0.0.7") == IPAddress("10.0.0.7"), "an IPv4-mapped address is its IPv4 client")
        for bad in ["", "1.2.3", "1.2.3.256", "1.2.3.4.5", "1::2::3", "12345::", "evil.example", "1.2.3.-4", "::g"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func networksContainTheirAddresses() throws {
        let lan = try #require(IPNetwork("192.168.0.0/16"))
        #expect(lan.contains(try #require(IPAddress("192.168.200.3"))))
        #expect(!lan.contains(try #require(IPAddress("192.169.0.1"))))
        #expect(!lan.contains(try #require(IPAddress("::1"))))
        #expect(try #require(IPNetwork("10.1.2.3")).contains(try #require(IPAddress("10.1.2.3"))))
        #expect(try #require(IPNetwork("fd00::/8")).contains(try #require(IPAddress("fd12:3456::9"))))
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(TrustedProxies(list: "10.0.0.1, nonsense") == nil)
    }

    @Test func theForwardedAddressIsBelievedOnlyFromATrustedProxy() throws {
        let proxies = try #require(TrustedProxies(list: "10.0.0.1, 10.0.1.0/24"))
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: ["203.0.113.7"]) == "203.0.113.7")
        #expect(proxies.client(peer: "198.51.100.2", forwardedFor: ["203.0.113.7"]) == "198.51.100.2", "not from a proxy: ignored")
        // The client wrote a fake first hop; the proxies appended what they saw, read from the right.
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: ["1.1.1.1, 203.0.113.7", "10.0.1.5"]) == "203.0.113.7")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: []) == "10.0.0.1")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: ["garbage"]) == "10.0.0.1")
        #expect(TrustedProxies().client(peer: "10.0.0.1", forwardedFor: ["203.0.113.7"]) == "10.0.0.1", "no proxies configured")
    }

    @Test func ipv6IsLimitedByItsSlash64() {
        #expect(TrustedProxies.limitKey("2001:db8:1:2:aaaa::1") == TrustedProxies.limitKey("2001:db8:1:2:bbbb::9"))
        #expect(TrustedProxies.limitKey("2001:db8:1:2::1") != TrustedProxies.limitKey("2001:db8:1:3::1"))
        #expect(TrustedProxies.limitKey("203.0.113.7") == "203.0.113.7")
        #expect(TrustedProxies.limitKey(nil) == "unknown")
    }
}
