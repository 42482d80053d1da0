"""SCORM 1.2, SCORM 2004 and H5P content packages: validation and content-addressed storage.

- `validate(file)`: zip safety, then the SCORM manifest (`scorm_manifest`) or the H5P structure
  (`h5p`); returns a `PackageDescription` or raises `InvalidPackage` with French messages.
- `store_package(file, user)`: validates, extracts once into `PACKAGE_ROOT/<sha256>/` (atomic)
  and returns the `ContentPackage` row, reused when the same file is uploaded again.

Below the page models and their forms (`.importlinter`): the model is reached through the app
registry, never imported. See docs/content-packages.md.
"""

from courses.packages.storage import package_folder, prune_unused_packages, store_package
from courses.packages.validate import InvalidPackage, PackageDescription, validate

__all__ = [
    "InvalidPackage",
    "PackageDescription",
    "package_folder",
    "prune_unused_packages",
    "store_package",
    "validate",
]
