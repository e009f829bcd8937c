/// English for counted nouns and roles in messages, so that none says "1 records" or "a editor".
///
/// ```swift
/// Wording.counted(1, "record")                      // "1 record"
/// Wording.counted(3, "entry", plural: "entries")    // "3 entries"
/// Wording.withArticle("editor")                     // "an editor"
/// ```
public enum Wording {
    /// `count` and `noun`, the noun in its plural (`plural`, else `noun` + "s") unless `count` is 1.
    public static func counted(_ count: some BinaryInteger, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// `word` after "a", or "an" when it starts with a vowel: "a reader", "an admin".
    public static func withArticle(_ word: String) -> String {
        (word.first.map { "aeiouAEIOU".contains($0) } == true ? "an " : "a ") + word
    }
}
