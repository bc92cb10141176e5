"""examples/embed_app.py, the embedding example in docs/embedding.md, works as documented."""

import datetime
import importlib.util
import io
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from behaviours.responses.model import Assessment, Response, Subject, assessments_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def embed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("embed_app", ROOT / "examples" / "embed_app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def body(kind: str = "quick", ratings: dict[str, Any] | None = None) -> bytes:
    ratings = ratings or {"attending": 4, "understanding": 3, "empathising": 5, "helping": 4}
    a = Assessment(
        framework="compassionate-leadership",
        framework_version="1.0",
        kind=kind,  # type: ignore[arg-type]
        subject=Subject(id="e42", name="Zoë <Ahmed> & co"),
        assessed_on=datetime.date(2025, 4, 1),
        responses=[Response(respondent="self", role="self", ratings=ratings)],
    )
    return assessments_json([a]).encode("utf-8")


def call(app: Any, method: str, path: str, data: bytes = b"", query: str = "") -> tuple[str, bytes]:
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
    }
    out = b"".join(app(environ, start_response))
    assert seen["headers"]["Content-Length"] == str(len(out))
    return seen["status"], out


def test_posted_assessment_comes_back_as_pdf_bytes(embed: ModuleType) -> None:
    status, out = call(embed.app, "POST", "/report", body())
    assert status == "200 OK"
    assert out.startswith(b"%PDF-")


def test_rating_off_the_scale_is_400_with_the_problem_path(embed: ModuleType) -> None:
    status, out = call(embed.app, "POST", "/report", body(ratings={"attending": 9}))
    assert status == "400 Bad Request"
    assert [p["path"] for p in json.loads(out)["problems"]] == ["responses[0].ratings.attending"]


def test_questionnaire_route_returns_the_items_for_the_form(embed: ModuleType) -> None:
    query = "framework=compassionate-leadership&kind=360&role=peer&items=full"
    status, out = call(embed.app, "GET", "/questionnaire", query=query)
    assert status == "200 OK"
    assert json.loads(out)["items"][0]["id"] == "attending.full-attention"


def test_unknown_framework_is_404(embed: ModuleType) -> None:
    status, _ = call(embed.app, "GET", "/questionnaire", query="framework=nope&kind=quick")
    assert status == "404 Not Found"


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server(embed: ModuleType) -> Iterator[str]:
    with make_server("127.0.0.1", 0, embed.app, handler_class=_Quiet) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_port}"
        finally:
            httpd.shutdown()
            thread.join(timeout=5)


def test_app_served_on_loopback_answers_a_real_post(server: str) -> None:
    request = urllib.request.Request(f"{server}/report", data=body(), method="POST")
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.headers["Content-Type"] == "application/pdf"
        assert answer.read(5) == b"%PDF-"


def test_posted_assessment_comes_back_as_an_html_page(embed: ModuleType) -> None:
    status, out = call(embed.app, "POST", "/report.html", body())
    assert status == "200 OK"
    assert out.startswith(b"<!DOCTYPE html>")
    assert "Zoë &lt;Ahmed&gt; &amp; co".encode() in out


def test_the_fragment_is_an_article_under_the_tools_own_h1(embed: ModuleType) -> None:
    status, out = call(embed.app, "POST", "/report/fragment", body())
    assert status == "200 OK"
    assert out.startswith(b'<article class="bh-report"')
    assert b"<h1" not in out
    assert b'<h2 class="bh-title"' in out


def test_the_stylesheet_is_served_for_the_fragment(embed: ModuleType) -> None:
    status, out = call(embed.app, "GET", "/report.css")
    assert status == "200 OK"
    assert b".bh-report" in out


def test_the_charts_come_alone_as_svgs_with_their_text_alternative(embed: ModuleType) -> None:
    status, out = call(embed.app, "POST", "/report/charts", body())
    charts = json.loads(out)["charts"]
    assert status == "200 OK"
    assert charts
    assert all(c.startswith("<svg") and 'role="img"' in c and "<title" in c for c in charts)


def test_the_page_of_the_tool_holds_the_fragment(embed: ModuleType) -> None:
    status, out = call(embed.app, "POST", "/", body())
    assert status == "200 OK"
    assert out.count(b"<h1>") == 1
    assert b'<link rel="stylesheet" href="/report.css">' in out
