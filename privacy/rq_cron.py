"""The RQ cron configuration of the privacy package: the daily retention purge.

Run, next to an RQ worker of the ``privacy`` queue (both with the app's environment)::

    rq cron privacy.rq_cron --url "$REDIS_URL"
    rq worker privacy --url "$REDIS_URL"

``PRIVACY_PURGE_CRON`` (environment, default ``15 3 * * *``, UTC) sets the schedule.
"""

from __future__ import annotations

import os

from rq import cron

from privacy.tasks import rq_run_purge

cron.register(rq_run_purge, queue_name=os.environ.get("PRIVACY_QUEUE") or "privacy",
              cron=os.environ.get("PRIVACY_PURGE_CRON") or "15 3 * * *", job_timeout=3600,
              name="privacy-purge")
