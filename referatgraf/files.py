"""Writing outputs safely: the one rule every writer of referatgraf follows.

referatgraf writes only inside folders it created, or the files it is told to create:

- A folder it creates carries its manifest, ``.referatgraf`` (JSON): every file it wrote
  there with its sha256, and the sub-folders it made. A file counts as referatgraf's only
  while it is listed *and* still has the listed content; anything else in the folder is the
  user's, and is never deleted or overwritten.
- A folder that exists, is not empty and has no manifest belongs to the user: it is refused
  unless ``force`` is given; with ``force`` referatgraf adds its files among the user's
  (refusing any name the user already has), and the manifest it leaves says the folder is
  not its own, so no later run deletes more than referatgraf's own files.
- Clean-up removes only names the manifest records (the pages a new report no longer has,
  the staging folder of a killed run), never by a pattern.
- A whole output folder (the report site, an analysis) is written into a staging folder
  beside it and swapped in with one atomic rename (:func:`replaced_folder`), so a run killed
  or out of disk at any point leaves the old output whole; single files are written to an
  anonymous temporary file and linked into place (:func:`write_file`), so a killed run
  leaves neither half a file nor a temporary one.
- Nothing is ever written inside a store folder except by the store itself.

The store folder follows the same rule with its own manifest
(:mod:`referatgraf.graph.store_folder`). ``fetch`` and any new writer use these functions.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import functools
import hashlib
import json
import logging
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = [
    "MARKER",
    "Manifest",
    "OutputDir",
    "OutputDirError",
    "atomic_write_bytes",
    "atomic_write_json",
    "atomic_write_text",
    "check_out_dir",
    "check_out_file",
    "new_file_mode",
    "output_dir",
    "prepare_out_dir",
    "replaced_folder",
    "write_file",
    "write_staged",
]

log = logging.getLogger(__name__)

#: The manifest of a folder referatgraf wrote into.
MARKER = ".referatgraf"
#: Inside a staging folder: the name of the folder it is being written for.
STAGING_MARK = ".referatgraf-staging"
_SIBLING = ".{name}.referatgraf-"  # staging beside a folder: .<name>.referatgraf-<ns>
_INSIDE = ".referatgraf-staging-"  # staging inside a folder written among the user's files


class OutputDirError(ValueError):
    """An output folder or file that referatgraf must not write (or not without ``--force``)."""


# ------------------------------------------------------------------------------ one file


@functools.cache
def new_file_mode() -> int:
    """The mode a new file gets under the process's umask (0644 under umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _anonymous_file(folder: Path) -> tuple[int, Path | None]:
    """A new file in ``folder`` with no name yet (O_TMPFILE: a kill leaves nothing), or a
    named temporary file where the file system cannot do that."""
    try:
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY, new_file_mode()), None
    except (OSError, AttributeError) as exc:
        if isinstance(exc, OSError) and exc.errno not in (
            errno.EOPNOTSUPP,
            errno.EISDIR,
            errno.EINVAL,
            errno.ENOENT,
        ):
            raise
    fd, tmp = tempfile.mkstemp(prefix=".referatgraf-", suffix=".tmp", dir=folder)
    os.fchmod(fd, new_file_mode())
    return fd, Path(tmp)


