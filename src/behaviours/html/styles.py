"""The report's stylesheet, and the CSS class contract an embedding page can restyle.

Every element the backend writes carries a ``bh-`` class (docs/reports.md
lists them) and every colour is a custom property on ``.bh-report``, so an
appraisal tool can restyle a fragment with its own sheet without matching our
tag structure. The colours are the PDF's (``behaviours.reports.palette``),
contrast-checked once for both. Fonts are optional: DejaVu Sans when the
reader has it (the face the PDF embeds), else the platform's sans-serif.
"""

from __future__ import annotations

from behaviours.reports.palette import HEADING, INK, MUTED, RULE, TINT, TINT_BLUE, TONES, WHITE

__all__ = ["CLASSES", "STYLESHEET"]

CLASSES = {
    "bh-report": "the whole report (an article in a fragment; holds the colour properties)",
    "bh-section": "one part of the report (a section element named by its heading)",
    "bh-page": "a part that starts a new page, in the PDF and in print",
    "bh-cover": "the first part: the subject, the framework and the respondents",
    "bh-kicker": "the line above the title naming the kind of report",
    "bh-title": "the report's one h1: the subject's name",
    "bh-lead": "an introductory paragraph in larger type",
    "bh-body": "running text",
    "bh-small": "small print, such as a source or a hint",
    "bh-note": "a note beside figures, such as a gap in words",
    "bh-quote": "what a person typed, set apart",
    "bh-list": "a bulleted list",
    "bh-callout": "a boxed notice the reader should not miss (role note)",
    "bh-callout-title": "the callout's title",
    "bh-keep": "blocks kept on one page when printed",
    "bh-table-wrap": "the scrolling box around a table (focusable, for keyboard scrolling)",
    "bh-table": "a table; th scope col heads columns, th scope row names a row",
    "bh-compact": "a table with many narrow columns, its header in smaller type",
    "bh-right": "a right-aligned (numeric) cell",
    "bh-center": "a centred cell",
    "bh-ruled": "a row ruled off above, such as a total",
    "bh-heat": "a heatmap cell: its tint (an inline background) repeats the figure it prints",
    "bh-none": "a cell with no figure: a dash for the eye, the words for a screen reader",
    "bh-chart": "a figure holding one chart",
    "bh-svg": "a chart's svg (role img, its title says every value)",
    "bh-mark": "a marker of a chart series; with bh-tone-<tone>",
    "bh-line": "the outline of a radar series; with bh-tone-<tone>",
    "bh-bar": "a bar of the ranked chart; with bh-tone-<tone>",
    "bh-grid": "a chart's grid lines and rings",
    "bh-axis": "a chart's axis lines",
    "bh-plot": "the shaded band of a dot plot",
    "bh-interval": "a 95% interval of a dot plot",
    "bh-label": "a chart's text",
    "bh-field": "a space to write in (the development plan)",
    "bh-field-label": "the prompt of a field",
    "bh-field-box": "the ruled box of a field",
    "bh-footer": "the footer line: framework, kind and subject",
    "bh-sr-only": "text for screen readers only",
}
"""Each class the backend writes and what it marks: the contract docs/reports.md publishes."""

_TONES = "\n".join(f"  --bh-tone-{name}: {value};" for name, value in TONES.items())
# Inside @supports so that a renderer without SVG paint properties (WeasyPrint, which
# draws the marks from their presentation colours) skips them without a warning.
_TONE_RULES = "@supports (fill: red) {{\n{}\n}}".format(
    "\n".join(
        f".bh-tone-{name} {{ fill: var(--bh-tone-{name}); }}\n"
        f".bh-line.bh-tone-{name} {{ stroke: var(--bh-tone-{name}); }}"
        for name in TONES
    )
)

