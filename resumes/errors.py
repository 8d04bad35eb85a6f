"""Domain errors of the resumes package, and the one place that turns a failure code
into a message for the user (upload checks, parse failures, storage outages)."""

from __future__ import annotations

import typing as t

from flask_babel import lazy_gettext as _l


class ResumeError(Exception):
    """Base class: ``code`` selects the user's message (see ``message_for``)."""

    def __init__(self, code: str, **params: t.Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params  # values for the message's placeholders (never personal data)

    @property
    def message(self) -> str:
        return message_for(self.code, **self.params)


class UploadRejected(ResumeError):
    """The uploaded file is not accepted (empty, wrong type, damaged...)."""


class StorageUnavailable(ResumeError):
    """The file store did not answer or refused the operation."""

    def __init__(self, code: str = "storage_unavailable") -> None:
        super().__init__(code)


class FileUnreadable(StorageUnavailable):
    """A stored file cannot be decrypted (damaged at rest, or under a key no longer
    configured).  A ``StorageUnavailable``, so every caller that handles an outage
    handles this too; its own message says the file must be uploaded again."""

    def __init__(self) -> None:
        super().__init__("file_unreadable")


class ProfileInvalid(ResumeError):
    """Profile data failed validation; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("invalid")
        self.errors = errors


NO_TEXT_HINT = _l("This file has no readable text (it may be a scan or a photo). Upload a PDF with "
                  "selectable text or a Word file, or fill in your profile by hand.")

MESSAGES = {
    # upload checks (resumes/filetypes.py) and parse failures (resumes.parser.ParseFailure codes)
    "empty": _l("The file is empty. Please choose your resume file again."),
    "too_large": _l("The file is larger than 10 MB. Please upload a smaller file."),
    "too_many_pages": _l("The file has more than 20 pages. Please upload a resume of at most 20 pages."),
    "encrypted": _l("The file is protected by a password. Please upload a copy without a password."),
    "corrupt": _l("The file is damaged or incomplete and cannot be read. Please export it again and upload the new copy."),
    "unsupported_type": _l("This type of file is not accepted. Please upload a PDF, a Word file (.docx) or a plain text file."),
    "legacy_doc": _l("Old Word files (.doc) are not accepted. Please save it as .docx or PDF and upload again."),
    "archive_too_large": _l("This Word file unpacks to far more data than a resume holds, so it was refused. Please save it again or upload a PDF."),
    "no_text": NO_TEXT_HINT,
    "timeout": _l("Reading this file took too long, so it was stopped. Your file is kept; you can fill in your profile by hand or upload another copy (for example exported again as PDF)."),
    "memory": _l("Reading this file needed too much memory, so it was stopped. Your file is kept; you can fill in your profile by hand or upload another copy."),
    "crashed": _l("The file could not be read. Your file is kept; you can fill in your profile by hand or upload another copy."),
    "internal": _l("Reading the file failed several times because of a problem on our side. Your file is kept; please try again later or fill in your profile by hand."),
    "storage_unavailable": _l("File storage is temporarily unavailable: your file was not saved. Please try again in a minute."),
    "no_file": _l("Please choose a file to upload."),
    "consent_required": _l("Please tick the box to agree to the processing of your resume. Without your "
                           "agreement we neither store nor read it: nothing was uploaded."),
    "too_many_files": _l("You have 20 resumes here already. Please delete one you no longer need, then upload again."),
    "over_quota": _l("Your resumes may take up at most %(megabytes)s MB together, and this file would go past "
                     "that. Please delete a resume you no longer need, then upload again."),
    "file_unreadable": _l("This file is damaged in our storage and cannot be opened. Please upload your resume "
                          "again; we are sorry for the trouble."),
    "busy": _l("Another upload was being saved at the same moment. Please try again."),
}

DEFAULT_MESSAGE = _l("The file could not be read. Your file is kept; you can fill in your profile by hand or upload another copy.")


def message_for(code: str | None, **params: t.Any) -> str:
    """The user's message for a failure ``code``, in the current language (``params`` fill
    its placeholders)."""
    message = str(MESSAGES.get(code or "", DEFAULT_MESSAGE))
    return message % params if params and code in MESSAGES else message
