"""Every data file in the package is shipped: an editable install reads them from src/ and
would never notice one that the wheel leaves out (the store's SQL migrations once were: a
``pip install`` of the package could not create a database)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"


def _package_of(path: Path) -> tuple[str, PurePosixPath]:
    """The package a data file belongs to (its nearest folder with ``__init__.py``) and its path
    inside that package."""
    folder = path.parent
    while not (folder / "__init__.py").is_file():
        folder = folder.parent
    return ".".join(folder.relative_to(SRC).parts), PurePosixPath(path.relative_to(folder).as_posix())


def _shipped(package: str, inside: PurePosixPath, patterns: dict[str, list[str]]) -> bool:
    """As setuptools globs ``package-data``: each pattern relative to the package folder, ``*``
    never crossing a ``/``."""
    for pattern in patterns.get(package, []) + patterns.get("*", []):
        parts = PurePosixPath(pattern).parts
        if len(parts) == len(inside.parts) and all(fnmatchcase(p, q) for p, q in zip(inside.parts, parts, strict=True)):
            return True
    return False


def test_every_data_file_in_the_package_is_in_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    data = [
        p
        for p in (SRC / "quotegraph").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert any(p.suffix == ".sql" for p in data)
    missing = [str(p.relative_to(SRC)) for p in data if not _shipped(*_package_of(p), patterns)]
    assert missing == [], f"not in [tool.setuptools.package-data], so not installed: {missing}"
