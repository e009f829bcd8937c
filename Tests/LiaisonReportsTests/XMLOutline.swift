import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an XML parser sees in a document: element names with attributes, and the text.
final class XMLOutline: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    private(set) var elements: [Element] = []
    private(set) var text = ""
    private(set) var error: (any Error)?

    /// Parses markup, or throws what the parser objected to.
    static func parse(_ markup: String) throws -> XMLOutline {
        let outline = XMLOutline()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = outline
        guard parser.parse() else { throw outline.error ?? parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return outline
    }

    func elements(named name: String) -> [Element] {
        elements.filter { $0.name == name }
    }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String]
    ) {
        elements.append(Element(name: elementName, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = parseError
    }
}
