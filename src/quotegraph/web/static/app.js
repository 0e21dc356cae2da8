// Progressive enhancement only: every page works without this file.
// Article page: hovering, focusing or selecting a quote shows its attribution in a panel and
// marks its cue and speaker mention. Graph page: a person's edges light up on hover or focus.
// Text is only ever set through textContent.
(() => {
  "use strict";
  const text = document.getElementById("article-text");
  const panel = document.getElementById("attribution");
  if (text && panel) {
    let current = null;
    let pinned = null;
    const quoteOf = (el) => (el && el.closest ? el.closest("mark.q") : null);
    const related = (n) => text.querySelectorAll(`mark.q[data-quote="${n}"], [data-for~="${n}"]`);
    const select = (n) => {
      if (current !== null && current !== n) related(current).forEach((el) => el.classList.remove("active"));
      current = n;
      if (n === null) { panel.hidden = true; return; }
      related(n).forEach((el) => el.classList.add("active"));
      const first = text.querySelector(`mark.q[data-quote="${n}"]:not(.cont)`);
      panel.textContent = first ? first.dataset.attribution || first.title : "";
      panel.hidden = false;
    };
    text.addEventListener("mouseover", (e) => { const m = quoteOf(e.target); if (m && pinned === null) select(m.dataset.quote); });
    text.addEventListener("mouseout", (e) => {
      if (pinned === null && quoteOf(e.target) && !quoteOf(e.relatedTarget)) select(null);
    });
    text.addEventListener("focusin", (e) => { const m = quoteOf(e.target); if (m) select(m.dataset.quote); });
    text.addEventListener("click", (e) => {
      const m = quoteOf(e.target);
      if (!m) return;
      pinned = pinned === m.dataset.quote ? null : m.dataset.quote;
      select(m.dataset.quote);
    });
    text.addEventListener("keydown", (e) => {
      const m = quoteOf(e.target);
      if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); m.click(); }
      if (e.key === "Escape") { pinned = null; select(null); }
    });
  }

  const graph = document.querySelector("svg.graph");
  if (graph) {
    const edges = graph.querySelectorAll(".edge");
    const light = (name) => {
      graph.classList.toggle("focus", name !== null);
      edges.forEach((el) => el.classList.toggle("lit", name !== null && (el.dataset.source === name || el.dataset.target === name)));
    };
    const nodeOf = (el) => (el && el.closest ? el.closest(".node") : null);
    graph.addEventListener("mouseover", (e) => { const n = nodeOf(e.target); light(n ? n.dataset.name : null); });
    graph.addEventListener("mouseleave", () => light(null));
    graph.addEventListener("focusin", (e) => { const n = nodeOf(e.target); if (n) light(n.dataset.name); });
    graph.addEventListener("focusout", () => light(null));
  }
})();
