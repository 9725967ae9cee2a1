"""Run the quickstart notebook headless, render it to HTML and photograph it with headless Chromium.

``make screenshots`` writes into ``build/screenshots/``:

- ``quickstart.html``: the executed notebook (nbconvert's HTML export),
- ``quickstart-full.png``: the rendered page, top to bottom,
- ``plot-<n>.png``: every figure the notebook draws, as the notebook shows it,
- ``view-<n>.png``: every HTML view (article, KWIC, tables) rendered alone in Chromium.

Look at them: unconnected nodes, overlapping labels, empty panels, tofu boxes instead of Chinese
characters and lines drawn across empty periods are defects. Needs the Debian packages
``chromium`` and ``fonts-noto-cjk`` (the page is photographed with the system's fonts); the
script says so and exits 2 when they are missing.
"""
from __future__ import annotations

import argparse
import base64
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 1200


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def has_cjk_font() -> bool:
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(out.stdout.strip())


def shoot(browser: str, page: Path, png: Path, height: int) -> None:
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={WIDTH},{height}", f"--screenshot={png}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notebook", type=Path, default=ROOT / "examples" / "quickstart.ipynb")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    ap.add_argument("--height", type=int, default=12000, help="height of the full-page shot in pixels")
    ns = ap.parse_args(argv)
    browser = chromium()
    if browser is None or not has_cjk_font():
        print("screenshots need headless Chromium and a CJK font: apt-get install chromium fonts-noto-cjk",
              file=sys.stderr)
        return 2
    import nbclient
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(ns.notebook, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ns.notebook.parent)}}).execute()
    ns.out.mkdir(parents=True, exist_ok=True)
    body, _ = HTMLExporter().from_notebook_node(nb)
    page = ns.out / "quickstart.html"
    page.write_text(body, encoding="utf-8")
    full = ns.out / "quickstart-full.png"
    shoot(browser, page, full, ns.height)
    n_plots = n_views = 0
    with tempfile.TemporaryDirectory() as tmp:
        for cell in nb.cells:
            for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
                data = out.get("data", {})
                if "image/png" in data:
                    n_plots += 1
                    (ns.out / f"plot-{n_plots}.png").write_bytes(base64.b64decode(data["image/png"]))
                elif "text/html" in data:
                    n_views += 1
                    view = Path(tmp) / f"view-{n_views}.html"
                    view.write_text("<!doctype html><meta charset='utf-8'><body style='font-family:sans-serif'>"
                                    + data["text/html"] + "</body>", encoding="utf-8")
                    shoot(browser, view, ns.out / f"view-{n_views}.png", 900)
    index = ns.out / "index.html"
    items = sorted(p.name for p in ns.out.glob("*.png"))
    index.write_text("<!doctype html><meta charset='utf-8'>" + "".join(
        f"<h3>{html.escape(n)}</h3><img src='{html.escape(n)}' style='max-width:100%'>" for n in items),
        encoding="utf-8")
    print(f"wrote {ns.out}: the page, {n_plots} plots, {n_views} HTML views (open index.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
