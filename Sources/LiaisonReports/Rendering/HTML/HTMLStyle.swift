/// The report's CSS, every rule scoped to `.liaison-report` (but `@page`): light background and
/// dark text, responsive down to phone widths; printed on A4 in black on white, each chart kept
/// with its table, tables set small enough that no figure is clipped. Column titles wrap;
/// figures never do, and a table wider than the screen scrolls instead of clipping.
enum HTMLStyle {
    static let css = """

        .liaison-report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; \
        color: #1a1a1a; background: #fff; line-height: 1.45; max-width: 72rem; margin: 0 auto; padding: 1rem; }
        .liaison-report h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
        .liaison-report h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid #ccc; }
        .liaison-report .subtitle { color: #444; margin: 0 0 0.5rem; }
        .liaison-report .context { color: #555; font-size: 0.9rem; margin: 0 0 1rem; }
        .liaison-report .provisional { border-left: 4px solid #b35c00; background: #fff6e5; padding: 0.5rem 0.75rem; }
        .liaison-report .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); \
        gap: 0.75rem; margin: 0; padding: 0; }
        .liaison-report .figure { border: 1px solid #ccc; border-radius: 6px; padding: 0.6rem 0.8rem; }
        .liaison-report .figure dt { font-size: 0.85rem; color: #444; }
        .liaison-report .figure dd { margin: 0; font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
        .liaison-report .figure .note { display: block; font-size: 0.8rem; font-weight: normal; color: #555; }
        .liaison-report .table-wrap { overflow-x: auto; }
        .liaison-report table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
        .liaison-report caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
        .liaison-report th, .liaison-report td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; \
        text-align: left; vertical-align: top; }
        .liaison-report thead th, .liaison-report thead th.num { white-space: normal; overflow-wrap: break-word; \
        hyphens: auto; vertical-align: bottom; }
        .liaison-report table.many { font-size: 0.82rem; }
        .liaison-report table.many th, .liaison-report table.many td { padding: 0.25rem 0.3rem; }
        .liaison-report section.chart h2 { font-size: 1rem; border-bottom: none; margin-top: 1rem; }
        .liaison-report .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .liaison-report tfoot th, .liaison-report tfoot td { font-weight: 700; border-top: 2px solid #333; }
        .liaison-report figure { margin: 1rem 0; }
        .liaison-report svg { display: block; width: 100%; height: auto; max-width: 46rem; }
        .liaison-report figcaption { font-size: 0.9rem; color: #444; margin-top: 0.25rem; }
        .liaison-report details { font-size: 0.9rem; margin-top: 0.5rem; }
        @media (max-width: 40rem) {
          .liaison-report { padding: 0.5rem; }
          .liaison-report h1 { font-size: 1.3rem; }
          .liaison-report table { font-size: 0.85rem; }
        }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          .liaison-report { color: #000; background: none; max-width: none; padding: 0; font-size: 10pt; }
          .liaison-report h2 { break-after: avoid; margin-top: 1rem; }
          .liaison-report table { font-size: 8pt; }
          .liaison-report table.many { font-size: 7pt; }
          .liaison-report th, .liaison-report td { padding: 2pt 3pt; }
          .liaison-report section.chart { break-inside: avoid; }
          .liaison-report svg { max-width: 100%; max-height: 120mm; }
          .liaison-report .subtitle, .liaison-report .context, .liaison-report figcaption, \
        .liaison-report .figure dt, .liaison-report .figure .note { color: #000; }
          .liaison-report .provisional { background: none; border-left-color: #000; }
          .liaison-report .table-wrap { overflow: visible; }
          .liaison-report table, .liaison-report figure, .liaison-report .figure { break-inside: avoid; }
          .liaison-report details { display: none; }
        }

        """
}
