"""HTML drafts as the text a reader sees, with the parts the writer did not write marked.

Webmail composes HTML. We review its visible text: block elements and
``<br>`` become line breaks, scripts and styles vanish, entities are decoded.
Quoted material (``blockquote``, Gmail's ``.gmail_quote``, Outlook's reply
header ``#divRplyFwdMsg`` and everything after it) and signatures
(``.gmail_signature``, ``.moz-signature``, ``#Signature``) are kept in the
text, so offsets stay true to what the reader sees, but listed as excluded.
`source_map` maps each run of text back to its offset in the HTML source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "section", "article", "header", "footer", "hr", "dd", "dt", "dl"}
_SKIP = {"script", "style", "head", "title", "template", "noscript"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "embed", "source", "track"}
_QUOTE_CLASSES = {"gmail_quote", "gmail_extra", "moz-cite-prefix", "yahoo_quoted", "protonmail_quote"}
_SIGNATURE_CLASSES = {"gmail_signature", "moz-signature", "signature"}
_SIGNATURE_IDS = {"signature", "signature_bookmark"}
_REST_IS_QUOTED_IDS = {"divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container"}


@dataclass
class HtmlText:
    text: str
    excluded: list[tuple[int, int]] = field(default_factory=list)  # code-point ranges of `text`
    source_map: list[tuple[int, int]] = field(default_factory=list)  # (text index, html offset) at each run


class _Extractor(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", html)]
        self.parts: list[str] = []
        self.length = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, opened an excluded region)
        self.excluded_depth = 0
        self.region_start = 0
        self.excluded: list[tuple[int, int]] = []
        self.rest_quoted_at: int | None = None
        self.skip_depth = 0
        self.source_map: list[tuple[int, int]] = []

    def _emit(self, s: str) -> None:
        if not s:
            return
        line, col = self.getpos()
        self.source_map.append((self.length, self._line_starts[line - 1] + col))
        self.parts.append(s)
        self.length += len(s)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "br":
            self._emit("\n")
            return
        if tag in _BLOCK:
            self._newline()
        classes = set((attrs.get("class") or "").lower().split())
        ident = (attrs.get("id") or "").lower()
        if ident in _REST_IS_QUOTED_IDS and self.rest_quoted_at is None:
            self.rest_quoted_at = self.length
        excluded = (tag == "blockquote" or bool(classes & (_QUOTE_CLASSES | _SIGNATURE_CLASSES))
                    or ident in _SIGNATURE_IDS)
        if tag in _VOID:
            return
        if excluded:
            if self.excluded_depth == 0:
                self.region_start = self.length
            self.excluded_depth += 1
        self.stack.append((tag, excluded))

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        # Close up to the matching open tag (browsers forgive unclosed tags; so do we).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, excluded in self.stack[i:]:
                    if excluded:
                        self.excluded_depth -= 1
                        if self.excluded_depth == 0:
                            self.excluded.append((self.region_start, self.length))
                del self.stack[i:]
                break
        if tag in _BLOCK:
            self._newline()

    def handle_data(self, data):
        if self.skip_depth:
            return
        data = re.sub(r"[ \t\r\n\f]+", " ", data)  # HTML collapses whitespace
        if data == " " and (not self.parts or self.parts[-1].endswith(("\n", " "))):
            return
        self._emit(data.replace("\u00a0", " "))

    def result(self) -> HtmlText:
        if self.excluded_depth:
            self.excluded.append((self.region_start, self.length))
        if self.rest_quoted_at is not None:
            self.excluded.append((self.rest_quoted_at, self.length))
        return HtmlText("".join(self.parts), sorted(self.excluded), self.source_map)


def html_to_text(html: str) -> HtmlText:
    parser = _Extractor(html)
    parser.feed(html)
    parser.close()
    return parser.result()
