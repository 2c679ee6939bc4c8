"""Take a URL WeasyPrint asks for, produce the file's bytes only if it lies inside the
allowed folder: renders never touch the network or read outside the project."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib import request
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedResource(ValueError):
    pass


class ContainedFetcher(URLFetcher):
    """Serves `file:` URLs under `root` and `data:` URLs (which read nothing); refuses
    http(s), ftp and other schemes, and any path that leaves `root` (through symlinks too)."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":  # the theme's logo and QR code: bytes in the page itself
            with request.DataHandler().data_open(request.Request(url)) as found:
                return URLFetcherResponse(url, found.read(), dict(found.headers))
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(f"refused to fetch {url}: renders use local files only")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedResource(f"refused to read {path}: outside {self.root}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
