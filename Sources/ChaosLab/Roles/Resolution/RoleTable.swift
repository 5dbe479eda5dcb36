/// Values of the roles schema by field, each with its source: what one declaration says, or
/// what the layers (x-chaoslab, manifest, inference, defaults) say together.
struct RoleTable: Sendable, Hashable {
    var entries: [RoleField: RoleEntry] = [:]

    subscript(field: RoleField) -> RoleEntry? {
        get { entries[field] }
        set { entries[field] = newValue }
    }

    /// Whether the field has an entry, a declared absence included.
    func has(_ field: RoleField) -> Bool {
        entries[field] != nil
    }

    /// The field's text, or `nil` when it has none (or is declared absent).
    func text(_ field: RoleField) -> String? {
        entries[field]?.value.text
    }

    /// Whether the field, or the section it belongs to, is declared absent.
    func isAbsent(_ field: RoleField) -> Bool {
        if entries[field]?.value == RoleValue.none { return true }
        if let section = field.section, let anchor = RoleField.sectionAnchor(section), anchor != field {
            return entries[anchor]?.value == RoleValue.none
        }
        return false
    }

    /// Sets `field` unless it already has an entry (declared, absent or guessed before).
    mutating func fill(_ field: RoleField, _ value: RoleValue, _ source: RoleSource) {
        guard entries[field] == nil, !isAbsent(field) else { return }
        entries[field] = RoleEntry(value: value, source: source)
    }

    /// Sets `field` to `text` unless it already has an entry.
    mutating func fill(_ field: RoleField, text: String, _ source: RoleSource) {
        fill(field, .text(text), source)
    }

    /// This table, with the fields it lacks taken from `lower`.
    func overlaying(_ lower: RoleTable) -> RoleTable {
        var result = self
        for (field, entry) in lower.entries where result.entries[field] == nil {
            result.entries[field] = entry
        }
        return result
    }
}
