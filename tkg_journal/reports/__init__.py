"""Coach-session summary: collect once, render to Markdown, HTML and PDF."""
