r"""Which remote hosts a SPARQL request would make the server call, found before it runs.

Oxigraph fetches ``SERVICE <iri> { … }`` in queries and ``LOAD <iri>`` in updates over
HTTP itself (and reads ``file:`` IRIs). An endpoint open to anyone must not be a proxy to
any host and port its machine can reach, so :func:`check_remote_calls` refuses every
``SERVICE`` and ``LOAD`` whose target is not an ``http(s)`` IRI on an allowed host.

The check reads the request as the SPARQL grammar does: ``\uXXXX`` escapes are decoded
first (SPARQL applies them to the whole text before parsing), then strings, IRIs and
comments are skipped, so a keyword is only a keyword where the parser sees one. A target
that is not known before evaluation (a variable) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

__all__ = ["RemoteCallRefused", "RemotePolicy", "check_remote_calls", "remote_targets"]


class RemoteCallRefused(ValueError):
    """A ``SERVICE`` or ``LOAD`` to a host that is not allowed."""


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[?$]?[\w\-.:%\\]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_KEYWORDS = {"service", "load"}


def _decode_escapes(text: str) -> str:
    r"""``text`` with SPARQL's code point escapes decoded.

    >>> _decode_escapes(r"\u0053ERVICE \U0000004c")
    'SERVICE L'
    """
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    for m in _TOKEN.finditer(_decode_escapes(text)):
        kind = m.lastgroup or "other"
        if kind not in ("space", "comment"):
            out.append((kind, m.group()))
    return out


def remote_targets(
    text: str, prefixes: Mapping[str, str] | None = None
) -> list[tuple[str, str | None]]:
    """Each ``SERVICE``/``LOAD`` of ``text`` with the IRI it calls (None when not known).

    ``prefixes`` are those the endpoint declares for every request; ``PREFIX`` and
    ``BASE`` declarations in ``text`` are read too.

    Examples
    --------
    >>> remote_targets("SELECT * { SERVICE SILENT <http://h:1/s> { ?s ?p ?o } }")
    [('SERVICE', 'http://h:1/s')]
    >>> remote_targets("PREFIX e: <http://h/> SELECT * { service e:sparql {} }")
    [('SERVICE', 'http://h/sparql')]
    >>> remote_targets("SELECT * { SERVICE ?where {} }")
    [('SERVICE', None)]
    >>> remote_targets("LOAD <file:/etc/passwd> INTO GRAPH <urn:g>")
    [('LOAD', 'file:/etc/passwd')]
    >>> remote_targets('SELECT * { ?s ?p "SERVICE <http://h/>" } # SERVICE <http://h/>')
    []
    >>> remote_targets("SELECT ?service WHERE { ?x ex:service ?service }")
    []
    """
    declared = dict(prefixes or {})
    base: str | None = None
    tokens = _tokens(text)
    found: list[tuple[str, str | None]] = []
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        word = value.lower()
        following = tokens[i + 1 : i + 4]
        if word == "prefix" and len(following) >= 2 and following[1][0] == "iri":
            declared[following[0][1].rstrip(":")] = _resolve(following[1][1][1:-1], base)
        elif word == "base" and following and following[0][0] == "iri":
            base = _resolve(following[0][1][1:-1], base)
        elif word in _KEYWORDS:
            if following and following[0][0] == "word" and following[0][1].lower() == "silent":
                following = following[1:]
            target = following[0] if following else ("other", "")
            found.append((word.upper(), _target(target, declared, base)))
    return found


def _resolve(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base else iri


def _target(token: tuple[str, str], prefixes: Mapping[str, str], base: str | None) -> str | None:
    kind, value = token
    if kind == "iri":
        iri = value[1:-1]
        return iri if urlsplit(iri).scheme or base is None else _resolve(iri, base)
    if kind == "word" and ":" in value and value[0] not in "?$":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


@dataclass(frozen=True, slots=True)
class RemotePolicy:
    """Hosts ``SERVICE`` and ``LOAD`` may call: ``"host"`` (any port) or ``"host:port"``."""

    allowed_hosts: tuple[str, ...] = ()

    def allows(self, iri: str) -> bool:
        """Whether ``iri`` is an ``http(s)`` IRI on an allowed host.

        >>> p = RemotePolicy(("data.example.org", "127.0.0.1:8890"))
        >>> [p.allows(i) for i in ("https://data.example.org/sparql", "http://127.0.0.1:8890/s",
        ...     "http://127.0.0.1:22/", "file:///etc/passwd", "http://data.example.org.evil/")]
        [True, True, False, False, False]
        """
        try:
            parts = urlsplit(iri)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return False
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        host = parts.hostname.lower()
        return any(a.lower() in (host, f"{host}:{port}") for a in self.allowed_hosts)


def check_remote_calls(
    text: str, policy: RemotePolicy, prefixes: Mapping[str, str] | None = None
) -> None:
    """Raise :class:`RemoteCallRefused` if ``text`` calls a host ``policy`` does not allow.

    >>> check_remote_calls("SELECT * { ?s ?p ?o }", RemotePolicy())
    >>> check_remote_calls("SELECT * { SERVICE <http://h/> {} }", RemotePolicy())
    Traceback (most recent call last):
    ...
    referatgraf.graph.sparql_guard.RemoteCallRefused: SERVICE <http://h/> refused: this endpoint calls no other host (allow one with --allow-remote HOST[:PORT])
    """
    for keyword, target in remote_targets(text, prefixes):
        if target is not None and policy.allows(target):
            continue
        shown = f"<{target}>" if target else "to a target not known before the query runs"
        allowed = _allowed_text(policy.allowed_hosts)
        raise RemoteCallRefused(f"{keyword} {shown} refused: {allowed}")


def _allowed_text(hosts: Iterable[str]) -> str:
    hosts = list(hosts)
    if not hosts:
        return "this endpoint calls no other host (allow one with --allow-remote HOST[:PORT])"
    return f"this endpoint calls only {', '.join(hosts)} (--allow-remote)"
