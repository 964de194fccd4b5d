// Draws a brief (presslens.brief/2 JSON) beside its article: every layer
// highlighted in its own colour with a toggle, a side panel of what was found,
// an evidence box, a timeline strip. Article text is untrusted: it only ever
// reaches the page through textContent and text nodes, never innerHTML.

const SVG = "http://www.w3.org/2000/svg";

// Outermost first: each layer draws its own underline at its own depth, so
// overlapping layers stay visible (see style.css, .hl-*).
const NESTING = ["claims", "artifacts", "techniques", "timeline", "entities", "quotes"];
const LABELS = {
  quotes: "Quote",
  claims: "Claim",
  timeline: "Date",
  techniques: "Technique",
  artifacts: "Trace",
  entities: "Name",
};
const SNIPPET_CHARS = 160;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function snippet(text, limit = SNIPPET_CHARS) {
  const flat = String(text || "").replace(/\s+/g, " ").trim();
  return flat.length > limit ? flat.slice(0, limit - 1) + "…" : flat;
}

// A snippet in curly quotes, without the article's own marks at its ends ("“"x”" reads badly).
function quoted(text, limit = SNIPPET_CHARS) {
  const inner = snippet(text, limit).replace(/^["“”„«»'‘’]+|["“”„«»'‘’]+$/g, "");
  return `“${inner}”`;
}

// True for an item kept only because all items were asked for: a technique whose
// confidence is under its layer's display threshold, or a claim that only the
// check-worthiness model found and the display threshold did not take.
function belowThreshold(layer, item, status) {
  if (!status || typeof status.threshold !== "number") return false;
  if (layer === "techniques") {
    return typeof item.confidence === "number" && item.confidence < status.threshold;
  }
  if (layer === "claims") return (item.evidence || "").includes("below the display threshold");
  return false;
}

// A claim's check-worthiness: its calibrated confidence in words when it has one
// (English), else the model's raw score.
function checkworthyWords(claim) {
  if (typeof claim.confidence === "number") {
    return `check-worthy: ${confidenceWords(claim.confidence).replace(/^ · /, "")}`;
  }
  return `check-worthy: score ${Math.round(claim.checkworthy * 100)}%`;
}

// A calibrated confidence in words, as presslens.models.calibration.WORDS says it.
function confidenceWords(confidence) {
  if (typeof confidence !== "number") return "";
  const word = confidence >= 0.9 ? "very likely" : confidence >= 0.7 ? "likely"
    : confidence >= 0.5 ? "possible" : "unlikely";
  return ` · ${word} (${confidence.toFixed(2)})`;
}

// As outputs/terminal.py amount_value: a vague amount shows no number, a range both ends.
function amountValue(a) {
  const unit = a.unit ? " " + a.unit : "";
  if (a.approx === "vague") return `no number stated${a.unit ? ", " + a.unit : ""} (vague)`;
  const value = a.approx === "range" && a.upper !== null && a.upper !== undefined
    ? `${a.value}-${a.upper}` : `${a.value}`;
  return `${value}${unit} (${a.approx})`;
}

function prettyTechnique(name) {
  return String(name).replace(/_/g, " ").replace(/,/g, ", ");
}

function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

// Every highlighted thing as {id, layer, index, item, pieces: [{start, end, role}]}.
function collectItems(brief) {
  const items = [];
  const add = (layer, index, item, pieces) => {
    const valid = pieces.filter(
      (p) => Number.isInteger(p.start) && Number.isInteger(p.end) && p.end > p.start,
    );
    items.push({ id: `${layer}:${index}`, layer, index, item, pieces: valid });
  };
  (brief.quotes || []).forEach((q, i) => {
    const pieces = [{ start: q.start, end: q.end, role: "content" }];
    if (q.cue) pieces.push({ start: q.cue.start, end: q.cue.end, role: "cue" });
    if (q.speaker && q.speaker.start !== null && q.speaker.end !== null) {
      pieces.push({ start: q.speaker.start, end: q.speaker.end, role: "speaker" });
    }
    add("quotes", i, q, pieces);
  });
  for (const layer of ["claims", "timeline", "techniques", "artifacts"]) {
    (brief[layer] || []).forEach((x, i) =>
      add(layer, i, x, [{ start: x.start, end: x.end, role: "content" }]),
    );
  }
  (brief.entities || []).forEach((e, i) =>
    add(
      "entities",
      i,
      e,
      (e.mentions || []).map((m) => ({ start: m.start, end: m.end, role: "content" })),
    ),
  );
  return items;
}

// Cut the text at every piece boundary; each segment knows the pieces over it.
function segments(text, items) {
  const cuts = new Set([0, text.length]);
  const pieces = [];
  for (const item of items) {
    for (const p of item.pieces) {
      const start = Math.max(0, Math.min(p.start, text.length));
      const end = Math.max(0, Math.min(p.end, text.length));
      if (end <= start) continue;
      cuts.add(start);
      cuts.add(end);
      pieces.push({ start, end, role: p.role, item });
    }
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  pieces.sort((a, b) => a.start - b.start);
  const out = [];
  let open = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    while (next < pieces.length && pieces[next].start <= start) open.push(pieces[next++]);
    open = open.filter((p) => p.end > start);
    out.push({ start, end, over: open.filter((p) => p.start <= start && p.end >= end) });
  }
  return out;
}

export class BriefView {
  constructor(root, { downloadReport } = {}) {
    this.root = root;
    this.article = root.querySelector("#article");
    this.evidence = root.querySelector("#evidence");
    this.downloadReport = downloadReport;
    this.segmentsOf = new Map();
    this.panelItemOf = new Map();
    this.items = new Map();
    this.selected = null;
    this.speakerCursor = new Map();
    root.querySelectorAll("#layer-toggles input[data-layer]").forEach((box) => {
      const apply = () => this.root.classList.toggle(`hide-${box.dataset.layer}`, !box.checked);
      apply();
      box.addEventListener("change", () => {
        apply();
        // Showing a layer opens its list too; hiding one leaves the list as the reader left it.
        const section = root.querySelector(`details[data-section="${box.dataset.layer}"]`);
        if (box.checked && section) section.open = true;
      });
    });
    this.evidence.querySelector(".close").addEventListener("click", () => this.clearSelection());
    this.article.addEventListener("click", (event) => this.selectFromArticle(event));
    root.querySelector("#download-json").addEventListener("click", () => this.downloadJson());
    root.querySelector("#download-html").addEventListener("click", () => this.downloadHtml());
  }

  render(brief) {
    this.brief = brief;
    this.segmentsOf.clear();
    this.panelItemOf.clear();
    this.items.clear();
    this.speakerCursor.clear();
    this.selected = null;
    // Shown before drawing, so the timeline can measure the width it has.
    this.root.hidden = false;
    const items = collectItems(brief);
    items.forEach((item) => this.items.set(item.id, item));
    this.renderMeta(brief.document || {});
    this.renderArticle(brief.text || "", items);
    this.renderPanel(brief, items);
    this.renderSpeakers(brief);
    this.renderTimeline(brief, items.filter((i) => i.layer === "timeline"));
    this.evidence.hidden = true;
  }

  renderMeta(doc) {
    const meta = this.root.querySelector("#doc-meta");
    meta.replaceChildren();
    meta.append(el("h2", "doc-title", doc.title || "Untitled article"));
    const facts = el("p", "doc-facts");
    const fact = (label, value) => {
      if (!value) return;
      const span = el("span", "fact");
      span.append(el("span", "fact-label", label + " "), el("span", "fact-value", value));
      facts.append(span);
    };
    fact("By", doc.author);
    fact("Outlet", doc.outlet);
    if (doc.published) {
      const how = doc.published_source ? ` (from ${doc.published_source})` : "";
      fact("Published", doc.published + how);
    }
    fact("Language", doc.language);
    fact("Read from", doc.origin);
    fact("Record id", doc.id);
    meta.append(facts);
    for (const notice of doc.notices || []) meta.append(el("p", "notice", notice));
    const links = el("p", "doc-links");
    for (const [label, url] of [["This copy", doc.source_url], ["Original", doc.original_url]]) {
      if (!url) continue;
      const href = safeHref(url);
      const span = el("span", "fact");
      span.append(el("span", "fact-label", label + " "));
      if (href) {
        const a = el("a", null, url);
        a.href = href;
        a.rel = "noopener noreferrer nofollow";
        a.target = "_blank";
        span.append(a);
      } else {
        span.append(el("span", "fact-value", url));
      }
      links.append(span);
    }
    if (links.childNodes.length) meta.append(links);
    if (doc.disclaimer) {
      meta.append(el("p", "doc-disclaimer", "Disclaimer in the text: " + snippet(doc.disclaimer.text)));
    }
  }

  renderArticle(text, items) {
    const frag = document.createDocumentFragment();
    for (const seg of segments(text, items)) {
      const chunk = document.createTextNode(text.slice(seg.start, seg.end));
      if (!seg.over.length) {
        frag.append(chunk);
        continue;
      }
      const outer = el("span", "seg");
      outer.dataset.items = seg.over.map((p) => p.item.id).join(" ");
      let parent = outer;
      for (const layer of NESTING) {
        const here = seg.over.filter((p) => p.item.layer === layer);
        if (!here.length) continue;
        const role = here.some((p) => p.role === "content") ? "content" : here[0].role;
        const span = el("span", `hl hl-${layer} role-${role}`);
        parent.append(span);
        parent = span;
      }
      parent.append(chunk);
      for (const p of seg.over) {
        if (!this.segmentsOf.has(p.item.id)) this.segmentsOf.set(p.item.id, []);
        this.segmentsOf.get(p.item.id).push(outer);
      }
      frag.append(outer);
    }
    this.article.replaceChildren(frag);
  }

  renderPanel(brief, items) {
    const byLayer = new Map();
    for (const item of items) {
      if (!byLayer.has(item.layer)) byLayer.set(item.layer, []);
      byLayer.get(item.layer).push(item);
    }
    this.root.querySelectorAll("[data-section]").forEach((section) => {
      const layer = section.dataset.section;
      const list = section.querySelector(".items");
      list.replaceChildren();
      const found = byLayer.get(layer) || [];
      for (const item of found) {
        const li = el("li");
        const button = el("button", `item item-${layer}`);
        button.type = "button";
        button.dataset.item = item.id;
        const [main, detail] = this.describe(item);
        const below = belowThreshold(layer, item.item, (brief.layers || {})[layer]);
        if (below) button.classList.add("below-threshold");
        button.append(el("span", "item-text", main));
        if (detail || below) {
          button.append(el("span", "item-meta",
            [detail, below ? "below the display threshold" : ""].filter(Boolean).join(" · ")));
        }
        button.addEventListener("click", () => this.select(item.id, { scroll: true }));
        li.append(button);
        list.append(li);
        this.panelItemOf.set(item.id, button);
      }
      const status = (brief.layers || {})[layer];
      if (!found.length && status && !status.computed) {
        list.append(el("li", "empty", `Not computed (${status.reason || "not asked for"}).`));
      } else if (!found.length) {
        list.append(el("li", "empty", status && status.withheld ? "None shown." : "None found."));
      }
      if (status && status.withheld && status.threshold !== null) {
        const dimmed = found.filter((item) => belowThreshold(layer, item.item, status)).length;
        const threshold = status.threshold.toFixed(2);
        list.append(el("li", "empty withheld", dimmed
          ? `${dimmed} of these below the display threshold (confidence ${threshold}), shown dimmed.`
          : `${status.withheld} more below the display threshold (confidence ${threshold}).`));
      }
    });
    for (const layer of NESTING) {
      const n = (byLayer.get(layer) || []).length;
      this.root.querySelectorAll(`[data-count="${layer}"]`).forEach((c) => (c.textContent = n));
    }
  }

  // [main line, detail line] for a panel entry.
  describe(item) {
    const x = item.item;
    const text = (p) => (this.brief.text || "").slice(p.start, p.end);
    switch (item.layer) {
      case "quotes":
        return [quoted(x.text), `${speakerName(x)} · ${x.kind}`];
      case "claims":
        return [snippet(x.text), `${x.certainty} · ${checkworthyWords(x)}`];
      case "timeline": {
        const value = x.value === null || x.value === undefined ? "unresolved" : x.value;
        return [x.text, x.end_value ? `${value} – ${x.end_value}` : value];
      }
      case "techniques":
        return [prettyTechnique(x.technique), `${quoted(x.text, 90)}${confidenceWords(x.confidence)}`];
      case "artifacts":
        return [quoted(x.text, 60), `${x.kind}: ${x.note}`];
      case "entities": {
        const variants = new Set((x.mentions || []).map(text));
        return [x.name, `${x.type} · ${(x.mentions || []).length} mention(s)` +
          (variants.size > 1 ? ` · ${[...variants].join(" / ")}` : "")];
      }
      default:
        return [snippet(x.text), ""];
    }
  }

  renderSpeakers(brief) {
    const list = this.root.querySelector(".speakers");
    list.replaceChildren();
    const groups = new Map();
    (brief.quotes || []).forEach((q, i) => {
      const key = (q.speaker && (q.speaker.entity_id || q.speaker.name || q.speaker.text)) || "";
      if (!groups.has(key)) groups.set(key, { quote: q, ids: [] });
      groups.get(key).ids.push(`quotes:${i}`);
    });
    const entities = new Map((brief.entities || []).map((e) => [e.id, e]));
    const sorted = [...groups.values()].sort((a, b) => b.ids.length - a.ids.length);
    for (const group of sorted) {
      const li = el("li", "speaker");
      const button = el("button", "speaker-name", speakerName(group.quote));
      button.type = "button";
      button.title = "Show this speaker's quotes one after another";
      button.addEventListener("click", () => {
        const at = this.speakerCursor.get(group) || 0;
        this.select(group.ids[at % group.ids.length], { scroll: true });
        this.speakerCursor.set(group, at + 1);
      });
      li.append(button, el("span", "count", group.ids.length));
      const entity = group.quote.speaker && entities.get(group.quote.speaker.entity_id);
      const roles = entity ? [...new Set((entity.roles || []).map((r) => r.text))] : [];
      if (roles.length) li.append(el("span", "speaker-roles", roles.join("; ")));
      list.append(li);
    }
    if (!sorted.length) list.append(el("li", "empty", "Nobody is quoted."));
    this.root.querySelector('[data-count="speakers"]').textContent = sorted.length;
  }

  // The dates on one axis. Dates that fall on the same value are one marker with a
  // count; a year, month or week is drawn as the span it covers; labels that would
  // overprint another are left out (the marker keeps its tooltip and click); when most
  // dates crowd into a small part of the axis, "Busiest period" zooms onto them.
  renderTimeline(brief, items, zoom = null) {
    const figure = this.root.querySelector("#timeline-strip");
    const canvas = figure.querySelector(".timeline-canvas");
    canvas.replaceChildren();
    const groups = timelineGroups(items);
    const published = valueRange(brief.document && brief.document.published);
    if (!groups.length) {
      figure.hidden = true;
      return;
    }
    figure.hidden = false;
    const DAY = 86400000;
    const ends = groups.flatMap((g) => [g.from, g.to]);
    if (published) ends.push(published[0]);
    const full = [Math.min(...ends), Math.max(...ends)];
    const busy = busiestWindow(groups, full);
    let [lo, hi] = zoom || full;
    if (hi - lo < 2 * DAY) [lo, hi] = [lo - DAY, hi + DAY];
    const pad = (hi - lo) * 0.04;
    const [start, stop] = [lo, hi];
    [lo, hi] = [lo - pad, hi + pad];

    const controls = el("div", "timeline-controls");
    const button = (label, range, pressed) => {
      const b = el("button", "secondary", label);
      b.type = "button";
      b.setAttribute("aria-pressed", String(pressed));
      b.addEventListener("click", () => this.renderTimeline(brief, items, range));
      controls.append(b);
    };
    if (busy) {
      button("All dates", null, !zoom);
      button(`Busiest period: ${isoDay(busy[0])} to ${isoDay(busy[1])}`, busy, Boolean(zoom));
    }
    const shown = groups.filter((g) => g.to >= start && g.from <= stop);
    const before = groups.filter((g) => g.to < start).length;
    const after = groups.filter((g) => g.from > stop).length;

    const width = Math.max(canvas.clientWidth || 800, 320);
    const height = 118;
    const axisY = 72;
    const x = (t) => 12 + ((Math.min(Math.max(t, lo), hi) - lo) / (hi - lo)) * (width - 24);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Timeline of the dates in the article");
    canvas.append(controls, svg);
    const node = (parent, tag, attrs, text) => {
      const n = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
      if (text !== undefined) n.textContent = text;
      parent.append(n);
      return n;
    };
    node(svg, "line", { x1: 12, x2: width - 12, y1: axisY, y2: axisY, class: "axis" });
    node(svg, "text", { x: 12, y: axisY + 22, class: "tick", "text-anchor": "start" },
      (before ? `← ${before} earlier · ` : "") + isoDay(start));
    node(svg, "text", { x: width - 12, y: axisY + 22, class: "tick", "text-anchor": "end" },
      isoDay(stop) + (after ? ` · ${after} later →` : ""));
    if (published && published[0] >= start && published[0] <= stop) {
      const px = x(published[0]);
      node(svg, "path", { d: `M${px} ${axisY - 7} l6 7 l-6 7 l-6 -7 z`, class: "published" });
      node(svg, "text", { x: px, y: axisY + 38, class: "tick published-label", "text-anchor": "middle" },
        "published");
    }
    const lanes = [-Infinity, -Infinity, -Infinity];
    for (const group of shown) {
      const x1 = x(group.from);
      const x2 = Math.max(x(group.to), x1);
      const g = node(svg, "g", { class: "event", tabindex: "0", role: "button" });
      g.dataset.item = group.items[0].id;
      const names = group.items.map((i) => `“${snippet(i.item.text, 60)}”`).join(", ");
      node(g, "title", {}, `${group.label}: ${names}`);
      const mid = (x1 + x2) / 2;
      if (x2 - x1 >= 3) node(g, "rect", { x: x1, y: axisY - 5, width: x2 - x1, height: 10, rx: 4 });
      else node(g, "circle", { cx: x1, cy: axisY, r: 6 });
      if (group.items.length > 1) {
        node(g, "text", { x: mid, y: axisY + 4, class: "count", "text-anchor": "middle" },
          String(group.items.length));
      }
      const text = snippet(group.items[0].item.text, 26) +
        (group.items.length > 1 ? ` +${group.items.length - 1}` : "");
      const label = node(g, "text", { x: mid, y: 0, "text-anchor": "middle", class: "label" }, text);
      const half = (label.getComputedTextLength ? label.getComputedTextLength() : text.length * 6.5) / 2 + 4;
      const lane = lanes.findIndex((end) => end < mid - half && mid - half >= 0 && mid + half <= width);
      if (lane < 0) {
        label.remove();
      } else {
        lanes[lane] = mid + half;
        const labelY = axisY - 16 - lane * 15;
        label.setAttribute("y", labelY);
        node(g, "line", { x1: mid, x2: mid, y1: labelY + 3, y2: axisY - 6, class: "stem" });
      }
      let turn = 0;
      const go = () => {
        this.select(group.items[turn % group.items.length].id, { scroll: true });
        turn += 1;
      };
      g.addEventListener("click", go);
      g.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && go());
    }
  }

  selectFromArticle(event) {
    const seg = event.target.closest(".seg");
    if (!seg) return;
    const hidden = (layer) => this.root.classList.contains(`hide-${layer}`);
    const candidates = seg.dataset.items
      .split(" ")
      .map((id) => this.items.get(id))
      .filter((item) => item && !hidden(item.layer));
    if (!candidates.length) return;
    const size = (item) => Math.min(...item.pieces.map((p) => p.end - p.start));
    candidates.sort((a, b) => size(a) - size(b));
    this.select(candidates[0].id, { scroll: false });
  }

  clearSelection() {
    this.root.querySelectorAll(".seg.focus").forEach((s) => s.classList.remove("focus"));
    this.root.querySelectorAll(".item[aria-current]").forEach((b) => b.removeAttribute("aria-current"));
    this.root.querySelectorAll("g.event.selected").forEach((g) => g.classList.remove("selected"));
    this.evidence.hidden = true;
    this.selected = null;
  }

  select(id, { scroll }) {
    const item = this.items.get(id);
    if (!item) return;
    this.clearSelection();
    this.selected = id;
    const segs = this.segmentsOf.get(id) || [];
    segs.forEach((s) => s.classList.add("focus"));
    if (scroll && segs.length) segs[0].scrollIntoView({ block: "center", behavior: "smooth" });
    const button = this.panelItemOf.get(id);
    if (button) {
      button.setAttribute("aria-current", "true");
      const section = button.closest("details");
      if (section) section.open = true;
      if (!scroll) button.scrollIntoView({ block: "nearest" });
    }
    this.root.querySelectorAll(`g.event`).forEach((g) => {
      if (g.dataset.item === id) g.classList.add("selected");
    });
    this.showEvidence(item);
  }

  showEvidence(item) {
    const x = item.item;
    const body = this.evidence.querySelector(".evidence-body");
    body.replaceChildren();
    body.append(el("h3", `evidence-title evidence-${item.layer}`, evidenceTitle(item)));
    if (item.layer !== "entities") body.append(el("blockquote", "evidence-text", snippet(x.text, 600)));
    const facts = el("dl", "evidence-facts");
    const fact = (label, value) => {
      if (value === null || value === undefined || value === "") return;
      facts.append(el("dt", null, label), el("dd", null, value));
    };
    const spans = (list) => (list || []).map((s) => `“${s.text}”`).join(", ");
    switch (item.layer) {
      case "quotes":
        fact("Speaker", speakerName(x));
        if (x.speaker && x.speaker.text && x.speaker.text !== x.speaker.name) {
          fact("Named in the text as", x.speaker.text);
        }
        fact("Cue", x.cue && x.cue.text);
        fact("Kind", x.kind);
        if (typeof x.confidence === "number") {
          fact("Confidence", `learned: ${confidenceWords(x.confidence).replace(/^ · /, "")}`);
        }
        break;
      case "claims":
        fact("Certainty", x.certainty);
        fact("Check-worthy", checkworthyWords(x).replace(/^check-worthy: /, ""));
        fact("Source", x.source && (x.source.name || x.source.text));
        fact("Hedges", spans(x.hedges));
        fact(
          "Amounts",
          (x.amounts || [])
            .map((a) => `“${a.text}” = ${amountValue(a)}`)
            .join("; "),
        );
        break;
      case "timeline":
        fact("Means", x.value === null || x.value === undefined ? "unresolved (nothing anchors it)"
          : x.end_value ? `${x.value} to ${x.end_value}` : x.value);
        fact("Anchored on", x.anchor);
        fact("Dates the clause", x.event && snippet(x.event.text, 300));
        break;
      case "techniques":
        fact("Technique", prettyTechnique(x.technique));
        fact("Confidence", confidenceWords(x.confidence).replace(/^ · /, ""));
        fact("Score", typeof x.score === "number" ? x.score.toFixed(2) : x.score);
        break;
      case "artifacts":
        fact("Kind", x.kind);
        fact("Note", x.note);
        break;
      case "entities": {
        fact("Type", x.type);
        const texts = (x.mentions || []).map((m) => m.text);
        fact("Mentions", `${texts.length}: ${[...new Set(texts)].join(" / ")}`);
        fact("Roles", spans(x.roles));
        break;
      }
    }
    fact("Found by", x.evidence);
    const first = item.pieces[0];
    if (first) fact("Characters", `${first.start}–${first.end}`);
    body.append(facts);
    this.evidence.hidden = false;
  }

  downloadJson() {
    if (!this.brief) return;
    const blob = new Blob([JSON.stringify(this.brief, null, 2) + "\n"], { type: "application/json" });
    saveBlob(blob, "brief.json");
  }

  async downloadHtml() {
    if (!this.brief || !this.downloadReport) return;
    const blob = await this.downloadReport();
    if (blob) saveBlob(blob, "brief.html");
  }
}

function speakerName(quote) {
  const s = quote.speaker;
  return (s && (s.name || s.text)) || "unattributed";
}

function evidenceTitle(item) {
  const x = item.item;
  switch (item.layer) {
    case "quotes":
      return `${x.kind === "direct" ? "Direct" : x.kind === "indirect" ? "Reported" : "Mixed"} quote`;
    case "techniques":
      return `Technique: ${prettyTechnique(x.technique)}`;
    case "entities":
      return `Name: ${x.name}`;
    default:
      return LABELS[item.layer];
  }
}

// The stretch of time a TimeML value covers, as [from, to] in milliseconds: a year,
// a season or quarter, a month, an ISO week, a day, a decade ("199") or a century
// ("19"); a clock time is an instant. Null for what is no calendar stretch
// (durations, PRESENT_REF, unresolved values).
function valueRange(value) {
  const v = String(value || "");
  const DAY = 86400000;
  const span = (y1, m1, d1, y2, m2, d2) => [Date.UTC(y1, m1, d1), Date.UTC(y2, m2, d2) - 1];
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v))) {
    const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    return [t, t];
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v))) return span(+m[1], +m[2] - 1, +m[3], +m[1], +m[2] - 1, +m[3] + 1);
  if ((m = /^(\d{4})-W(\d{2})/.exec(v))) {
    const jan4 = Date.UTC(+m[1], 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (+m[2] - 1) * 7 * DAY;
    return [monday, monday + 7 * DAY - 1];
  }
  if ((m = /^(\d{4})-Q([1-4])/.exec(v))) return span(+m[1], (+m[2] - 1) * 3, 1, +m[1], +m[2] * 3, 1);
  if ((m = /^(\d{4})-(SP|SU|FA|WI)/.exec(v))) {
    const first = { SP: 2, SU: 5, FA: 8, WI: 11 }[m[2]];
    return span(+m[1], first, 1, +m[1], first + 3, 1);
  }
  if ((m = /^(\d{4})-(\d{2})/.exec(v))) return span(+m[1], +m[2] - 1, 1, +m[1], +m[2], 1);
  if ((m = /^(\d{4})$/.exec(v))) return span(+m[1], 0, 1, +m[1] + 1, 0, 1);
  if ((m = /^(\d{3})$/.exec(v))) return span(+m[1] * 10, 0, 1, +m[1] * 10 + 10, 0, 1);
  if ((m = /^(\d{2})$/.exec(v))) return span(+m[1] * 100, 0, 1, +m[1] * 100 + 100, 0, 1);
  return null;
}

