"""A child process that ends with the process that started it.

A build's workers and a report's child processes are killed with their parent (SIGKILL or
the kernel's out-of-memory killer give the parent no chance to stop them), so none goes on
reading and holding memory. Kept apart from :mod:`referatgraf.parallel` so that a child
that needs only this imports nothing heavy.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent"]

#: ``prctl`` option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this worker when the process ``parent`` is gone (a build killed by SIGKILL, or
    by the kernel out of memory, must not leave its workers reading on).

    Linux delivers SIGKILL at the parent's death (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
    daemon thread looks once a second. Called as the pool's initializer: the parent may
    already be gone, so that is checked after the request.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)
