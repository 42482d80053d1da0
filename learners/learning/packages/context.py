"""What the learning view shows of a SCORM or H5P activity (`activity_contexts["scorm"|"h5p"]`).

The player's template (docs/content-packages.md) reads `package_state` through
`{% json_script package_state "package-state" %}`, and the table of contents, the frame's URL
and the activity's result from the other keys.
"""

from django.conf import settings
from django.urls import reverse

from learners.learning.models import PackageAttempt
from learners.learning.packages import results
from learners.learning.packages.services import package_sco_ids
from learners.learning.selectors import learning_url


def content_origin(request) -> str:
    """The origin package files are served from (the player's `campus.content_origin`)."""
    try:
        from campus.content_origin import content_origin as origin_of
    except ImportError:  # pragma: no cover - before the player's module exists
        return getattr(settings, "CONTENT_ORIGIN", "")
    return origin_of(request)


def package_context(request, page, enrolment=None) -> dict:
    """The package block of the learning view, in one query (the agent's attempts)."""
    package = page.package
    if package is None:
        return {
            "package": None,
            "package_state": None,
            "package_frame_url": None,
            "package_toc": [],
            "package_result": None,
            "package_pass_mark": page.pass_mark,
        }
    origin = content_origin(request).rstrip("/")
    files_url = f"{origin}/paquets/{package.sha256}/"
    attempts = {
        row.sco: row
        for row in PackageAttempt.objects.filter(user=request.user, activity_id=page.pk)
        if row.package_id == package.pk
    }
    scos = package.scos
    identifiers = [sco["identifier"] for sco in scos]
    counted = package_sco_ids(package)
    requested = request.GET.get("sco")
    if requested in identifiers:
        current = requested
    else:
        current = next(
            (i for i in counted if i not in attempts or not attempts[i].is_completed),
            identifiers[0] if identifiers else "",
        )
    state_scos = []
    for sco in scos:
        attempt = attempts.get(sco["identifier"])
        href = sco.get("href")
        state_scos.append(
            {
                "identifier": sco["identifier"],
                "title": sco["title"],
                "href": href,
                "launch_url": files_url + href if href else files_url,
                "state": attempt.cmi if attempt is not None else None,
                "sequence": attempt.sequence if attempt is not None else 0,
                "completion_status": attempt.completion_status if attempt else "not attempted",
                "success_status": attempt.success_status if attempt else "unknown",
            }
        )
    user = request.user
    state = {
        "kind": package.kind,
        "commit_url": reverse("package_commit", args=[page.pk]),
        "content_origin": origin,
        "frame_url": f"{origin}/lecteur/{package.sha256}/",
        "files_url": files_url,
        "learner": {
            "id": str(user.pk),
            "name": _learner_name(user),
        },
        "scos": state_scos,
        "current": current,
    }
    here = learning_url(page.pk)
    toc = [
        {
            "identifier": item["identifier"],
            "title": item["title"],
            "depth": item.get("depth", 0),
            "url": f"{here}?sco={item['identifier']}" if item.get("href") else None,
            "current": item["identifier"] == current and bool(item.get("href")),
            "completed": item["identifier"] in attempts
            and attempts[item["identifier"]].is_completed,
        }
        for item in (package.structure.get("scos", []) if package.is_scorm else [])
    ]
    result = (
        results.rollup(counted, attempts, page.pass_mark, kind=package.kind) if attempts else None
    )
    return {
        "package": package,
        "package_state": state,
        "package_toc": toc,
        "package_frame_url": state["frame_url"],
        "package_result": result,
        "package_pass_mark": page.pass_mark,
    }


def _learner_name(user) -> str:
    """SCORM 1.2's "Last, First" form when both are known."""
    first, last = getattr(user, "first_name", ""), getattr(user, "last_name", "")
    if first and last:
        return f"{last}, {first}"
    return user.get_full_name() or str(user)


def started_activities(user, outline) -> set[int]:
    """Package activities of the outline the agent has committed something in (one query)."""
    ids = [a.id for a in outline.activities if a.kind in ("scorm", "h5p")]
    if not ids:
        return set()
    return set(
        PackageAttempt.objects.filter(user=user, activity_id__in=ids)
        .values_list("activity_id", flat=True)
        .distinct()
    )
