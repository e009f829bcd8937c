import LiaisonCore
import Testing

/// ``TerminalText``: what a terminal would act on is shown as an escape, nothing else changes.
@Suite("Terminal text")
struct TerminalTextTests {
    @Test(arguments: [
        ("plain text, accents: café, 東京", "plain text, accents: café, 東京"),
        ("\u{1B}]0;pwned\u{07}", #"\u{1B}]0;pwned\u{07}"#),
        ("a\nb\tc\r", #"a\nb\tc\r"#),
        ("\u{0}\u{7F}\u{85}\u{9B}31m", #"\u{00}\u{7F}\u{85}\u{9B}31m"#),
        ("\u{202A}\u{202E}x\u{2066}\u{2069}", #"\u{202A}\u{202E}x\u{2066}\u{2069}"#),
        ("a\\u{1B}", "a\\u{1B}"),
    ])
    func aLineEscapesEveryControl(text: String, shown: String) {
        #expect(TerminalText.line(text) == shown)
    }

    @Test func anOutputKeepsItsLineBreaksAndTabs() {
        #expect(TerminalText.output("a\tb\nc\u{1B}[2J\r\n") == "a\tb\nc\\u{1B}[2J\\r\n")
    }

    @Test func aBlockIndentsItsFurtherLines() {
        #expect(TerminalText.block("one\r\n\ntwo\u{1B}", indent: 3) == "one\n\n   two\\u{1B}")
        #expect(TerminalText.block("one", indent: 3) == "one")
    }
}
