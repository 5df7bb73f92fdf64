"""What making each of the report's map pages costs on top of the site data already held.

Reads a store's site data and centre projection as the report does
(:func:`referatgraf.app.site.read_site`, the projection in a child process), gives the
reading's memory back, and then, for each map kind of the report, makes the map
(:data:`referatgraf.viz.maps.MAP_KINDS`) and its page in pieces
(:func:`referatgraf.viz.network_page.map_page_parts`, each piece encoded as the report's
writer does). For each: the peak resident set size above the held data (sampled every
5 ms from a thread) while the map is made and while its page is, the CPU seconds of each,
and the page's size. The look-ups the maps make on the site data (kept on it, as in the
report) count to the first map that makes them.

Run: ``.venv/bin/python bench/bench_map_memory.py STORE [--kinds centres strategies people]``
"""

from __future__ import annotations

import argparse
import gc
import os
import threading
import time
from pathlib import Path


def _rss_mb() -> int:
    with open(f"/proc/{os.getpid()}/status") as status:
        return next(int(x.split()[1]) for x in status if x.startswith("VmRSS")) // 1024


class _Peak:
    """The largest RSS seen since :meth:`reset`, sampled from a thread."""

    def __init__(self) -> None:
        self.value = _rss_mb()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            self.value = max(self.value, _rss_mb())
            time.sleep(0.005)

    def reset(self) -> int:
        time.sleep(0.02)
        self.value = _rss_mb()
        return self.value

    def read(self) -> int:
        time.sleep(0.02)  # the last samples
        return self.value


def main() -> None:
    from referatgraf.app.site import read_site
    from referatgraf.graph.memory import trim_heap
    from referatgraf.graph.store import Store
    from referatgraf.viz.maps import MAP_KINDS, MapInput
    from referatgraf.viz.network_page import map_page_parts

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("store", type=Path)
    ap.add_argument("--kinds", nargs="+", default=[k for k, m in MAP_KINDS.items() if m.in_report])
    args = ap.parse_args()
    peak = _Peak()
    with Store(args.store) as store:
        source = read_site(store, None, None, with_centres=True, in_children=True)
    gc.collect()
    trim_heap()
    held = peak.reset()
    print(f"site data held: {held} MB")
    print(
        "| map | making the map: peak above the held data | CPU s | its page: peak above | CPU s | page |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in args.kinds:
        peak.reset()
        t = time.process_time()
        m = MAP_KINDS[kind].build(MapInput(source.data, source.centres))
        built, build_s = peak.read(), time.process_time() - t
        t = time.process_time()
        chars = 0
        for part in map_page_parts(m, vis_src="../assets/v.js", link_base="../", root="../"):
            chars += len(part)
            part.encode("utf-8")
        paged, page_s = peak.read(), time.process_time() - t
        print(
            f"| {kind} | +{built - held} MB | {build_s:.2f} | +{paged - held} MB | {page_s:.2f} "
            f"| {chars / 1e6:.1f} M characters |"
        )
        del m
        gc.collect()
        trim_heap()


if __name__ == "__main__":
    main()
