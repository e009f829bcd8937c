/// The fields records may carry: the core fields plus the track fields of the loaded
/// plugins, composed by the executable at start-up (docs/design.md §7).
public struct Schema: Sendable {
    /// Known tracks, sorted by id.
    public let tracks: [TrackDeclaration]
    /// Every field, core fields first, then track fields sorted by name.
    public let fields: [FieldDeclaration]
    private let byName: [String: FieldDeclaration]

    /// A schema of the core fields, `tracks`, and the track fields given.
    public init(tracks: [TrackDeclaration] = CoreSchema.tracks, trackFields: [FieldDeclaration] = []) {
        self.tracks = tracks.sorted { $0.id < $1.id }
        let core = CoreSchema.fields(trackIDs: self.tracks.map(\.id))
        fields = core + trackFields.sorted { $0.name < $1.name }
        byName = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The core schema with the eight known tracks and no track fields.
    public static let core = Schema()

    /// The declaration of a field, if it exists.
    public func field(_ name: String) -> FieldDeclaration? {
        byName[name]
    }

    /// The declaration of a field, or a validation issue naming it as unknown.
    func declaration(_ name: String) throws(ValidationError) -> FieldDeclaration {
        guard let field = byName[name] else {
            let hint = name == deletedField ? " (use delete)" : ""
            throw ValidationError(name, "unknown field\(hint)")
        }
        return field
    }
}
