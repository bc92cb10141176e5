"""Embedding behaviours in an appraisal tool: a web endpoint that turns answers into a PDF.

A plain WSGI application (standard library only; any WSGI server or framework
can mount it):

- ``GET /questionnaire?framework=ID&kind=KIND[&role=ROLE][&items=quick|full]``
  returns the questionnaire as JSON, for the tool to build its form from;
- ``POST /report`` takes one assessment as JSON (the form's answers, in the
  shape of ``behaviours.responses.model.Assessment``), scores it and returns the
  PDF report's bytes.

Input problems come back as ``400`` with every problem as JSON (``path`` and
``message``, ready to show next to the form field); a 360 with too few raters
to stay anonymous is ``422``. Run it with ``python examples/embed_app.py``
and try::

    curl -s 'localhost:8000/questionnaire?framework=compassionate-leadership&kind=quick'
    curl -s -X POST --data @assessment.json localhost:8000/report -o report.pdf
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
    load_framework,
    render_report,
    score,
)
from behaviours.errors import InsufficientRatersError
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


def report(body: bytes) -> bytes:
    """The PDF report of one assessment posted as JSON; raises ``BehavioursError`` when invalid."""
    assessments = parse_assessments_json(body, "request body")
    if len(assessments) != 1:
        raise ResponsesError(f"post one assessment, not {len(assessments)}")
    framework = load_framework(assessments[0].framework)
    return render_report(score(assessments[0], framework), framework=framework)


def _handle(environ: dict[str, Any]) -> tuple[str, str, bytes]:
    method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
    if method == "GET" and path == "/questionnaire":
        return _json("200 OK", questionnaire(parse_qs(environ.get("QUERY_STRING", ""))))
    if method == "POST" and path == "/report":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY:
            return _json("413 Payload Too Large", {"error": f"more than {MAX_BODY} bytes"})
        return "200 OK", "application/pdf", report(environ["wsgi.input"].read(length))
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
