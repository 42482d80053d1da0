from .organisation import OrgUnit
from .users import User

__all__ = ["OrgUnit", "User"]
