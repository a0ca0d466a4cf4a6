"""Pages fetched by URL (issue 14): `factcheck index http://…`, served here from 127.0.0.1, never the internet."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jsonschema
import pytest

from factcheck.cli import cli

from .conftest import FIXTURES
from .test_check import SCHEMA

PAGE = (FIXTURES / "web" / "hz-ip.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/slow":
            time.sleep(1.5)
        from urllib.parse import unquote

        status, ctype, body = self.routes.get(unquote(self.path), (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (/slow): that is the point

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    """A web server on 127.0.0.1 in a thread of this process, shut down after the test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    _Handler.routes = {
        "/news/ip.html": (200, "text/html; charset=gb2312", PAGE),
        "/新闻/滨江.html": (200, "text/html", PAGE),
        "/slow": (200, "text/html", PAGE),
        "/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler.routes
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def _records(runner, idx, claim):
    out = runner.invoke(cli, ["check", "--index", str(idx), "--jsonl", "--top", "1", claim])
    return [json.loads(x) for x in out.stdout.splitlines()]


def test_a_page_fetched_by_url_is_indexed_under_its_address_with_its_attribution(runner, tmp_path, server):
    base, _ = server
    url = f"{base}/news/ip.html"
    idx = tmp_path / "u.sqlite"
    result = runner.invoke(cli, ["index", "--index", str(idx), url])
    assert result.exit_code == 0, result.stderr
    assert "1 file(s) indexed (1 articles, 4 sentences)" in result.stderr
    (record,) = _records(runner, idx, "高新区累计主导参与制定国际标准50项")
    jsonschema.validate(record, SCHEMA)
    assert record["verdict"] == "contradicted"
    match = record["matches"][0]
    assert match["location"]["path"] == url
    art = match["article"]
    assert (art["title"], art["site"], art["source"], art["date"], art["url"]) == (
        "滨江知识产权质押融资突破16亿元", "杭州新闻网", "杭州日报", "2023-04-25", url)
    assert time.strftime("%Y-", time.gmtime()) in art["fetched"] and art["fetched"].endswith("Z")
    # the terminal shows where it came from
    shown = runner.invoke(cli, ["check", "--index", str(idx), "--top", "1", "高新区累计主导参与制定国际标准50项"]).stdout
    assert "杭州新闻网 (source: 杭州日报) · 2023-04-25 · " + url in shown
    # fetched again: the same bytes leave the index as it is; --prune keeps pages that have no file
    again = runner.invoke(cli, ["index", "--index", str(idx), "--prune", url])
    assert again.exit_code == 0 and "0 file(s) indexed" in again.stderr and "1 unchanged" in again.stderr
    assert "0 removed" in again.stderr
    # an address written in Chinese is sent percent-encoded, and kept as written
    chinese = f"{base}/新闻/滨江.html"
    assert runner.invoke(cli, ["index", "--index", str(idx), chinese]).exit_code == 0
    paths = {json.loads(x)["path"] for x in runner.invoke(cli, ["sources", "--index", str(idx), "--jsonl"]).stdout.splitlines()}
    assert paths == {url, chinese}
    bad = runner.invoke(cli, ["index", "--index", str(idx), "http://127.0.0.1:port/a.html"])
    assert bad.exit_code == 1 and "not a usable web address" in bad.stderr and "Traceback" not in bad.stderr


def test_urls_that_cannot_be_fetched_are_skipped_in_one_line_and_the_index_keeps_its_data(runner, tmp_path, server,
                                                                                           monkeypatch):
    base, routes = server
    idx = tmp_path / "u.sqlite"
    assert runner.invoke(cli, ["index", "--index", str(idx), f"{base}/news/ip.html"]).exit_code == 0
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    routes["/big.html"] = (200, "text/html", b"<p>" + "很长的网页。".encode() * 400 + b"</p>")
    monkeypatch.setattr("factcheck.fetch.MAX_BYTES", 1000)

    def no_dns(*args, **kwargs):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo",
                        lambda host, *a, **k: no_dns() if host.endswith(".example") else real_getaddrinfo(host, *a, **k))
    result = runner.invoke(cli, ["index", "--index", str(idx), "--timeout", "0.5", f"{base}/missing.html",
                                 f"http://127.0.0.1:{closed}/a.html", f"{base}/slow", f"{base}/logo.png",
                                 f"{base}/big.html", "https://news.example/a.html"])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("factcheck: skipped")]
    assert lines == [
        f"factcheck: skipped {base}/missing.html: 127.0.0.1 answered HTTP 404 Not Found",
        f"factcheck: skipped http://127.0.0.1:{closed}/a.html: cannot reach 127.0.0.1: connection refused",
        f"factcheck: skipped {base}/slow: no answer from 127.0.0.1 within 0.5 s",
        f"factcheck: skipped {base}/logo.png: {base}/logo.png is image/png, not a web page, PDF, Word or text file",
        f"factcheck: skipped {base}/big.html: 127.0.0.1 sends 7 KB, over the limit of 1 KB",
        "factcheck: skipped https://news.example/a.html: cannot reach news.example: the name does not resolve "
        "(is the network up?)",
    ]
    assert "Traceback" not in result.stderr
    (record,) = _records(runner, idx, "高新区累计主导参与制定国际标准48项")
    assert record["verdict"] == "supported"  # what was indexed before is still there


def test_a_pdf_served_by_url_is_read_as_a_pdf_with_its_pages(runner, tmp_path, server):
    pytest.importorskip("pypdfium2")
    pytest.importorskip("reportlab")
    from .test_pdf import _newspaper

    base, routes = server
    routes["/epaper/2023-04-25/05.pdf"] = (200, "application/pdf", _newspaper(tmp_path / "page.pdf").read_bytes())
    idx = tmp_path / "u.sqlite"
    assert runner.invoke(cli, ["index", "--index", str(idx), f"{base}/epaper/2023-04-25/05.pdf"]).exit_code == 0
    (record,) = _records(runner, idx, "东阳去年新引进青年博士37人")
    assert record["verdict"] == "supported"
    assert record["matches"][0]["location"]["page"] == 1
    shown = runner.invoke(cli, ["check", "--index", str(idx), "--top", "1", "东阳去年新引进青年博士37人"]).stdout
    assert f"{base}/epaper/2023-04-25/05.pdf p. 1" in shown