def write_file(path: Path, write: Callable[[IO[bytes]], object], *, overwrite: bool = True) -> None:
    """Write the file ``path`` whole or not at all: ``write(file)`` fills it, then it gets
    its name in one step, so readers see the old file or the new one, never half of one.

    With ``overwrite=False`` an existing file (also one that appears meanwhile) is never
    replaced: :class:`FileExistsError`. Any OSError names ``path``.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _anonymous_file(folder)
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        with os.fdopen(fd, "wb", closefd=False) as fh:
            write(fh)
            fh.flush()
            os.fsync(fd)
        if tmp is None:
            _link_anonymous(fd, path, overwrite=overwrite)
        elif overwrite:
            os.replace(tmp, path)
        else:
            _link_no_replace(tmp, path)
    except OSError as exc:
        raise _naming(exc, path) from None
    finally:
        os.close(fd)
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _link_anonymous(fd: int, path: Path, *, overwrite: bool) -> None:
    """Give the anonymous file ``fd`` the name ``path`` (linkat through /proc, following
    the link: os.link takes that path only with a folder descriptor)."""
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:

        def link(name: str) -> None:
            os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder, follow_symlinks=True)

        if not overwrite:
            link(path.name)  # FileExistsError if there is a file of that name
            return
        named = f".{path.name}.{secrets.token_hex(4)}.tmp"
        link(named)
        try:
            os.replace(named, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(named, dir_fd=folder)
            raise
    finally:
        os.close(folder)


def _link_no_replace(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if os.path.lexists(path):  # no hard links here: check, then rename
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.rename(tmp, path)


def _naming(exc: OSError, path: Path) -> OSError:
    """``exc`` with ``path`` as its file name (what the user asked to write).

    >>> _naming(OSError("Error: No space left on device (os error 28)"), Path("g.trig"))
    OSError(28, 'No space left on device')
    """
    number = exc.errno
    if number is None:  # a library's error (pyoxigraph, tantivy) with the OS error in words
        found = re.search(r"\(os error (\d+)\)", str(exc))
        if found is None:
            return exc
        return OSError(int(found.group(1)), os.strerror(int(found.group(1))), str(path))
    return type(exc)(number, exc.strerror or os.strerror(number), str(path))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing it) so that readers see the old file or the new
    one, never half; the file gets the mode the umask gives."""
    write_file(path, lambda fh: fh.write(data))


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def check_out_file(path: Path, *, force: bool) -> None:
    """Refuse an output file that exists (without ``force``), is a folder, or lies inside
    a store folder (never, not even with ``force``)."""
    refuse_store_folder(path)
    if path.is_dir():
        raise OutputDirError(f"{path}: is a folder")
    if os.path.lexists(path) and not force:
        raise OutputDirError(f"{path}: exists (use --force to overwrite)")


def refuse_store_folder(path: Path) -> None:
    """Refuse any output at or inside a referatgraf store folder."""
    from referatgraf.graph.store_folder import is_store_folder

    for folder in (path, *path.absolute().parents):
        if folder.is_dir() and is_store_folder(folder):
            raise OutputDirError(
                f"{path}: inside the store folder {folder}; write outputs elsewhere"
            )


