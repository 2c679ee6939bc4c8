"""Take a URL WeasyPrint asks for, produce its bytes only if it is a checked figure, a
picture embedded in one (`data:`), or a file inside the allowed folder: renders never
touch the network or read outside the project."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .figures import Image

FIGURE_SCHEME = "figure"


class RefusedResource(ValueError):
    pass


def figure_url(image: Image) -> str:
    """The URL the PDF's page names a figure by: its content's digest. WeasyPrint names
    each picture in the PDF after its URL, so a file: URL (the checkout's folder) would
    make the bytes depend on where the sources lie; this makes them depend on the picture."""
    return f"{FIGURE_SCHEME}:{image.digest}"


class ContainedFetcher(URLFetcher):
    """Serves the figures it is given (by `figure_url`), `data:` URLs (pictures embedded in
    a checked SVG) and `file:` URLs under `root`; refuses http(s), ftp, other schemes, and
    any path that leaves `root` (including through symlinks)."""

    def __init__(self, root: Path, figures: Mapping[str, Image] | None = None):
        super().__init__(
            allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True
        )
        self.root = root.resolve()
        self.figures = dict(figures or {})

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == FIGURE_SCHEME:
            image = self.figures.get(url)
            if image is None:
                raise RefusedResource(f"refused to fetch {url}: not a figure of this paper")
            return URLFetcherResponse(url, image.data, {"Content-Type": image.mime})
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(f"refused to fetch {url}: renders use local files only")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedResource(f"refused to read {path}: outside {self.root}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
