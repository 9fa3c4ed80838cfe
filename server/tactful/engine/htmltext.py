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
from html import unescape as html_unescape

_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "section", "article", "header", "footer", "hr", "dd", "dt", "dl"}
_SKIP = {"script", "style", "head", "title", "template", "noscript"}
_RAW_TEXT = {"script", "style"}  # their content is not markup
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


_TAG_NAME = re.compile(r"/?([A-Za-z][^\s/>]*)")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")


def _tag_end(html: str, i: int) -> int:
    """Index just past the ``>`` that closes the tag opened at `i`, honouring quoted values; -1 at end of input."""
    n, quote = len(html), None
    while i < n:
        c = html[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == ">":
            return i + 1
        i += 1
    return -1


def _tokens(html: str):
    """("start", name, attrs, at) / ("end", name, at) / ("text", data, at), in one pass.

    A small tokenizer of our own rather than `html.parser`: that one rescans the
    rest of the input from every ``<`` of an unclosed tag or comment, so 60 KB of
    ``<a `` took 35 s. Here each character is looked at a bounded number of times,
    and an unclosed tag, comment or raw-text element runs to the end of the input,
    as browsers treat it.
    """
    n, i = len(html), 0
    while i < n:
        lt = html.find("<", i)
        if lt < 0:
            yield ("text", html[i:], i)
            return
        if lt > i:
            yield ("text", html[i:lt], i)
        nxt = html[lt + 1:lt + 2]
        if html.startswith("<!--", lt):
            close = html.find("-->", lt + 4)
            if close < 0:
                return
            i = close + 3
        elif nxt in ("!", "?") or (nxt == "/" and not html[lt + 2:lt + 3].isalpha()):
            close = html.find(">", lt + 1)  # a declaration or a bogus comment, up to the next ">"
            if close < 0:
                return
            i = close + 1
        elif nxt.isalpha() or nxt == "/":
            close = _tag_end(html, lt + 1)
            if close < 0:
                return
            m = _TAG_NAME.match(html, lt + 1)
            name = m.group(1).lower()
            if nxt == "/":
                yield ("end", name, lt)
            else:
                attrs = {a.lower(): (v or "").strip("\"'") for a, v in _ATTR.findall(html, m.end(), close - 1)}
                yield ("start", name, attrs, lt)
                if name in _RAW_TEXT:  # no markup inside: skip to its end tag
                    end = re.compile(rf"</{name}[\s/>]", re.IGNORECASE).search(html, close)
                    if end is None:
                        return
                    yield ("end", name, end.start())
                    close = _tag_end(html, end.start() + 1)
                    if close < 0:
                        return
            i = close
        else:  # a "<" that opens nothing is text, up to the next "<" that may open something
            following = _MARKUP_START.search(html, lt + 1)
            i = following.start() if following else n
            yield ("text", html[lt:i], lt)


class _Extractor:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.at = 0  # HTML offset of the token being handled
        self.stack: list[tuple[str, bool]] = []  # (tag, opened an excluded region)
        self.open_count: dict[str, int] = {}  # tag -> how many are on the stack
        self.excluded_depth = 0
        self.region_start = 0
        self.excluded: list[tuple[int, int]] = []
        self.rest_quoted_at: int | None = None
        self.skip_depth = 0
        self.source_map: list[tuple[int, int]] = []

    def run(self, html: str) -> "_Extractor":
        for token in _tokens(html):
            self.at = token[-1]
            if token[0] == "text":
                self.handle_data(html_unescape(token[1]))
            elif token[0] == "start":
                self.handle_starttag(token[1], token[2])
            else:
                self.handle_endtag(token[1])
        return self

    def _emit(self, s: str) -> None:
        if not s:
            return
        self.source_map.append((self.length, self.at))
        self.parts.append(s)
        self.length += len(s)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n")

    def handle_starttag(self, tag, attrs):
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
        self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        # Close up to the matching open tag (browsers forgive unclosed tags; so do we). An end tag with no
        # open match is ignored without a scan, and each open tag is popped once: linear in the tags.
        if self.open_count.get(tag):
            while True:
                name, excluded = self.stack.pop()
                self.open_count[name] -= 1
                if excluded:
                    self.excluded_depth -= 1
                    if self.excluded_depth == 0:
                        self.excluded.append((self.region_start, self.length))
                if name == tag:
                    break
        if tag in _BLOCK:
            self._newline()

    def handle_data(self, data):
        if self.skip_depth:
            return
        data = _WHITESPACE.sub(" ", data)  # HTML collapses whitespace
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
    return _Extractor().run(html).result()
