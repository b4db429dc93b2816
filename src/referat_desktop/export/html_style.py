"""The web page's style sheet (inline in every page: the file stands alone).

Readable on a phone: the text column is at most about 70 characters wide and shrinks with
the screen; a word longer than the screen (a file name, a URL) breaks anywhere instead of
making the page scroll sideways; only the facts' labels (our own short words) never break
inside a word: their column widens to "Mødedeltagere" instead. Colours keep a contrast of
at least 7:1 (WCAG AAA) on white. Printed, each item starts on a new page, as in the PDF.
"""

from __future__ import annotations

STYLESHEET = """
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: #1a1a1a; background: #fff;
  font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 1rem; line-height: 1.5;
  overflow-wrap: anywhere; }
main, body > footer { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1rem 0 1.5rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 .5rem; }
section.item > h2 { border-top: 2px solid #1a1a1a; padding-top: 1rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
p { margin: 0 0 .75rem; }
a { color: #0b4f9c; }
a:visited { color: #5a2d82; }
a:focus { outline: 3px solid #0b4f9c; outline-offset: 2px; }
table.facts { border-collapse: collapse; margin: 0 0 1rem; width: 100%; }
table.facts caption { text-align: left; font-weight: bold; padding: 0 0 .25rem; }
table.facts th { text-align: left; vertical-align: top; width: 8.5rem; padding: .3rem .75rem .3rem 0;
  overflow-wrap: normal; }
table.facts td { vertical-align: top; padding: .3rem 0; }
table.facts tr + tr > * { border-top: 1px solid #d0d0d0; }
nav ol { padding-left: 2rem; }
nav li { margin: .25rem 0; }
ul, ol { margin: 0 0 .75rem; padding-left: 1.75rem; }
li > p { margin: 0 0 .25rem; }
li > ul, li > ol { margin-bottom: .25rem; }
.case-number { color: #404040; margin-top: -.25rem; }
.closed { background: #fdf0f0; color: #5c0f0f; border-left: 4px solid #8a1c1c; padding: .4rem .75rem; }
ul.attachments { list-style: square; }
body > footer { border-top: 1px solid #d0d0d0; color: #404040; font-size: .9rem; }
.status { color: #1a1a1a; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 30rem) {
  h1 { font-size: 1.5rem; }
  table.facts th { width: 6.5rem; }
}
@media print {
  main, body > footer { max-width: none; padding: 0; }
  section.item { break-before: page; }
  section.item > h2 { border-top: none; padding-top: 0; }
  a { color: inherit; text-decoration: none; }
}
""".strip()
