import Foundation
import MadoguchiCore

/// The Case screen's panel of cards this staff member's reader delivered: each read with one button per person
/// of the household and one for a new person. The page's script asks for new reads every few seconds and
/// redraws the list the same way (`data-reads`), so a card put on the reader shows up without reloading.
enum CardReadsPanel {
    /// `myNumberUse`: the Case has a procedure of 個人番号利用事務, so staff may ask for the next card's 個人番号.
    static func render(_ reads: [CardReadRecord], caseID: UUID, people: Int, myNumberUse: Bool, csrf: String, _ context: PageContext) -> Markup {
        el("section", ["class": "panel", "id": "card-reads", "data-reads": SitePath.counterCardReads.path,
                       "data-apply": SitePath.counterCase(caseID).path + "/card-reads/", "data-people": String(people),
                       "data-csrf": csrf, "data-lang": context.language == .en ? "en" : "ja"]) {
            el("h2") { context.t("カードの読み取り", "Card reads") }
            el("ul", ["class": "card-reads", "aria-live": "polite"]) {
                for read in reads {
                    if let id = read.id {
                        el("li", ["data-read": id.uuidString]) {
                            el("span", ["class": "card-name"]) { read.name }
                            " "
                            el("small") { birthText(read.birthDate) + "　" + read.address }
                            if read.myNumberSealed != nil { el("small", ["class": "card-has-number"]) { context.t("（個人番号あり）", " (with My Number)") } }
                            el("form", ["method": "post", "action": SitePath.counterCaseCardRead(caseID, read: id).path, "class": "inline card-apply"]) {
                                el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                                for person in 0..<people {
                                    el("button", ["type": "submit", "name": "member", "value": String(person + 1), "class": "small secondary",
                                                  "id": "card-\(id.uuidString.prefix(8))-m\(person + 1)"]) {
                                        context.t("\(person + 1)人目に入れる", "Into person \(person + 1)")
                                    }
                                }
                                el("button", ["type": "submit", "name": "member", "value": "new", "class": "small",
                                              "id": "card-\(id.uuidString.prefix(8))-new"]) { context.t("新しい人として追加", "Add as a new person") }
                            }
                        }
                    }
                }
            }
            if myNumberUse {
                el("form", ["method": "post", "action": SitePath.counterCaseCardMyNumber(caseID).path, "class": "inline"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("button", ["type": "submit", "class": "small secondary", "id": "card-ask-my-number"]) {
                        context.t("次のカードで個人番号も読み取る", "Read the My Number from the next card")
                    }
                }
            }
            if reads.isEmpty {
                el("p", ["class": "hint", "id": "card-reads-empty"]) {
                    context.t("カードリーダーで読み取ると、ここに表示されます。", "Cards read on your reader appear here. ")
                    el("a", ["href": SitePath.counterCardAgentPairing.path, "id": "pair-card-reader"]) { context.t("カードリーダーをつなぐ", "Pair a card reader") }
                }
            }
        }
    }

    /// `YYYYMMDD` from the card as `1986-07-14`; anything else as it came.
    static func birthText(_ text: String) -> String {
        guard text.count == 8, text.allSatisfy({ ("0"..."9").contains($0) }) else { return text }
        return "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.suffix(2))"
    }
}

/// `/counter/card-agent`: how to pair the card reader on this counter PC with the signed-in staff member.
enum CardAgentPairingView {
    static func render(code: String?, server: String, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("カードリーダーをつなぐ", "Pair a card reader")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/counter"]) { context.t("← 窓口", "← Counter") } }
            el("h1") { title }
            el("p") {
                context.t("この窓口のパソコンでカードリーダーの常駐プログラムを起動し、下のコードを入力します。コードは10分間、1回だけ使えます。読み取ったカードは、あなたの案件画面にだけ表示されます。",
                          "Start the card agent on this counter's PC and give it the code below. The code works once, for 10 minutes. Cards it reads appear only on your Case screens.")
            }
            if let code {
                el("p", ["class": "pairing-code", "id": "pairing-code"]) { code }
                el("pre", ["id": "pairing-command"]) { "madoguchi card-agent --server \(server) --code \(code)" }
            }
            el("form", ["method": "post", "action": SitePath.counterCardAgentPairing.path]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn?.csrfToken ?? ""])
                el("button", ["type": "submit", "id": "new-pairing-code"]) { context.t(code == nil ? "コードを表示" : "新しいコードを表示", code == nil ? "Show a code" : "Show a new code") }
            }
        }
    }
}
