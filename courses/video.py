"""Video embeds from an allowlist of providers (settings.COURSES_VIDEO_PROVIDERS), no network.

A lesson stores the address an editor pasted (a YouTube, Vimeo, Dailymotion or PeerTube page);
the player address is derived here, so only players of allowed hosts ever reach the page.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

_ID = r"[A-Za-z0-9_-]+"


def provider_for(url: str) -> str | None:
    """The provider key whose hosts include the URL's host, or None when it is not allowed."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return None
    host = (parts.hostname or "").lower()
    for provider, hosts in settings.COURSES_VIDEO_PROVIDERS.items():
        if host in {h.lower() for h in hosts}:
            return provider
    return None


def embed_url(url: str) -> str | None:
    """The player URL for a video page URL of an allowed provider, or None."""
    provider = provider_for(url)
    if provider is None:
        return None
    parts = urlsplit(url)
    host, path = parts.hostname, parts.path
    video_id = None
    if provider == "youtube":
        if host == "youtu.be":
            video_id = path.strip("/").split("/")[0]
        elif path == "/watch":
            video_id = (parse_qs(parts.query).get("v") or [None])[0]
        else:
            match = re.match(rf"^/(?:embed|shorts|live)/({_ID})", path)
            video_id = match.group(1) if match else None
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _valid(video_id) else None
    if provider == "vimeo":
        match = re.match(r"^/(?:video/)?(\d+)", path)
        return f"https://player.vimeo.com/video/{match.group(1)}" if match else None
    if provider == "dailymotion":
        if host == "dai.ly":
            video_id = path.strip("/")
        else:
            match = re.match(rf"^/(?:embed/)?video/({_ID})", path)
            video_id = match.group(1) if match else None
        return f"https://www.dailymotion.com/embed/video/{video_id}" if _valid(video_id) else None
    if provider == "peertube":
        match = re.match(rf"^/(?:w|videos/watch|videos/embed)/({_ID})", path)
        return f"https://{host}/videos/embed/{match.group(1)}" if match else None
    return None


def _valid(video_id: str | None) -> bool:
    return bool(video_id) and re.fullmatch(_ID, video_id) is not None
