"""Short helpers to write lesson bodies of the demo catalogue as StreamField data."""


def p(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def ul(*items: str, intro: str = "") -> dict:
    html = f"<p>{intro}</p>" if intro else ""
    return {
        "type": "paragraph",
        "value": html + "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    }


def h(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def callout(title: str, text: str) -> dict:
    return {"type": "callout", "value": {"title": title, "text": f"<p>{text}</p>"}}


def alert(kind: str, title: str, text: str) -> dict:
    return {"type": "alert", "value": {"kind": kind, "title": title, "text": text}}


def takeaways(*items: str) -> dict:
    return {"type": "key_takeaways", "value": {"title": "À retenir", "items": list(items)}}


def quote(text: str, author: str, source: str = "") -> dict:
    return {"type": "quote", "value": {"quote": text, "author": author, "source": source}}


def code(language: str, text: str) -> dict:
    return {"type": "code", "value": {"language": language, "code": text}}


def resource(title: str, url: str, description: str = "") -> dict:
    return {
        "type": "external_resource",
        "value": {"title": title, "url": url, "description": description},
    }


def accordion(*items: tuple[str, str]) -> dict:
    return {
        "type": "accordion",
        "value": {"items": [{"title": title, "body": f"<p>{body}</p>"} for title, body in items]},
    }


def video(title: str, url: str, transcript: str) -> dict:
    return {
        "type": "video",
        "value": {"title": title, "url": url, "file": None, "transcript": f"<p>{transcript}</p>"},
    }
