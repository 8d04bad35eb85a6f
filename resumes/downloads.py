"""Serving a resume file: always as an attachment, never rendered on the site's origin."""

from __future__ import annotations

import io

from flask import Response, send_file

from resumes.operations import ResumeFile


def send_resume(file: ResumeFile) -> Response:
    """The HTTP response for ``file`` (from ``get_resume_for_download`` or
    ``get_resume_for_staff``).

    ``Content-Disposition: attachment`` with an ASCII ``filename`` and an RFC 5987
    ``filename*`` (Werkzeug quotes and percent-encodes, so no CR/LF or quote reaches the
    header raw), ``nosniff``, a CSP ``sandbox`` in case a browser renders it anyway, and
    ``no-store`` so no cache keeps a copy.
    """
    response = send_file(io.BytesIO(file.data), mimetype=file.mimetype, as_attachment=True,
                         download_name=file.download_name, conditional=False, etag=False, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
