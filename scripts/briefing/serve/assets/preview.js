// The preview follows the server's events: new page images replace old ones in place
// (only those whose URL changed, after they are decoded, so nothing flickers and the
// scroll position stays), the error lines appear and go, the index's rows update.
"use strict";
(() => {
  const body = document.body;
  const slug = body.dataset.paper;
  const url = slug ? `/events?paper=${encodeURIComponent(slug)}` : "/events";
  const source = new EventSource(url);
  source.addEventListener("state", (event) => {
    const data = JSON.parse(event.data);
    if (slug) showPaper(data);
    else showIndex(data);
  });

  function links(element, downloads) {
    element.replaceChildren(...downloads.flatMap((d) => {
      const a = document.createElement("a");
      a.href = d.url;
      a.textContent = d.label;
      return [a, " "];
    }));
  }

  function problems(id, lines) {
    const section = document.getElementById(id);
    section.querySelector("pre").textContent = lines.join("\n");
    section.hidden = lines.length === 0;
  }

  function showPaper(state) {
    body.dataset.status = state.status;
    document.getElementById("status").textContent = state.summary;
    if (state.title) {
      document.getElementById("title").textContent = state.title;
      document.title = `${state.title} · preview`;
    }
    links(document.getElementById("downloads"), state.downloads);
    problems("errors", state.errors);
    problems("warnings", state.warnings);
    const pages = document.getElementById("pages");
    const images = Array.from(pages.querySelectorAll("img.page"));
    state.pages.forEach((page, i) => {
      let img = images[i];
      if (!img) {
        img = document.createElement("img");
        img.className = "page";
        pages.append(img);
      }
      img.alt = `Page ${i + 1}`;
      if (img.dataset.want === page.url || img.getAttribute("src") === page.url) return;
      img.dataset.want = page.url;
      const next = new Image();
      next.src = page.url;
      next.decode().catch(() => {}).then(() => {
        if (img.dataset.want !== page.url) return; // a newer image was asked for meanwhile
        img.width = page.width;
        img.height = page.height;
        img.src = page.url;
      });
    });
    images.slice(state.pages.length).forEach((img) => img.remove());
  }

  function showIndex(data) {
    for (const state of data.papers) {
      const row = document.querySelector(`tr[data-slug="${CSS.escape(state.slug)}"]`);
      if (!row) continue;
      row.dataset.status = state.status;
      if (state.title) row.querySelector(".title").textContent = state.title;
      row.querySelector(".status").textContent = state.summary;
      links(row.querySelector(".files"), state.downloads);
    }
    for (const volume of data.volumes) {
      const row = document.querySelector(`tr[data-volume="${CSS.escape(volume.name)}"]`);
      if (!row) continue;
      row.querySelector(".status").textContent = volume.status;
      links(row.querySelector(".files"), volume.downloads.map(([label, url]) => ({label, url})));
    }
  }
})();
