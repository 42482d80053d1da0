import re, pytest
from courses.factories import *
from tests.courses.admin_forms import edit_page, edit_url
@pytest.mark.django_db
def test_dbg(client, trainer, reviewer):
    path = TrainingPathFactory(title="X")
    LessonFactory(parent=CourseFactory(parent=path))
    client.force_login(trainer)
    edit_page(client, path, action="action-submit")
    client.force_login(reviewer)
    html = client.get(edit_url(path)).content.decode()
    for m in re.finditer(r'<button[^>]*>', html, re.S):
        if 'workflow' in m.group(0) or 'action-' in m.group(0): print("R", re.sub(r"\s+"," ",m.group(0))[:500])
    for m in re.finditer(r'<select[^>]*>', html, re.S): print("S", m.group(0))