// Timeline items that carry the same value (and end) as one group, in date order.
function timelineGroups(items) {
  const byValue = new Map();
  for (const item of items) {
    const range = valueRange(item.item.value);
    if (!range) continue;
    const end = valueRange(item.item.end_value);
    const key = `${item.item.value}|${item.item.end_value || ""}`;
    if (!byValue.has(key)) {
      const label = item.item.end_value ? `${item.item.value} to ${item.item.end_value}` : item.item.value;
      byValue.set(key, { from: range[0], to: end ? Math.max(end[1], range[1]) : range[1], label, items: [] });
    }
    byValue.get(key).items.push(item);
  }
  return [...byValue.values()].sort((a, b) => a.from - b.from || a.to - b.to);
}

// The narrowest stretch holding at least BUSY_SHARE of the date groups, when it is
// under a third of the whole axis (otherwise zooming would not help); null otherwise.
const BUSY_SHARE = 0.7;
function busiestWindow(groups, full) {
  if (groups.length < 4) return null;
  const mids = groups.map((g) => (g.from + g.to) / 2).sort((a, b) => a - b);
  const need = Math.ceil(mids.length * BUSY_SHARE);
  let best = null;
  for (let i = 0; i + need <= mids.length; i++) {
    const w = [mids[i], mids[i + need - 1]];
    if (!best || w[1] - w[0] < best[1] - best[0]) best = w;
  }
  const DAY = 86400000;
  if (!best || best[1] - best[0] > (full[1] - full[0]) / 3) return null;
  return [best[0] - DAY, best[1] + DAY];
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
