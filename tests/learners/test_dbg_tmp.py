import pytest
from django.db import connection

@pytest.fixture(scope="module")
def thing(module_db):
    print("MODULE FIXTURE", connection.settings_dict["NAME"])

def test_dbg(db, thing):
    print("TEST", connection.settings_dict["NAME"])
