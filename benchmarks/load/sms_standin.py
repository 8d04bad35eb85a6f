"""A stand-in for Aliyun's SendSms endpoint, for the production profile on one machine.

Production refuses the console SMS backend, so ``make run-prod-local`` runs the app with
``SMS_BACKEND=aliyun`` and ``ALIYUN_SMS_ENDPOINT`` pointing here.  It answers like
Aliyun (``{"Code": "OK", "BizId": ...}``), keeps the last code sent to each number in
memory, and lets the load run and the fault drills read them and change its behaviour:

* ``GET /_codes/<number>``: the last ``TemplateParam`` sent to ``number`` (JSON);
* ``POST /_control`` with JSON ``{"delay": seconds, "fail": "isp.SYSTEM_ERROR"}``:
  answer slowly (provider timeout) or with an error code; ``{}`` restores.

    python -m benchmarks.load.sms_standin --port 5902

Loopback only, synthetic numbers only: it is a test fixture, not a gateway.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
import typing as t
import uuid

from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

_lock = threading.Lock()
_codes: dict[str, dict[str, t.Any]] = {}
_control: dict[str, t.Any] = {}
_sent = {"count": 0}


def _json(data: t.Any, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/json")


@Request.application  # type: ignore[arg-type]
def app(request: Request) -> Response:
    if request.path == "/_control" and request.method == "POST":
        with _lock:
            _control.clear()
            _control.update(request.get_json(silent=True) or {})
        return _json({"control": _control})
    if request.path == "/_stats":
        return _json({"sent": _sent["count"], "numbers": len(_codes)})
    if request.path.startswith("/_codes/"):
        number = request.path.removeprefix("/_codes/").lstrip("+")
        with _lock:
            found = _codes.get(number)
        return _json(found or {}, 200 if found else 404)
    if request.args.get("Action") != "SendSms":
        return _json({"Code": "InvalidAction.NotFound", "Message": "unknown action"}, 404)
    with _lock:
        delay = float(_control.get("delay") or 0)
        fail = _control.get("fail")
    if delay:
        time.sleep(delay)
    if fail:
        return _json({"Code": fail, "Message": "stand-in told to fail", "RequestId": uuid.uuid4().hex})
    try:
        params = json.loads(request.args.get("TemplateParam") or "{}")
    except ValueError:
        return _json({"Code": "isv.INVALID_JSON_PARAM", "Message": "bad TemplateParam"})
    number = (request.args.get("PhoneNumbers") or "").lstrip("+")
    with _lock:
        _codes[number] = {"params": params, "at": time.time()}
        _sent["count"] += 1
    return _json({"Code": "OK", "Message": "OK", "BizId": uuid.uuid4().hex[:20], "RequestId": uuid.uuid4().hex})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load.sms_standin", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5902)
    args = parser.parse_args(argv)
    run_simple(args.host, args.port, app, threaded=True)


if __name__ == "__main__":
    main()
