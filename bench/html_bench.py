"""The web page export (`--format html`), in-process: the whole pipeline (document model
built from the meeting, then the page written), as the window and `referat export` run it."""

from __future__ import annotations

import io

from archive import big_meeting, sample_meeting
from stats import Figure, figure, timed

from referat_desktop.domain.texts import Variant
from referat_desktop.export.pipeline import render


def run_all() -> list[Figure]:
    sample, big = sample_meeting(), big_meeting(200)
    runs = timed(lambda: render(sample, "html", Variant.MINUTES, io.BytesIO()), runs=15, warmup=2)
    figures = [figure("Sample meeting → .html, in-process", runs, target=50)]
    runs = timed(lambda: render(big, "html", Variant.MINUTES, io.BytesIO()), runs=5)
    figures.append(figure("200-item meeting → .html, in-process", runs, "s", target=2))
    return figures


if __name__ == "__main__":
    for f in run_all():
        print(f)
