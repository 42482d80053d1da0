import pytest
from tests.learners.team_builders import build_org
from django.urls import reverse

pytestmark = pytest.mark.django_db

def test_smoke(client):
    org = build_org()
    client.force_login(org.manager)
    urls = [reverse("team"), reverse("team_unit", args=[org.unit_a.pk]), reverse("team_agent", args=[org.a1.pk]),
            reverse("team_campaigns"), reverse("team_campaign", args=[org.campaign_a.pk]), reverse("team_campaign_new"),
            reverse("team")+"?periode=30j&statut=en_retard&tri=-activite", reverse("team_unit", args=[org.section_a1.pk])]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.content[:3000])
    for fmt in ("csv","xlsx","ods"):
        for t in ("agents","parcours"):
            r = client.get(f"/equipe/export/{t}.{fmt}")
            assert r.status_code == 200, r
            b = b"".join(r.streaming_content)
            print(t, fmt, len(b))
            if fmt == "csv": print(b.decode())
    client.force_login(org.admin)
    for url in urls + [reverse("team_import")]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.content[:3000])
    open("/tmp/team.html","wb").write(client.get(reverse("team")).content)
