import Foundation
import LiaisonReports
import Testing

@Suite("HTML")
struct HTMLRendererTests {
    @Test("the page is well-formed XML with one svg per chart", arguments: [Fixtures.full, Fixtures.degenerate])
    func wellFormed(document: ReportDocument) throws {
        let html = HTMLRenderer().render(document)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let outline = try XMLOutline.parse(html)
        #expect(outline.elements(named: "svg").count == document.charts.count)
        #expect(html.components(separatedBy: "<svg").count - 1 == document.charts.count)
        for svg in outline.elements(named: "svg") {
            #expect(svg.attributes["role"] == "img")
            #expect(svg.attributes["aria-label"]?.isEmpty == false)
        }
        #expect(outline.elements(named: "title").first != nil)
        #expect(!html.contains("NaN") && !html.contains("inf"))
    }

    @Test func textIsEscaped() throws {
        let html = HTMLRenderer().render(Fixtures.full)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>") && !html.contains("<em>"))
        #expect(html.contains("SCCP &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; partners"))
        let outline = try XMLOutline.parse(html)
        #expect(outline.text.contains("SCCP <script>alert(\"x\")</script> & partners"))
        #expect(outline.elements(named: "script").isEmpty)
    }

    @Test func controlCharactersAreDropped() throws {
        let doc = ReportDocument(id: "c", title: "Bell\u{07} and null\u{00}", generatedAt: "now")
        let outline = try XMLOutline.parse(HTMLRenderer().render(doc))
        #expect(outline.text.contains("Bell and null"))
    }

    @Test func thePageIsSelfContainedAndPrintable() {
        let html = HTMLRenderer().render(Fixtures.full)
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(html.contains("@media print"))
        #expect(html.contains("name=\"viewport\""))
    }

    @Test func tablesHaveCaptionsHeadersAndTotals() throws {
        let outline = try XMLOutline.parse(HTMLRenderer().render(Fixtures.full))
        #expect(outline.elements(named: "caption").count >= Fixtures.full.tables.count)
        let scopes = outline.elements(named: "th").compactMap { $0.attributes["scope"] }
        #expect(scopes.contains("col") && scopes.contains("row"))
        #expect(outline.elements(named: "tfoot").count == 2)
        #expect(outline.text.contains("$5.4M"))
    }

    @Test func theFunnelShowsCountsAndConversions() {
        let html = HTMLRenderer().render(Fixtures.full)
        #expect(html.contains("45% of previous stage"))
        #expect(html.contains("33.3% of previous stage"))
        #expect(html.contains(">40</text>"))
    }

    @Test func aStackedBarHasALegend() throws {
        let chart = Fixtures.full.charts[1]
        let doc = ReportDocument(id: "s", title: "S", generatedAt: "now", charts: [chart])
        let html = HTMLRenderer().render(doc)
        #expect(html.contains(">Signed</text>") && html.contains(">Pending</text>"))
        #expect(html.contains(">$1.5M</text>") && html.contains(">$2.5M</text>"))
    }

    @Test func theFragmentIsEmbeddable() throws {
        let fragment = HTMLRenderer().renderFragment(Fixtures.full)
        #expect(fragment.hasPrefix("<article class=\"liaison-report\">"))
        #expect(!fragment.contains("<html") && !fragment.contains("<head>") && !fragment.contains("<body"))
        let outline = try XMLOutline.parse(fragment)
        #expect(outline.elements(named: "style").count == 1)
        #expect(outline.elements(named: "svg").count == Fixtures.full.charts.count)
    }

    @Test func theProvisionalNoticeIsShown() {
        #expect(HTMLRenderer().render(Fixtures.full).contains("3 records have open conflicts"))
        #expect(!HTMLRenderer().render(Fixtures.degenerate).contains("open conflicts"))
    }
}
