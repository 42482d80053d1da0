"""Settings of the campus, read from environment variables (see .env.example).

Development (`make run`) needs none of them; production sets DEBUG=False, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, SITE_URL and the e-mail settings.

Gathered here by concern: `core` (applications, middleware, database, cache, tasks,
languages, files, e-mail), `accounts` (sign-in, MFA, sessions, ProConnect), `content`
(Wagtail, uploads, video), `features` (team reports, reminders, certificates, statistics,
retention, brand), `observability` (error reports to Sentry or ADMINS, log format) and
`security` (cookies, HTTPS, Content-Security-Policy).
"""

from campus.settings.accounts import *  # noqa: F403
from campus.settings.api import *  # noqa: F403
from campus.settings.content import *  # noqa: F403
from campus.settings.core import *  # noqa: F403
from campus.settings.features import *  # noqa: F403
from campus.settings.observability import *  # noqa: F403
from campus.settings.security import *  # noqa: F403
