import LiaisonCore

/// Prints output for people (not JSON or CSV) with every control character in it escaped, so
/// nothing from a record or a peer acts on the terminal (``TerminalText/output(_:)``). Values
/// that could hold a line break go through ``TerminalText/line(_:)`` before they get here.
func printForPeople(_ text: String, terminator: String = "\n") {
    print(TerminalText.output(text), terminator: terminator)
}
