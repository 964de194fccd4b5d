// presslens report: layer toggles, the hover/focus/click card, the item panel.
// Item data comes from the JSON block and is only ever written with textContent.
(function () {
  "use strict";
  var items = JSON.parse(document.getElementById("presslens-items").textContent);
  var card = document.getElementById("card");
  var hiddenLayers = {};
  var pinned = null;
  var LAYER_NAMES = {
    document: "document", entities: "entity", quotes: "quote", claims: "claim",
    timeline: "time", techniques: "technique", artifacts: "artifact"
  };

  function ids(seg, attribute) {
    var value = seg.getAttribute(attribute) || "";
    return value.split(" ").filter(function (id) {
      return id && items[id] && !hiddenLayers[items[id].layer];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function partRole(item, seg) {
    var start = Number(seg.getAttribute("data-start"));
    for (var i = 0; i < item.parts.length; i++) {
      if (item.parts[i][0] <= start && start < item.parts[i][1]) { return item.parts[i][2]; }
    }
    return "part";
  }

  function entry(id, role) {
    var item = items[id];
    var box = el("div", "entry");
    var head = el("div");
    head.appendChild(el("span", "badge badge-" + item.layer, LAYER_NAMES[item.layer] || item.layer));
    head.appendChild(el("span", "label", item.label));
    box.appendChild(head);
    if (role) { box.appendChild(el("div", "role", "this is the " + role + " of this " + (LAYER_NAMES[item.layer] || "item"))); }
    box.appendChild(el("div", "quote", "\u201c" + item.text + "\u201d"));
    if (item.rows.length) {
      var table = el("table");
      item.rows.forEach(function (row) {
        var tr = el("tr");
        tr.appendChild(el("th", "", row[0]));
        tr.appendChild(el("td", "", row[1]));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    box.appendChild(el("div", "where", "characters " + item.start + "\u2013" + item.end));
    return box;
  }

  function place(anchor) {
    var rect = anchor.getBoundingClientRect();
    card.hidden = false;
    var left = window.scrollX + rect.left;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 12;
    card.style.left = Math.max(window.scrollX + 8, Math.min(left, maxLeft)) + "px";
    var top = window.scrollY + rect.bottom + 8;
    if (rect.bottom + card.offsetHeight + 16 > window.innerHeight && rect.top > card.offsetHeight + 70) {
      top = window.scrollY + rect.top - card.offsetHeight - 8;
    }
    card.style.top = top + "px";
  }

  function showCard(seg, only) {
    var main = only ? [only] : ids(seg, "data-items");
    var parts = only ? [] : ids(seg, "data-parts").filter(function (id) { return main.indexOf(id) < 0; });
    if (!main.length && !parts.length) { hideCard(); return false; }
    card.replaceChildren();
    main.forEach(function (id) { card.appendChild(entry(id, null)); });
    parts.forEach(function (id) { card.appendChild(entry(id, partRole(items[id], seg))); });
    place(seg);
    return true;
  }

  function hideCard() { card.hidden = true; }

  function clearActive() {
    document.querySelectorAll(".seg.on, .seg.part-on").forEach(function (s) {
      s.classList.remove("on", "part-on");
    });
    document.querySelectorAll(".item.current").forEach(function (b) { b.classList.remove("current"); });
  }

  // Pieces that are only white space (paragraph breaks) stay unmarked: a lone outline there is noise.
  function mark(selector, className) {
    document.querySelectorAll(selector).forEach(function (s) {
      if (s.textContent.trim()) { s.classList.add(className); }
    });
  }

  function activate(idList) {
    clearActive();
    idList.forEach(function (id) {
      var key = CSS.escape(id);
      mark('.seg[data-items~="' + key + '"]', "on");
      mark('.seg[data-parts~="' + key + '"]', "part-on");
      document.querySelectorAll('.item[data-item="' + key + '"]').forEach(function (b) { b.classList.add("current"); });
    });
  }

  function pin(seg, only) {
    pinned = seg;
    if (showCard(seg, only)) { activate(only ? [only] : ids(seg, "data-items").concat(ids(seg, "data-parts"))); }
  }

  function unpin() { pinned = null; clearActive(); hideCard(); }

  document.addEventListener("mouseover", function (event) {
    var seg = event.target.closest && event.target.closest(".seg");
    if (seg && !pinned) { showCard(seg, null); }
  });
  document.addEventListener("mouseout", function (event) {
    var seg = event.target.closest && event.target.closest(".seg");
    if (seg && !pinned && !(event.relatedTarget && seg.contains(event.relatedTarget))) { hideCard(); }
  });
  document.addEventListener("click", function (event) {
    if (card.contains(event.target)) { return; }
    var button = event.target.closest(".item");
    if (button) { goTo(button); return; }
    // Focus already pinned a focusable highlight before this click; pinning again is harmless.
    var seg = event.target.closest(".seg");
    if (seg) { pin(seg, null); } else { unpin(); }
  });
  document.addEventListener("focusin", function (event) {
    var seg = event.target.closest && event.target.closest(".seg");
    if (seg) { pin(seg, null); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { unpin(); }
  });

  // Each click on a panel item goes to its next span (entities have many mentions).
  function goTo(button) {
    var id = button.getAttribute("data-item");
    var item = items[id];
    if (!item || !item.spans.length) { return; }
    var next = Number(button.getAttribute("data-next") || "0") % item.spans.length;
    button.setAttribute("data-next", String(next + 1));
    var seg = document.querySelector(
      '.seg[data-start="' + item.spans[next][0] + '"][data-items~="' + CSS.escape(id) + '"]');
    if (!seg) { return; }
    seg.scrollIntoView({ block: "center", behavior: "smooth" });
    window.setTimeout(function () { pin(seg, id); }, 350);
  }

  document.querySelectorAll(".layer-toggle").forEach(function (box) {
    hiddenLayers[box.getAttribute("data-layer")] = !box.checked;
    box.addEventListener("change", function () {
      var layer = box.getAttribute("data-layer");
      hiddenLayers[layer] = !box.checked;
      document.body.classList.toggle("hide-" + layer, !box.checked);
      if (pinned) { unpin(); }
    });
  });
})();
