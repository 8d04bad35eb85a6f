"""The ceiling for the load run: a bare Flask app under the same gunicorn settings.

    gunicorn -c gunicorn.conf.py benchmarks.load.hello:app
"""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"
