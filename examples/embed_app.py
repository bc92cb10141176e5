"""Embedding behaviours in an appraisal tool: answers in, the report out as PDF, HTML or SVG.

A plain WSGI application (standard library only; any WSGI server or framework
can mount it):

- ``GET /questionnaire?framework=ID&kind=KIND[&role=ROLE][&items=quick|full]``
  returns the questionnaire as JSON, for the tool to build its form from;
- ``POST /report`` takes one assessment as JSON (the form's answers, in the
  shape of ``behaviours.responses.model.Assessment``), scores it and returns the
  PDF report's bytes;
- ``POST /report.html`` the same report as one accessible, self-contained HTML page;
- ``POST /report/fragment`` the report as an HTML fragment (an ``article``, its
  title an ``h2``) to place in the tool's own page, which links the stylesheet
  ``GET /report.css`` (or restyles the classes of docs/reports.md);
- ``POST /report/charts`` the report's charts alone, as JSON: a list of
  standalone SVGs, each with its text alternative;
- ``POST /`` a page of the tool's own (its own ``h1``) holding the posted
  report's fragment, to see the embedding in a browser.

Input problems come back as ``400`` with every problem as JSON (``path`` and
``message``, ready to show next to the form field); a 360 with too few raters
to stay anonymous is ``422``. Run it with ``python examples/embed_app.py``
and try::

    curl -s 'localhost:8000/questionnaire?framework=compassionate-leadership&kind=quick'
    curl -s -X POST --data @assessment.json localhost:8000/report -o report.pdf
    curl -s -X POST --data @assessment.json localhost:8000/report/fragment
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

from behaviours import (
    BehavioursError,
    FrameworkNotFoundError,
    ResponsesError,
    Result,
    load_framework,
    render_report,
    report_charts,
    report_fragment,
    score,
)
from behaviours.errors import InsufficientRatersError
from behaviours.html.styles import STYLESHEET
from behaviours.questionnaires.model import build_questionnaire
from behaviours.responses.model import parse_assessments_json

MAX_BODY = 1_000_000  # bytes; one assessment is a few kilobytes
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def _json(status: str, body: object) -> tuple[str, str, bytes]:
    data = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")
    return status, "application/json; charset=utf-8", data


def _problems(exc: BehavioursError) -> list[dict[str, Any]]:
    found = getattr(exc, "problems", None)
    if not found:
        return [{"path": "", "message": str(exc)}]
    return [{"path": p.path, "message": p.message, "expected": p.expected} for p in found]


def questionnaire(query: dict[str, list[str]]) -> dict[str, Any]:
    """The questionnaire for the query's framework, kind, role and items, as plain JSON."""
    one = {key: values[0] for key, values in query.items()}
    framework = load_framework(one.get("framework", ""))
    kind, role, items = one.get("kind", "quick"), one.get("role"), one.get("items")
    built = build_questionnaire(framework, kind, role=role, detail=items)  # type: ignore[arg-type]
    return built.model_dump(mode="json")


def scored(body: bytes) -> Result:
    """The result of one assessment posted as JSON; raises ``BehavioursError`` when invalid."""
    assessments = parse_assessments_json(body, "request body")
    if len(assessments) != 1:
        raise ResponsesError(f"post one assessment, not {len(assessments)}")
    return score(assessments[0], load_framework(assessments[0].framework))


def report(body: bytes) -> bytes:
    """The PDF report of one assessment posted as JSON; raises ``BehavioursError`` when invalid."""
    return render_report(scored(body))


def page(body: bytes) -> bytes:
    """The tool's own page (its header, its h1) holding the posted report as a fragment."""
    fragment = report_fragment(scored(body), id_prefix="report", title_level=2)
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>Appraisal</title><link rel="stylesheet" href="/report.css"></head>'
        f"<body><main><h1>Your appraisal</h1>{fragment}</main></body></html>"
    ).encode()


def charts(body: bytes) -> tuple[str, bytes]:
    """The posted report's charts as JSON: ``{"charts": [svg, ...]}``."""
    _, content_type, data = _json("200 OK", {"charts": report_charts(scored(body))})
    return content_type, data


_HTML = "text/html; charset=utf-8"
_POSTS: dict[str, Callable[[bytes], tuple[str, bytes]]] = {
    "/report": lambda body: ("application/pdf", report(body)),
    "/report.html": lambda body: (_HTML, render_report(scored(body), format="html")),
    "/report/fragment": lambda body: (
        _HTML,
        report_fragment(scored(body), title_level=2).encode("utf-8"),
    ),
    "/report/charts": charts,
    "/": lambda body: (_HTML, page(body)),
}


def _handle(environ: dict[str, Any]) -> tuple[str, str, bytes]:
    method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
    if method == "GET" and path == "/questionnaire":
        return _json("200 OK", questionnaire(parse_qs(environ.get("QUERY_STRING", ""))))
    if method == "GET" and path == "/report.css":
        return "200 OK", "text/css; charset=utf-8", STYLESHEET.encode("utf-8")
    if method == "POST" and path in _POSTS:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY:
            return _json("413 Payload Too Large", {"error": f"more than {MAX_BODY} bytes"})
        content_type, data = _POSTS[path](environ["wsgi.input"].read(length))
        return "200 OK", content_type, data
    return _json("404 Not Found", {"error": f"no route {method} {path}"})


def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """The WSGI application: every error the library raises becomes a JSON answer."""
    try:
        status, content_type, body = _handle(environ)
    except FrameworkNotFoundError as exc:
        status, content_type, body = _json("404 Not Found", {"problems": _problems(exc)})
    except InsufficientRatersError as exc:
        status, content_type, body = _json("422 Unprocessable Entity", {"problems": _problems(exc)})
    except BehavioursError as exc:
        status, content_type, body = _json("400 Bad Request", {"problems": _problems(exc)})
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


if __name__ == "__main__":
    with make_server("127.0.0.1", 8000, app) as server:
        print("serving on http://127.0.0.1:8000 (Ctrl+C to stop)")
        server.serve_forever()