# ------------------------------------------------------------------------------ the manifest


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Manifest:
    """What referatgraf wrote in one folder: files (relative path → sha256, or None while
    being written) and the sub-folders it made; ``created``: the folder itself is its own."""

    created: bool
    files: dict[str, str | None] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The folder's manifest; None if it has none (or only an older version's marker)."""
        try:
            raw = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or raw.get("referatgraf") != "output":
            return None
        files = raw.get("files", {})
        dirs = raw.get("dirs", [])
        if not isinstance(files, dict) or not isinstance(dirs, list):
            return None
        safe = {k: v for k, v in files.items() if _safe_relative(k)}
        return cls(bool(raw.get("created")), safe, {d for d in dirs if _safe_relative(d)})

    def save(self, folder: Path) -> None:
        data = {
            "referatgraf": "output",
            "version": 2,
            "created": self.created,
            "files": dict(sorted(self.files.items())),
            "dirs": sorted(self.dirs),
        }
        atomic_write_text(folder / MARKER, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    def owns(self, folder: Path, rel: str) -> bool:
        """Whether the file ``folder/rel`` is one referatgraf wrote and nobody changed since."""
        if rel not in self.files:
            return False
        path = folder / rel
        if path.is_symlink() or not path.is_file():
            return False
        listed = self.files[rel]
        return listed is None or sha256_file(path) == listed


def _safe_relative(rel: object) -> bool:
    """A relative path inside the folder (a manifest never names anything outside it).

    >>> _safe_relative("items/a.html"), _safe_relative("../x"), _safe_relative("/etc/passwd")
    (True, False, False)
    """
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\\" in rel:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def _legacy_hint(folder: Path) -> str:
    if (folder / MARKER).is_file() and Manifest.load(folder) is None:
        return (
            " (it has the marker of an older referatgraf, which does not say what it wrote there)"
        )
    return ""


def _foreign(path: Path) -> OutputDirError:
    return OutputDirError(
        f"{path}: folder is not empty and was not made by referatgraf{_legacy_hint(path)}; "
        "choose another --out or pass --force to write into it (nothing of yours is "
        "deleted or overwritten)"
    )


def _walk_files(root: Path, *, skip: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """Relative paths of the files (and symlinks) and of the folders under ``root``."""
    skip = set(skip)
    files, dirs = [], []
    for here, subdirs, names in os.walk(root):
        rel_here = Path(here).relative_to(root).as_posix()
        prefix = "" if rel_here == "." else rel_here + "/"
        for d in list(subdirs):
            full = Path(here) / d
            if full.is_symlink():  # a symlink to a folder is one entry, never followed
                subdirs.remove(d)
                files.append(prefix + d)
            elif prefix + d in skip:
                subdirs.remove(d)
            else:
                dirs.append(prefix + d)
        files += [prefix + n for n in names if prefix + n not in skip]
    return sorted(files), sorted(dirs)


# ------------------------------------------------------------------------------ folders written file by file


class OutputDir:
    """An output folder written file by file (records): see :func:`output_dir`."""

    def __init__(self, path: Path, manifest: Manifest) -> None:
        self.path = path
        self.manifest = manifest

    def claim(self, names: Iterable[str]) -> None:
        """Record the files about to be written; refuses (before writing anything) a name
        that is taken by a file referatgraf did not write."""
        names = list(dict.fromkeys(names))
        taken = [
            n
            for n in names
            if os.path.lexists(self.path / n) and not self.manifest.owns(self.path, n)
        ]
        if taken:
            more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
            raise OutputDirError(
                f"{self.path / taken[0]}: exists and was not written by referatgraf{more}; "
                "move it away or choose another --out"
            )
        for n in names:
            self.manifest.files[n] = None
        self.manifest.save(self.path)

    def write_bytes(self, name: str, data: bytes) -> Path:
        """Write one claimed file (atomically) and record its content."""
        if name not in self.manifest.files:
            raise ValueError(f"{name}: not claimed")
        path = self.path / name
        write_file(path, lambda fh: fh.write(data))
        self.manifest.files[name] = hashlib.sha256(data).hexdigest()
        return path

    def write_json(self, name: str, obj: Any) -> Path:
        text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
        return self.write_bytes(name, text.encode("utf-8"))

    def close(self) -> None:
        """Save the manifest with the content of every file written (claimed names that
        were not written, and are not there, are forgotten)."""
        self.manifest.files = {
            name: sha
            for name, sha in self.manifest.files.items()
            if sha is not None or os.path.lexists(self.path / name)
        }
        self.manifest.save(self.path)


def check_out_dir(path: Path, *, force: bool = False) -> None:
    """Refuse, before any work, an output folder referatgraf may not write (see the rule)."""
    refuse_store_folder(path)
    if os.path.lexists(path) and not path.is_dir():
        raise OutputDirError(f"{path}: exists and is not a folder")
    if not path.is_dir() or Manifest.load(path) is not None:
        return
    marker = path / MARKER
    if os.path.lexists(marker) and (marker.is_symlink() or not _empty_file(marker)):
        raise OutputDirError(  # a file of the user's with the manifest's name
            f"{marker}: exists and was not written by referatgraf; move it away or choose "
            "another --out"
        )
    if any(path.iterdir()) and not force:
        raise _foreign(path)


def _empty_file(path: Path) -> bool:
    """An empty regular file (the marker older versions left)."""
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def prepare_out_dir(path: Path, *, force: bool = False) -> Path:
    """Create ``path`` for output, or accept it if referatgraf made it (or ``force``);
    see :func:`output_dir` for writing files into it by the rule."""
    return output_dir(path, force=force).path


def output_dir(path: Path, *, force: bool = False) -> OutputDir:
    """The output folder ``path``, created or accepted as :func:`check_out_dir` allows,
    with its manifest (written now), for writing files one by one."""
    check_out_dir(path, force=force)
    manifest = Manifest.load(path) if path.is_dir() else None
    if manifest is None:
        created = not path.exists() or not any(path.iterdir())
        manifest = Manifest(created)
    path.mkdir(parents=True, exist_ok=True)
    manifest.save(path)
    return OutputDir(path, manifest)


# ------------------------------------------------------------------------------ folders replaced whole


@contextmanager
def replaced_folder(target: Path, *, force: bool = False) -> Iterator[Path]:
    """A staging folder to write the complete new content of ``target`` into; when the block
    ends normally, it becomes ``target``.

    - ``target`` new, empty, or made by referatgraf: the staging folder is beside it and is
      swapped in by one atomic rename (``renameat2(RENAME_EXCHANGE)``); files the user put
      into the old folder move over (as hard links: at no moment are they missing), then
      the old folder's own files are removed. Killed or failed at any point, ``target`` is
      the old output or the new one, whole.
    - ``target`` a folder of the user's (``force``): the staging folder is inside it; the
      new files are moved in one by one (each atomically) and the files an earlier run
      wrote there that the new output no longer has are removed. No name the user has is
      touched: a clash is refused before anything moves.

    The staging folder of a killed run is removed by the next run.
    """
    target = target.absolute()
    if target.is_symlink():
        target = target.resolve()
    refuse_store_folder(target)
    _tidy(target)
    check_out_dir(target, force=force)
    manifest = Manifest.load(target) if target.is_dir() else None
    in_use = Path.cwd().resolve()
    swap = (
        not target.exists()
        or (manifest is not None and manifest.created)
        or (manifest is None and not any(target.iterdir()))
    ) and not (in_use == target.resolve() or target.resolve() in in_use.parents)
    try:
        staging = _new_staging(target, beside=swap)
    except PermissionError:  # no writing beside the folder: into it, file by file
        if not (swap and target.is_dir()):
            raise
        swap = False
        staging = _new_staging(target, beside=False)
    in_use = _hold(staging)  # a run at the same time leaves this staging folder alone
    done = False
    try:
        yield staging
        if swap:
            _swap_in(staging, target)
        else:
            _merge_in(staging, target, manifest)
        done = True
    finally:
        if not done and _is_staging_of(staging, target):  # (not yet swapped in)
            _remove_staging(staging)
        os.close(in_use)


def _hold(folder: Path) -> int:
    """An exclusive flock on ``folder`` for as long as the descriptor is open."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _busy(folder: Path) -> bool:
    """Whether another run holds ``folder`` (see :func:`_hold`)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # (also drops the lock just taken)
    return False


def _new_staging(target: Path, *, beside: bool) -> Path:
    stamp = time.time_ns()
    if beside:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f"{_SIBLING.format(name=target.name)}{stamp}"
    else:
        staging = target / f"{_INSIDE}{stamp}"
    staging.mkdir()
    (staging / STAGING_MARK).write_text(target.name + "\n", encoding="utf-8")
    return staging


def _is_staging_of(folder: Path, target: Path) -> bool:
    try:
        return (folder / STAGING_MARK).read_text(encoding="utf-8").strip() == target.name
    except OSError:
        return False


def _remove_staging(staging: Path) -> None:
    """Remove a staging folder: everything in it was written by referatgraf."""
    import shutil

    shutil.rmtree(staging, ignore_errors=True)


def _tidy(target: Path) -> None:
    """Deal with what a killed run left: restore an old folder moved aside, remove staging
    folders and the remains of a swapped-out old folder (only referatgraf's files)."""
    parent = target.parent
    pattern = re.compile(re.escape(_SIBLING.format(name=target.name)) + r"\d+$")
    beside = sorted(p for p in parent.iterdir() if pattern.match(p.name)) if parent.is_dir() else []
    inside = sorted(target.glob(f"{_INSIDE}*")) if target.is_dir() else []
    for folder in beside + inside:
        if folder.is_symlink() or not folder.is_dir() or _busy(folder):
            continue
        if _is_staging_of(folder, target):
            _remove_staging(folder)
        elif folder in beside and (old := Manifest.load(folder)) is not None:
            if not target.exists():  # moved aside by a run killed before the swap ended
                os.rename(folder, target)
            else:
                _clear_old(folder, target, old)


def _rename_exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    libc = _libc()
    if libc is None:
        return False
    res = libc.renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2)  # RENAME_EXCHANGE
    if res == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@functools.cache
