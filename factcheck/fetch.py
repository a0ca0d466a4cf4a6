"""Fetch a source by URL, for ``factcheck index https://…``.

The standard library's HTTP client (urllib) does all we need: one GET with a
timeout, redirects followed, the body read in pieces so that a page larger
than the size limit is refused without being read whole.  No new dependency.

What comes back is the same bytes a saved file would hold, with a file suffix
chosen from the Content-Type (else the URL's path), so the readers are the
same: a web page, a PDF, a Word file or a text page.  Every failure becomes
one ``FetchError`` whose message names the host and says what happened
(cannot resolve, refused, no answer within N s, HTTP 404, too large, not a
type factcheck reads); the indexer skips that URL with the message and goes on.
"""

from __future__ import annotations

import datetime as _dt
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT = 20.0  # seconds, for connecting and for each read
MAX_BYTES = 20 * 1024 * 1024  # a news page is under 2 MB; a PDF report may reach 20 MB
_CHUNK = 64 * 1024

# Content types we read, and the suffix whose reader takes them.
_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_PATH_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".txt", ".md")


class FetchError(Exception):
    """A URL that could not be fetched, with why, in one line."""


@dataclass
class Fetched:
    url: str  # as asked for: the index keys the source by it
    final_url: str  # after redirects
    data: bytes
    content_type: str
    suffix: str  # the reader to use: .html, .pdf, .docx, .txt, .md
    fetched_at: str  # ISO 8601, UTC, to the second


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _suffix(content_type: str, url: str) -> str | None:
    kind = content_type.split(";")[0].strip().lower()
    if kind in _TYPES:
        return _TYPES[kind]
    path = urlsplit(url).path.lower()
    for suffix in _PATH_SUFFIXES:
        if path.endswith(suffix):
            return ".html" if suffix in (".shtml", ".htm", ".xhtml") else suffix
    if kind in ("", "application/octet-stream", "binary/octet-stream"):
        return ".html"  # servers that do not say: the reader refuses what is not a page
    return None


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """GET ``url``: its bytes and what they are, or a FetchError saying why not."""
    import urllib.error
    import urllib.request

    from . import __version__

    timeout = timeout or TIMEOUT
    max_bytes = max_bytes or MAX_BYTES
    parts = urlsplit(url)
    host = parts.hostname or url
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not a web address: {url}")
    try:
        target = _ascii(url)
    except (ValueError, UnicodeError) as e:  # a port that is not a number, a host IDNA refuses
        raise FetchError(f"not a usable web address: {url} ({e})") from None
    request = urllib.request.Request(target, headers={
        "User-Agent": f"factcheck/{__version__} (news fact-checking; +https://pypi.org/project/factcheck/)",
        "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.8,*/*;q=0.5",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{host} sends {_mb(int(length))}, over the limit of {_mb(max_bytes)}")
            content_type = response.headers.get("Content-Type", "")
            suffix = _suffix(content_type, response.geturl())
            if suffix is None:
                raise FetchError(f"{url} is {content_type.split(';')[0]}, not a web page, PDF, Word or text file")
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{host} sends more than the limit of {_mb(max_bytes)}")
                chunks.append(chunk)
            final = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        raise FetchError(f"{host} answered HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise FetchError(_unreachable(host, e.reason, timeout)) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"no answer from {host} within {timeout:g} s") from None
    except (ConnectionError, OSError) as e:
        raise FetchError(_unreachable(host, e, timeout)) from None
    except ValueError as e:  # a malformed URL urllib only notices late (a bad port)
        raise FetchError(f"not a usable web address: {url} ({e})") from None
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    return Fetched(url=url, final_url=final, data=b"".join(chunks), content_type=content_type, suffix=suffix,
                   fetched_at=now.isoformat().replace("+00:00", "Z"))


def _ascii(url: str) -> str:
    """The URL as HTTP sends it: a Chinese host in IDNA (例子.cn), Chinese path and query percent-encoded."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        host = host.encode("idna").decode("ascii")
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%:@!$&'()*+,;="),
                       quote(parts.query, safe="=&%/:+,;@!$'()*?"), ""))


def _unreachable(host: str, reason: object, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {host}: the name does not resolve (is the network up?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer from {host} within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {host}: connection refused"
    text = getattr(reason, "strerror", None) or str(reason)
    return f"cannot reach {host}: {text}"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


__all__ = ["FetchError", "Fetched", "MAX_BYTES", "TIMEOUT", "fetch", "is_url"]
