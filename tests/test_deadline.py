"""A review that cannot finish in time stops, answers 503 with Retry-After, and frees the worker."""

from __future__ import annotations

import time

import pytest

from tactful.engine.reviewer import Overtime


def test_the_engine_stops_at_its_deadline(reviewer):
    text = "Sorry, we have been swamped. " * 200
    with pytest.raises(Overtime):
        reviewer.review(text, deadline=time.monotonic() - 1)
    assert reviewer.review(text, deadline=time.monotonic() + 60).findings  # in time: a normal review


@pytest.mark.parametrize("path, body", [
    ("/v1/review", {"json": {"text": "Sorry, we have been swamped this week."}}),
    ("/v1/rewrite", {"json": {"text": "Sorry, we have been swamped this week."}}),
    ("/v2/check", {"data": {"text": "Sorry, we have been swamped this week.", "language": "en-US"}}),
])
def test_past_the_deadline_setting_every_review_route_answers_503_with_retry_after(tmp_path, path, body):
    from tactful.server import create_app
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "deadline_seconds": -1})
    client = app.test_client()
    r = client.post(path, **body)
    assert r.status_code == 503, r.get_data(as_text=True)
    assert r.mimetype == "application/problem+json" and int(r.headers["Retry-After"]) > 0
    assert "could not be reviewed within" in r.get_json()["detail"]
    healthy = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "b")}).test_client()
    assert healthy.post(path, **body).status_code == 200
