from pathlib import Path

from web.messages import ErrorCode
from web.settings import Settings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


def test_settings_come_from_the_environment_with_defaults():
    settings = Settings.from_env(
        {
            "REDIS_URL": "redis://127.0.0.1:7000/1",
            "WEB_PORT": "9000",
            "WEB_ORIGINS": "https://news.example, re:https://.*\\.example\\.org",
            "WEB_MAX_SUBSCRIPTIONS": "5",
        }
    )
    assert (settings.redis_url, settings.port, settings.max_subscriptions) == (
        "redis://127.0.0.1:7000/1",
        9000,
        5,
    )
    assert settings.origins == ("https://news.example", "re:https://.*\\.example\\.org")
    defaults = Settings.from_env({})
    assert (defaults.host, defaults.port, defaults.origins) == ("127.0.0.1", 8080, None)
    assert defaults.compression is None


def test_the_protocol_document_lists_every_error_code_and_setting():
    text = DOCS.read_text(encoding="utf-8")
    for code in ErrorCode.__args__:
        assert f"`{code}`" in text, code
    for variable in ("WEB_MAX_FRAME_BYTES", "WEB_MAX_SUBSCRIPTIONS", "WEB_OPS_PER_SECOND",
                     "WEB_CLIENT_BUFFER_BYTES", "WEB_ORIGINS"):  # fmt: skip
        assert variable in text
