"""Background entry points that run a team service, for a task scheduler."""

from django_tasks import task

from learners.team.services.reminders import send_reminders


@task()
def send_daily_reminders() -> dict:
    """What `manage.py send_reminders` does."""
    return send_reminders().as_dict()
