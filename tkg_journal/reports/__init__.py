"""Coach-session summary: collect once, render to Markdown, HTML and PDF.

``summary_document.build_document(summary)`` writes every word of the summary into a
format-neutral ``document.Document``; ``markdown.to_markdown``, ``html.to_html`` and
``pdf.to_pdf`` lay that document out. Nothing here reads the journal, draws a chart or
writes a file. Import ``reports.pdf`` only when a PDF is wanted: fpdf2 costs ~0.3 s to
import.
"""
