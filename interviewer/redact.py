"""One place that decides what looks like a secret, so no message, listing or file ever carries one.

Two kinds of secret reach us: credentials written into a base URL (`http://user:pass@host/v1`) and
keys or tokens that a server echoes back in an error body. Both are masked before anything is shown.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from interviewer.errors import ConfigError

HIDDEN = "[hidden]"
_URL_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@")
_HEADER = re.compile(
    r"(?P<name>\b(?:proxy-)?authorization|\bx-api-key|\bapi[-_ ]?key|\baccess[-_ ]?token)"
    r"(?P<sep>[\"']?\s*[:=]\s*[\"']?)(?:(?:bearer|basic|token)\s+)?[^\s\"',;}]+",
    re.IGNORECASE,
)
_BEARER = re.compile(r"\b(?P<name>bearer|basic)\s+[A-Za-z0-9._~+/=*-]{4,}", re.IGNORECASE)
_KEY_PREFIX = re.compile(r"\b(?:sk|pk|rk|key|tok)[-_][A-Za-z0-9._*-]{4,}", re.IGNORECASE)
_HEX_RUN = re.compile(r"\b[0-9a-fA-F]{24,}\b")
_TOKEN_RUN = re.compile(r"[A-Za-z0-9+_=-]{32,}")


def has_credentials(url: str) -> bool:
    """True when the URL carries a user name or password before its host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return bool(_URL_USERINFO.search(url))
    return "@" in parts.netloc


def without_credentials(url: str) -> str:
    """The URL with any `user:pass@` removed: the only form we store or compare."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _URL_USERINFO.sub(r"\g<scheme>", url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def refuse_url_credentials(url: str | None) -> None:
    """Basic auth in the URL would silently stand in for the API key: we never send it."""
    if url and has_credentials(url):
        raise ConfigError(
            f"the base URL {mask_url_credentials(url)} holds a user name or password, which "
            "interviewer never sends or stores; remove them from the URL and put the key in "
            "OPENAI_API_KEY"
        )


def mask_url_credentials(text: str) -> str:
    """Show `http://***@host/...` wherever a URL in `text` carries credentials."""
    return _URL_USERINFO.sub(r"\g<scheme>***@", text)


def scrub_secrets(text: str) -> str:
    """Mask URL credentials, Authorization headers, bearer tokens and anything key-shaped."""
    text = mask_url_credentials(text)
    text = _HEADER.sub(lambda m: f"{m['name']}{m['sep']}{HIDDEN}", text)
    text = _BEARER.sub(lambda m: f"{m['name']} {HIDDEN}", text)
    text = _KEY_PREFIX.sub(HIDDEN, text)
    text = _HEX_RUN.sub(HIDDEN, text)
    return _TOKEN_RUN.sub(_mask_if_token, text)


def _mask_if_token(match: re.Match) -> str:
    """A long run of letters AND digits is a token; a long word or number is not."""
    run = match.group()
    looks_random = any(c.isdigit() for c in run) and any(c.isalpha() for c in run)
    return HIDDEN if looks_random else run
