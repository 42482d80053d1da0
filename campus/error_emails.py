"""Without SENTRY_DSN, unhandled errors are e-mailed to ADMINS by Django's `AdminEmailHandler`
on the `django` logger (campus/settings/observability.py): here without e-mail addresses, the
user named by id."""

from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter

from campus.redaction import redact_text


class PrivateExceptionReporter(ExceptionReporter):
    """Django's error report, naming the user by id rather than by name or address."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            try:
                user = self.request.user
                data["user_str"] = f"id {user.pk}" if user.is_authenticated else "anonymous"
            except Exception:  # noqa: BLE001 - as Django: the report goes out all the same
                data["user_str"] = "[unable to retrieve the current user]"
        return data


class ScrubbedAdminEmailHandler(AdminEmailHandler):
    """Django's e-mail of an error to ADMINS, without e-mail addresses: the subject carries the
    path and the report the exception's message, where an agent's address can appear."""

    def __init__(self, include_html=False, email_backend=None, reporter_class=None):
        super().__init__(
            include_html=include_html,
            email_backend=email_backend,
            reporter_class=reporter_class or "campus.error_emails.PrivateExceptionReporter",
        )

    def send_mail(self, subject, message, *args, **kwargs):
        if kwargs.get("html_message"):
            kwargs["html_message"] = redact_text(kwargs["html_message"])
        super().send_mail(redact_text(subject), redact_text(message), *args, **kwargs)