def _libc():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return libc


def _syncfs(folder: Path) -> None:
    """Flush the file system holding ``folder`` (so a swapped-in folder survives a power cut)."""
    libc = _libc()
    if libc is None or not hasattr(libc, "syncfs"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        libc.syncfs(fd)
    finally:
        os.close(fd)


def write_staged(staging: Path, rel: str, data: bytes, *, target: Path) -> None:
    """Write one file of a staging folder (from :func:`replaced_folder`); an error names
    the file as it will be called in ``target``."""
    path = staging / rel
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise _naming(exc, target / rel) from None


def write_staged_parts(staging: Path, rel: str, parts: Iterable[str], *, target: Path) -> int:
    """:func:`write_staged` of a text given in pieces (UTF-8), written as they come, so a
    large file is never held whole; returns its size in bytes."""
    path = staging / rel
    size = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            for part in parts:
                data = part.encode("utf-8")
                out.write(data)
                size += len(data)
    except OSError as exc:
        raise _naming(exc, target / rel) from None
    return size


def _contents(staging: Path) -> dict[str, str]:
    files, _ = _walk_files(staging, skip=(STAGING_MARK, MARKER))
    return {rel: sha256_file(staging / rel) for rel in files}


def _swap_in(staging: Path, target: Path) -> None:
    new_files = _contents(staging)
    _, new_dirs = _walk_files(staging)
    old = Manifest.load(target) if target.is_dir() else None
    if target.is_dir():
        _carry_over(target, staging, old, new_files)
    # the manifest first, then the mark goes: a staging folder never lacks both
    Manifest(True, dict(new_files), set(new_dirs)).save(staging)
    (staging / STAGING_MARK).unlink()
    _syncfs(staging)
    if not target.exists():
        os.rename(staging, target)
        return
    if not _rename_exchange(staging, target):
        aside = target.parent / f"{_SIBLING.format(name=target.name)}{time.time_ns()}"
        os.rename(target, aside)  # a run killed here: the next one moves it back
        os.rename(staging, target)
        staging = aside
    # ``staging`` now holds the old folder: remove what referatgraf wrote there
    _clear_old(staging, target, old or Manifest(True))


def _carry_over(target: Path, staging: Path, old: Manifest | None, new: Mapping[str, str]) -> None:
    """Put every file of the user's in ``target`` into ``staging`` too (hard links)."""
    import shutil

    old = old or Manifest(False)
    files, dirs = _walk_files(target, skip=(MARKER,))
    theirs = [rel for rel in files if not old.owns(target, rel)]
    clashes = [rel for rel in theirs if rel in new or any(p in new for p in _parents(rel))]
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise OutputDirError(
            f"{target / clashes[0]}: was not written by referatgraf (or was changed since), "
            f"and the new output has a file of that name{more}; move it away and run again"
        )
    for rel in dirs:
        if rel not in old.dirs:
            (staging / rel).mkdir(parents=True, exist_ok=True)
    for rel in theirs:
        dst = staging / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(target / rel, dst, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.EOPNOTSUPP):
                raise
            shutil.copy2(target / rel, dst, follow_symlinks=False)


def _parents(rel: str) -> list[str]:
    """
    >>> _parents("a/b/c.html")
    ['a', 'a/b']
    """
    parts = rel.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _same_file(a: Path, b: Path) -> bool:
    try:
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _clear_old(old_folder: Path, target: Path, old: Manifest) -> None:
    """Remove a swapped-out old folder: its own files, and the user's files that were
    carried over into ``target`` (the same file there); anything else stays."""
    files, dirs = _walk_files(old_folder, skip=(MARKER,))
    for rel in files:
        path = old_folder / rel
        if old.owns(old_folder, rel) or _same_file(path, target / rel):
            with contextlib.suppress(OSError):
                path.unlink()
    for rel in sorted(dirs, key=lambda d: d.count("/"), reverse=True):
        with contextlib.suppress(OSError):
            (old_folder / rel).rmdir()  # only empty ones
    with contextlib.suppress(OSError):
        (old_folder / MARKER).unlink()
        (old_folder / STAGING_MARK).unlink(missing_ok=True)
    try:
        old_folder.rmdir()
    except OSError:
        log.warning("%s: left in place, it holds files referatgraf did not write", old_folder)


def _merge_in(staging: Path, target: Path, manifest: Manifest | None) -> None:
    """Move the staged files into a folder of the user's (see :func:`replaced_folder`)."""
    old = manifest or Manifest(False)
    new_files = _contents(staging)
    taken = [
        rel
        for rel in new_files
        if (os.path.lexists(target / rel) and not old.owns(target, rel))
        or any(os.path.lexists(target / p) and not (target / p).is_dir() for p in _parents(rel))
    ]
    if taken:
        more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
        raise OutputDirError(
            f"{target / taken[0]}: exists and was not written by referatgraf{more}; "
            "move it away or choose another --out"
        )
    made = {
        p for rel in new_files for p in _parents(rel) if not (target / p).exists() or p in old.dirs
    }
    # first record every name that will be ours, so a kill midway forgets none of them
    pending = Manifest(old.created, {**old.files, **dict.fromkeys(new_files)}, old.dirs | made)
    pending.save(target)
    for rel in sorted(new_files):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target / rel)
    for rel in sorted(set(old.files) - set(new_files)):
        if old.owns(target, rel):
            (target / rel).unlink()
    needed = {p for rel in new_files for p in _parents(rel)}
    dirs = set(pending.dirs)
    for rel in sorted(dirs - needed, key=lambda d: d.count("/"), reverse=True):
        with contextlib.suppress(OSError):
            (target / rel).rmdir()  # only empty ones
            dirs.discard(rel)
    Manifest(old.created, dict(new_files), dirs).save(target)
    _remove_staging(staging)
