"""A parse worker whose parser hangs: the RQ tests kill it mid-parse.

    python -m tests.resumes.slow_worker   (configured by the environment, like `flask resumes worker`)
"""

import time

from core.app import create_app
from resumes import tasks
from resumes.worker import run_worker


def _hanging_sandbox(data, filename, **kwargs):
    time.sleep(3600)


if __name__ == "__main__":
    tasks._sandbox = lambda: _hanging_sandbox
    with create_app().app_context():
        run_worker(burst=True, with_scheduler=False)
