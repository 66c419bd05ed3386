from pathlib import Path

import pytest

from web.rest import reference_json, static_path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "index.html").write_text("<!doctype html>")
    (tmp_path / "static" / "app.js").write_text("1")
    (tmp_path / "static" / ".env").write_text("secret")
    (tmp_path / "static" / "notes.txt").write_text("no")
    (tmp_path / "secret.js").write_text("outside")
    return tmp_path / "static"


def test_files_under_the_root_are_served(root):
    assert static_path("/", root) == (root / "index.html").resolve()
    assert static_path("/app.js", root) == (root / "app.js").resolve()


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.js",
        "/%2e%2e/secret.js",
        "/..%2fsecret.js",
        "/static/../../secret.js",
        "/.env",
        "/notes.txt",
        "/missing.js",
        "/app.js%00.html",
        "/..\\secret.js",
        "//etc/passwd",
    ],
)
def test_traversal_hidden_and_unknown_files_are_refused(root, path):
    assert static_path(path, root) is None


def test_the_reference_names_every_party_in_english_and_hindi():
    import json

    ref = json.loads(reference_json())
    assert ref["parties"]["BJP"]["name_hi"] == "भारतीय जनता पार्टी"
    assert ref["contests"]["GJ-assembly-2022"]["majority"] == 92
    assert "NDA" in ref["alliances"]
