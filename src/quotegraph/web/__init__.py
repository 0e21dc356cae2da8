"""Server-rendered pages (Jinja2, autoescaped) and their small static assets; no build step."""
