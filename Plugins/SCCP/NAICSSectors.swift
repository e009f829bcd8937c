/// The NAICS sectors (the first two digits of a code), for grouping by sector.
enum NAICSSectors {
    /// The sector's name for a code of 2 to 6 digits, or "Sector not given".
    static func name(ofCode code: String?) -> String {
        guard let code, code.count >= 2 else { return notGiven }
        let prefix = String(code.prefix(2))
        let sector = ranges[prefix] ?? prefix
        return names[prefix].map { "\(sector) \($0)" } ?? "\(prefix) (unknown sector)"
    }

    static let notGiven = "Sector not given"

    /// Sectors that span several 2-digit prefixes.
    static let ranges = [
        "31": "31–33", "32": "31–33", "33": "31–33", "44": "44–45", "45": "44–45", "48": "48–49", "49": "48–49",
    ]

    static let names = [
        "11": "Agriculture", "21": "Mining, oil and gas", "22": "Utilities", "23": "Construction",
        "31": "Manufacturing", "32": "Manufacturing", "33": "Manufacturing", "42": "Wholesale trade",
        "44": "Retail trade", "45": "Retail trade", "48": "Transportation", "49": "Transportation",
        "51": "Information", "52": "Finance and insurance", "53": "Real estate", "54": "Professional services",
        "55": "Management of companies", "56": "Administrative services", "61": "Educational services",
        "62": "Health care", "71": "Arts and recreation", "72": "Accommodation and food", "81": "Other services",
        "92": "Public administration",
    ]
}
