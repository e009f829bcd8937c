import LiaisonCore

/// Names for people of the values reports group by.
///
/// ```swift
/// ReportLabels.office("new-delhi")      // "New Delhi"
/// ReportLabels.value("rare_earths")     // "Rare earths"
/// ```
public enum ReportLabels {
    /// An office's name, or the slug itself when unknown.
    public static func office(_ slug: String) -> String {
        CoreSchema.officeNames[slug] ?? slug
    }

    /// A status's name (`closed_won` → `Closed won`, `mou_signed` → `MoU signed`).
    public static func status(_ status: String) -> String {
        status == "mou_signed" ? "MoU signed" : value(status)
    }

    /// A choice value for people: underscores become spaces, the first letter is capitalised,
    /// and known acronyms keep their case (`atmp_osat` → `ATMP/OSAT`, `ai` → `AI`).
    public static func value(_ slug: String) -> String {
        if let known = acronyms[slug] { return known }
        let words = slug.split(separator: "_").map(String.init)
        guard let first = words.first else { return slug }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    private static let acronyms = [
        "atmp_osat": "ATMP/OSAT", "ai": "AI", "sme": "SME", "msme": "MSME", "oil_gas": "Oil & gas",
        "processing_refining": "Processing & refining", "recycling_recovery": "Recycling & recovery",
    ]
}