STYLESHEET = f"""
.bh-report {{
  --bh-ink: {INK}; --bh-muted: {MUTED}; --bh-heading: {HEADING}; --bh-paper: {WHITE};
  --bh-tint: {TINT}; --bh-tint-blue: {TINT_BLUE}; --bh-rule: {RULE};
{_TONES}
  color: var(--bh-ink); background: var(--bh-paper);
  font-family: "DejaVu Sans", "Noto Sans Arabic", Verdana, system-ui, sans-serif;
  font-size: 1rem; line-height: 1.5;
  max-width: 50rem; margin: 0 auto; padding: 0 1rem;
}}
body {{ margin: 0; background: {WHITE}; }}
.bh-report h1, .bh-report h2, .bh-report h3, .bh-report h4 {{ line-height: 1.25; }}
.bh-report h2 {{ color: var(--bh-heading); font-size: 1.6em; margin: 2rem 0 0.8rem; }}
.bh-report h3 {{ font-size: 1.2em; margin: 1.4rem 0 0.5rem; }}
.bh-report h4 {{ font-size: 1.05em; margin: 1rem 0 0.3rem; }}
.bh-page {{ border-top: 1px solid var(--bh-rule); padding-top: 0.5rem; }}
.bh-cover {{ border-top: 0.6rem solid var(--bh-heading); padding-top: 1rem; }}
.bh-kicker {{ color: var(--bh-heading); font-weight: bold; letter-spacing: 0.04em; margin: 0; }}
.bh-title {{ font-size: 2.2em; margin: 0.2rem 0 0.6rem; overflow-wrap: anywhere; }}
.bh-lead {{ font-size: 1.15em; }}
.bh-small, .bh-note {{ color: var(--bh-muted); font-size: 0.9em; }}
.bh-quote {{ border-left: 3px solid var(--bh-rule); padding-left: 0.8rem; }}
.bh-list {{ padding-left: 1.4rem; }}
.bh-callout {{
  background: var(--bh-tint-blue); border-left: 4px solid var(--bh-heading);
  padding: 0.6rem 1rem; margin: 1rem 0;
}}
.bh-callout-title {{ color: var(--bh-heading); font-weight: bold; margin: 0.2rem 0; }}
/* relative: a screen-reader-only word in a cell scrolled out of view stays in the box,
   not off the page's edge (an absolute element is clipped only by a positioned box) */
.bh-table-wrap {{ overflow-x: auto; margin: 0.6rem 0 1.2rem; position: relative; }}
.bh-table-wrap:focus {{ outline: 3px solid var(--bh-heading); outline-offset: 2px; }}
.bh-table {{ border-collapse: collapse; width: 100%; font-size: 0.92em; }}
@media (max-width: 30rem) {{ .bh-table {{ font-size: 0.85em; }} }}
.bh-table caption {{
  caption-side: top; text-align: left; font-weight: bold; color: var(--bh-muted);
  padding-bottom: 0.3rem;
}}
.bh-table th, .bh-table td {{
  padding: 0.3rem 0.45rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid var(--bh-rule); overflow-wrap: break-word; hyphens: auto;
}}
.bh-table thead th {{ background: var(--bh-heading); color: var(--bh-paper); }}
.bh-table tbody th {{ font-weight: normal; }}
.bh-table tbody tr:nth-child(even) {{ background: var(--bh-tint); }}
.bh-table.bh-compact thead th {{ font-size: 0.8em; }}
.bh-table .bh-right {{ text-align: right; white-space: nowrap; }}
.bh-table .bh-center {{ text-align: center; white-space: nowrap; }}
.bh-table thead th.bh-right, .bh-table thead th.bh-center {{ white-space: normal; }}
.bh-table .bh-heat {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
.bh-table tr.bh-ruled > * {{ border-top: 2px solid var(--bh-ink); }}
.bh-chart {{ margin: 0.8rem 0 1.2rem; }}
.bh-svg {{ display: block; width: 100%; height: auto; max-width: 40rem; }}
.bh-svg-bars, .bh-svg-dots {{ max-width: 34rem; }}
{_TONE_RULES}
.bh-field-box {{
  border: 1px solid var(--bh-muted); border-radius: 4px; margin-bottom: 1rem;
  background: repeating-linear-gradient(
    transparent, transparent 1.9rem, var(--bh-rule) 1.9rem, var(--bh-rule) 2rem
  );
}}
.bh-field-label {{ font-weight: bold; margin: 0.8rem 0 0.2rem; }}
.bh-footer {{
  color: var(--bh-muted); font-size: 0.85em; border-top: 1px solid var(--bh-rule);
  margin-top: 2rem; padding: 0.5rem 0 1.5rem;
}}
.bh-sr-only {{
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}}
@media print {{
  @page {{ size: A4; margin: 20mm 20mm 22mm; }}
  .bh-report {{ max-width: none; padding: 0; font-size: 10pt; }}
  .bh-page {{ border-top: 0; break-before: page; }}
  .bh-keep, .bh-chart, .bh-callout, .bh-field, tr {{ break-inside: avoid; }}
  .bh-report h2, .bh-report h3, .bh-report h4, .bh-table caption {{ break-after: avoid; }}
  .bh-table thead {{ display: table-header-group; }}
  .bh-table-wrap {{ overflow: visible; }}
  .bh-svg {{ max-width: 90%; }}
  .bh-svg-bars, .bh-svg-dots {{ max-width: 75%; }}  /* labels near the body's size */
}}
"""
"""The stylesheet of a whole report, also for a page that embeds fragments."""
