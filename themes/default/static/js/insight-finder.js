// The policy finder (/policies/finder/): filters the server-rendered list in the
// browser. Without this script the page is simply the full list, so the form
// starts hidden and is shown here. CSP-safe: no inline code, no HTML strings;
// only `hidden`, `checked` and textContent change.
(function () {
  "use strict";

  var form = document.querySelector("[data-finder-form]");
  var list = document.querySelector("[data-finder-list]");
  if (!form || !list) return;
  var status = document.querySelector("[data-finder-status]");
  var none = document.querySelector("[data-finder-none]");
  var template = (status && status.getAttribute("data-template")) || "{shown} / {total}";
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (fieldset) {
    return fieldset.getAttribute("data-facet");
  });

  // Each policy with its values per facet, read once from its data- attributes.
  var items = Array.prototype.map.call(list.children, function (el) {
    var values = {};
    facets.forEach(function (facet) {
      values[facet] = (el.getAttribute("data-" + facet) || "").split(/\s+/).filter(Boolean);
    });
    return { el: el, values: values };
  });

  function selection() {
    var chosen = {};
    facets.forEach(function (facet) { chosen[facet] = []; });
    boxes.forEach(function (box) {
      if (box.checked && chosen[box.name]) chosen[box.name].push(box.value);
    });
    return chosen;
  }

  // Any ticked value within a facet matches; every facet with ticks must match.
  function matches(item, chosen, skip) {
    return facets.every(function (facet) {
      var wanted = chosen[facet];
      if (facet === skip || wanted.length === 0) return true;
      return wanted.some(function (v) { return item.values[facet].indexOf(v) !== -1; });
    });
  }

  function syncUrl(chosen) {
    if (!window.history || !window.history.replaceState) return;
    var params = new URLSearchParams();
    facets.forEach(function (facet) {
      chosen[facet].forEach(function (v) { params.append(facet, v); });
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function update() {
    var chosen = selection();
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, chosen, null);
      item.el.hidden = !ok;
      if (ok) shown += 1;
    });
    // Each option shows how many policies it would match with the other facets as they are.
    boxes.forEach(function (box) {
      var n = 0;
      items.forEach(function (item) {
        if (item.values[box.name].indexOf(box.value) !== -1 && matches(item, chosen, box.name)) n += 1;
      });
      var count = box.parentNode.querySelector("[data-option-count]");
      if (count) count.textContent = String(n);
    });
    if (status) {
      status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(items.length));
    }
    if (none) none.hidden = shown !== 0;
    if (active) {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      active.textContent = (active.getAttribute("data-template") || "{n}").replace("{n}", String(ticked));
      active.hidden = ticked === 0;
    }
    syncUrl(chosen);
  }

  // On a phone the filters fold to one line above the list, so the first policy is on
  // the first screen; "show the results" folds them again after choosing.
  var panel = form.querySelector("[data-finder-panel]");
  var active = form.querySelector("[data-finder-active]");
  var showButton = form.querySelector("[data-finder-show]");
  if (panel && window.matchMedia && !window.matchMedia("(min-width: 860px)").matches) panel.open = false;
  if (panel && showButton) {
    showButton.addEventListener("click", function () {
      panel.open = false;
      var summary = panel.querySelector("summary");
      if (summary) summary.focus();
    });
  }

  // Filters in the address (?level=provincial&incentive=tax) are ticked on load.
  var params = new URLSearchParams(window.location.search);
  boxes.forEach(function (box) {
    if (params.getAll(box.name).indexOf(box.value) !== -1) box.checked = true;
  });
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  update();
})();
