/// The offices, record types, statuses and core fields of docs/design.md §2.
public enum CoreSchema {
    /// Office slugs, in the order staff know them.
    public static let offices = ["new-delhi", "mumbai", "chennai", "kolkata", "hyderabad", "bengaluru", "ahmedabad"]
    /// Office names for people, by slug.
    public static let officeNames = [
        "new-delhi": "New Delhi", "mumbai": "Mumbai", "chennai": "Chennai", "kolkata": "Kolkata",
        "hyderabad": "Hyderabad", "bengaluru": "Bengaluru", "ahmedabad": "Ahmedabad",
    ]
    /// Record types.
    public static let types = [
        "investment", "joint_venture", "technology_partnership", "trade_lead", "mou_action_item",
        "export_success", "event",
    ]
    /// Statuses, in pipeline order.
    public static let statuses = [
        "identified", "contacted", "in_discussion", "mou_signed", "closed_won", "closed_lost", "on_hold",
    ]
    /// The tracks the core knows (each has a plugin).
    public static let tracks = [
        TrackDeclaration(id: "critical_minerals", title: "Critical Minerals"),
        TrackDeclaration(id: "energy_industry", title: "Energy-Industry Network"),
        TrackDeclaration(id: "innovation_handshake", title: "Innovation Handshake"),
        TrackDeclaration(id: "ipef", title: "Indo-Pacific Economic Framework"),
        TrackDeclaration(id: "sccp", title: "Standards and Conformance Cooperation Program"),
        TrackDeclaration(id: "semiconductors", title: "Semiconductors"),
        TrackDeclaration(id: "strategic_trade", title: "Strategic Trade Dialogue"),
        TrackDeclaration(id: "trade_mission", title: "Trade Missions"),
    ]

    /// The core fields (track fields come from plugins).
    public static func fields(trackIDs: [String]) -> [FieldDeclaration] {
        [
            FieldDeclaration(
                name: "type",
                label: "Type",
                kind: .choice(types),
                required: true,
                help: "What kind of commercial work this is."
            ),
            FieldDeclaration(
                name: "title",
                label: "Title",
                kind: .text(maxLength: 200),
                required: true,
                help: "A short name for the record, 1 to 200 characters."
            ),
            FieldDeclaration(
                name: "office",
                label: "Office",
                kind: .choice(offices),
                required: true,
                help: "The office that owns the record."
            ),
            FieldDeclaration(
                name: "tracks",
                label: "Tracks",
                kind: .choices(trackIDs),
                required: true,
                help: "The Commercial Dialogue tracks this record belongs to."
            ),
            FieldDeclaration(
                name: "status",
                label: "Status",
                kind: .choice(statuses),
                required: true,
                help: "Where the work stands."
            ),
            FieldDeclaration(
                name: "us_party",
                label: "US party",
                kind: .text(maxLength: 200),
                help: "The US organisation."
            ),
            FieldDeclaration(
                name: "in_party",
                label: "Indian party",
                kind: .text(maxLength: 200),
                help: "The Indian organisation."
            ),
            FieldDeclaration(
                name: "us_party_size",
                label: "US party size",
                kind: .choice(["sme", "large", "unknown"]),
                help: "sme: under 500 employees."
            ),
            FieldDeclaration(
                name: "in_party_msme",
                label: "Indian party MSME class",
                kind: .choice(["micro", "small", "medium", "large", "unknown"])
            ),
            FieldDeclaration(
                name: "underserved_owned",
                label: "Underserved-owned",
                kind: .bool,
                help: "US firm owned, operated or led by members of underserved communities."
            ),
            FieldDeclaration(
                name: "counterpart_agency",
                label: "Counterpart agency",
                kind: .text(maxLength: 200),
                help: "BIS, MeitY, Ministry of Mines, DPIIT, CII, ..."
            ),
            FieldDeclaration(name: "naics", label: "NAICS code", kind: .digits(2...6), help: "2 to 6 digits."),
            FieldDeclaration(name: "value_usd", label: "Value (USD)", kind: .money, help: "Estimated or reported value."),
            FieldDeclaration(
                name: "value_basis",
                label: "Value basis",
                kind: .choice(["estimate", "client_reported", "verified"])
            ),
            FieldDeclaration(name: "opened_on", label: "Opened on", kind: .date),
            FieldDeclaration(name: "expected_close_on", label: "Expected close", kind: .date),
            FieldDeclaration(name: "closed_on", label: "Closed on", kind: .date),
            FieldDeclaration(
                name: "officer",
                label: "Officer",
                kind: .text(maxLength: 200),
                help: "The staff member responsible."
            ),
            FieldDeclaration(name: "notes", label: "Notes", kind: .text(maxLength: 10_000)),
        ]
    }
}
