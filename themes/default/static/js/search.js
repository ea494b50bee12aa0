/*
 * qiao search page: the box, the results, the filters and the URL state of /search/.
 * Why it is plain DOM code: the site is static and its CSP is strict (script-src 'self',
 * no inline script, no eval), so there is no build step and no framework. Every piece
 * of content goes in as text (textContent, createTextNode), never as HTML.
 *
 * Why it runs in <head>, in one script with the manifest and the core: the time that
 * matters is from navigation to the first result on the page, and it is short
 * fetches in a row (the script, term shards, then fragments) plus the page's first
 * layout, which holds the main thread for a while (long with Chinese text). So the
 * build writes search/search.js (the index's manifest as window.QiaoSearchManifest,
 * js/search-core.js, then this file) and the page loads it as its one classic script
 * in <head>: the search of `?q=` starts as this file runs, its shard requests are out
 * before the page below is parsed and laid out, and the first page's fragments are
 * requested as soon as the ranking is known. A result whose head (url and title)
 * came with a term shard shows at once, the rest when its fragment arrives: the
 * fragments' round trip was the last step before the first result. The page is
 * wired up when the DOM is ready; results then show one by one as their heads or
 * fragments arrive. The filters' lists
 * are fetched only when the visitor opens them (or the URL sets a filter).
 * docs/search.md has the measurements behind each of these choices.
 *
 * Needs search-core.js (window.QiaoSearch) to have run before; uses
 * window.QiaoSearchManifest when present, else fetches search/manifest.json (a theme
 * that loads js/search-core.js and this file on their own still works). The page
 * markup is themes/default/templates/search.html; the index lives at `data-base` (on
 * this script element) + "search/".
 */
(function () {
  "use strict";

  var PAGE = 10;
  var DEBOUNCE_MS = 150;

  var me = document.currentScript;
  var base = (me && me.getAttribute("data-base")) || "/";
  if (base.charAt(base.length - 1) !== "/") base += "/";
  var indexUrl = base + "search/";

  function noop() {}

  function withCore(start) {
    if (window.QiaoSearch) start(window.QiaoSearch);
  }

  function whenDom(start) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var selected = {};
    params.forEach(function (value, key) {
      if (key === "q" || value === "") return;
      (selected[key] = selected[key] || []).push(value);
    });
    return { q: params.get("q") || "", selected: selected };
  }

  function anySelectedIn(selected) {
    return Object.keys(selected).some(function (k) {
      return selected[k].length > 0;
    });
  }

  withCore(function (core) {
    var version = null;
    var manifestFromCache = false;
    // The manifest at the head of this script (search/search.js): no fetch, so the
    // shards of ?q= are requested while this script runs.
    var given = window.QiaoSearchManifest || null;
    var givenUrl = given && me ? me.src : null;
    // Without DecompressionStream (Safari before 16.4), the index files are
    // decompressed by js/search-inflate.js, loaded only then.
    var inflating = null;
    if (typeof DecompressionStream === "undefined" && !window.QiaoInflate) {
      inflating = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = base + "js/search-inflate.js";
        s.onload = s.onerror = resolve;
        document.head.appendChild(s);
      });
    }
    function unpack(bytes) {
      if (!inflating) return core.unpack(bytes);
      return inflating.then(function () {
        return core.unpack(bytes);
      });
    }
    function load(name) {
      var url = indexUrl + name;
      var init = {};
      if (name === "manifest.json" && given) {
        var m = given;
        given = null;
        return Promise.resolve(m);
      }
      // The manifest names the index version that every other URL carries; a copy
      // that came from the HTTP cache is revalidated below.
      if (name === "manifest.json") {
        init.cache = "no-cache";
        givenUrl = null;
      } else if (version) url += "?v=" + encodeURIComponent(version);
      return fetch(url, init).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.arrayBuffer().then(unpack);
      });
    }
    var search = { index: new core.Index(load) };
    function opened() {
      return search.index.open().then(function (m) {
        if (version === null && givenUrl) {
          // The script may have come from the HTTP cache (a script cannot ask for
          // revalidation): check the manifest once in the background, and start again
          // with a fresh reader if the site has been rebuilt since.
          var href = new URL(givenUrl, window.location.href).href;
          var entry = window.performance && performance.getEntriesByName && performance.getEntriesByName(href)[0];
          manifestFromCache = !entry || entry.transferSize === 0;
        }
        version = m.id;
        return m;
      });
    }

    // Start the search of ?q= now: manifest, shards, ranking and the first page's
    // fragments are on their way while the page is still being parsed and laid out.
    var initial = readUrl();
    var early = null;
    if (core.plan(initial.q).terms.length) {
      document.documentElement.setAttribute("data-qs-pending", "");
      early = {
        q: initial.q,
        ranked: opened().then(function () {
          return search.index.rank(initial.q);
        }),
      };
      early.ranked.then(function (ranked) {
        if (anySelectedIn(initial.selected)) return;
        // Once the page is wired up, a first result whose head came with the shards is
        // shown first and the fragments are requested right after it (ten requests
        // cost the main thread 5-15 ms).
        if (search.wired && ranked.length && search.index.head(ranked[0].doc)) return;
        ranked.slice(0, PAGE).forEach(function (r) {
          search.index.fragment(r.doc).catch(noop);
        });
      }, noop);
    }

    search.opened = opened;
    search.early = early;
    // Whether the manifest was replaced by a newer one (then `index` is new, too).
    search.revalidate = function () {
      if (!manifestFromCache) return Promise.resolve(false);
      manifestFromCache = false;
      return fetch(indexUrl + "manifest.json", { cache: "no-cache" })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (m) {
          if (!m || m.id === version) return false;
          version = null;
          search.index = new core.Index(load);
          return true;
        }, function () {
          return false;
        });
    };
    whenDom(function () {
      search.wired = true;
      wirePage(core, search, initial);
    });
  });

  function wirePage(core, search, initialState) {
    var root = document.getElementById("qiao-search");
    if (!root) return;

    var form = root.querySelector("form");
    var input = document.getElementById("qs-input");
    var statusEl = document.getElementById("qs-status");
    var resultsEl = document.getElementById("qs-results");
    var moreBtn = document.getElementById("qs-more");
    var facetsEl = document.getElementById("qs-facets");
    var filtersBox = document.getElementById("qs-filters");
    // The filters start folded (open when the URL sets one): their lists
    // (filters.jz, a fifth of a query's bytes on a 10,000-document site, more than the
    // term shards) are fetched when the visitor opens them, not on every query.
    filtersBox.open = anySelectedIn(initialState.selected);
    var strings = {};
    try {
      strings = JSON.parse(root.getAttribute("data-i18n") || "{}");
    } catch (e) {
      strings = {};
    }

    function t(key, vars) {
      var s = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
      // One pass, so a query that contains "{n}" stays as typed.
      return s.replace(/\{(\w+)\}/g, function (m, k) {
        return vars && Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
      });
    }

    function label(prefix, value) {
      var key = prefix + "." + value;
      return Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : value;
    }

    // ---- State and URL ----------------------------------------------------------

    var state = initialState;
    var seq = 0;
    var ranked = [];
    var filtered = [];
    var shown = 0;
    var currentPlan = null;
    // The filter lists, once fetched (the panel was opened, or a filter was set).
    var facetsData = null;

    function urlOf(s) {
      var params = new URLSearchParams();
      if (s.q) params.set("q", s.q);
      Object.keys(s.selected)
        .sort()
        .forEach(function (k) {
          s.selected[k].forEach(function (v) {
            params.append(k, v);
          });
        });
      var qs = params.toString();
      return window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
    }

    function writeUrl(push) {
      var url = urlOf(state);
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }

    function anySelected() {
      return anySelectedIn(state.selected);
    }

    // ---- Rendering --------------------------------------------------------------

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    function appendHighlighted(parent, text, ranges) {
      var at = 0;
      ranges.forEach(function (r) {
        if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
        parent.appendChild(el("mark", "", text.slice(r[0], r[1])));
        at = r[1];
      });
      if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    }

    function setStatus(text, busy) {
      statusEl.textContent = text;
      if (busy) root.setAttribute("aria-busy", "true");
      else root.removeAttribute("aria-busy");
    }

    // A result's link: from the document's head (a term shard carries the heads of its
    // best documents) or its fragment; completeResult adds what only the fragment has.
    function renderResult(f) {
      var li = el("li", "qs-result");
      var a = el("a", "qs-result-link");
      // Only site paths and web URLs become links (never javascript: and the like).
      if (/^(\/|https?:)/i.test(f.u)) a.href = f.u;
      a.setAttribute("data-search-result", "");
      var title = el("span", "qs-title");
      appendHighlighted(title, f.t, core.matchRanges(f.t, currentPlan));
      a.appendChild(title);
      li.appendChild(a);
      return li;
    }

    // The kind and date, the snippet and the matched labels, from the fragment.
    function completeResult(li, f) {
      var meta = el("p", "qs-meta");
      if (f.k) meta.appendChild(el("span", "qs-kind", label("kind", f.k)));
      if (f.d) {
        var time = el("time", "qs-date", f.d);
        time.setAttribute("datetime", f.d);
        meta.appendChild(time);
      }
      li.appendChild(meta);
      var source = f.b || f.s || "";
      var snip = core.snippet(source, currentPlan, 160);
      if (snip.ranges.length === 0 && f.s) snip = core.snippet(f.s, currentPlan, 160);
      if (snip.text) {
        var p = el("p", "qs-snippet");
        if (snip.before) p.appendChild(document.createTextNode("…"));
        appendHighlighted(p, snip.text, snip.ranges);
        if (snip.after) p.appendChild(document.createTextNode("…"));
        li.appendChild(p);
      }
      // Labels (doc numbers, partners, expertise) show when the query matched one.
      var labels = (f.l || []).join(" · ");
      var labelRanges = labels ? core.matchRanges(labels, currentPlan) : [];
      if (labelRanges.length) {
        var lp = el("p", "qs-labels");
        appendHighlighted(lp, labels, labelRanges);
        li.appendChild(lp);
      }
    }

    function showMore(token) {
      var page = filtered.slice(shown, shown + PAGE);
      shown += page.length;
      moreBtn.hidden = true;
      // All fragments are requested at once; each result shows as soon as it and the
      // ones ranked above it have arrived: from its head when a term shard brought one
      // (the link and title; kind, date and snippet follow with the fragment), else
      // from its fragment.
      var first = null;
      function show(f) {
        var li = renderResult(f);
        first = first || li;
        resultsEl.appendChild(li);
        return li;
      }
      // A fragment that does not come leaves its result without the snippet.
      function complete(li, p) {
        p.then(function (full) {
          if (token === seq) completeResult(li, full);
        }, noop);
      }
      // The leading results whose heads are here show now, before any fragment is
      // requested.
      var heads = page.map(function (r) {
        return search.index.head(r.doc);
      });
      var lead = [];
      while (lead.length < page.length && heads[lead.length]) lead.push(show(heads[lead.length]));
      var chain = Promise.resolve();
      page.forEach(function (r, i) {
        var p = search.index.fragment(r.doc);
        p.catch(noop);
        if (i < lead.length) return complete(lead[i], p);
        chain = chain
          .then(function () {
            return heads[i] || p;
          })
          .then(function (f) {
            if (token !== seq) return;
            var li = show(f);
            if (f === heads[i]) complete(li, p);
            else completeResult(li, f);
          });
      });
      return chain.then(function () {
        if (token !== seq) return;
        moreBtn.hidden = shown >= filtered.length;
        return first;
      });
    }

    // What had the keyboard focus among the filters before they are built again: the
    // same box gets it back (else the first box of its group, else the filters'
    // summary), so ticking a filter does not drop the focus to <body>.
    function focusedFilter() {
      var a = document.activeElement;
      if (!a || !facetsEl.contains(a)) return null;
      return a.type === "checkbox" ? { name: a.name, value: a.value } : { name: null, value: null };
    }

    function restoreFocus(was) {
      if (!was) return;
      var boxes = Array.prototype.slice.call(facetsEl.querySelectorAll("input[type=checkbox]"));
      var same = boxes.filter(function (b) {
        return b.name === was.name && b.value === was.value;
      })[0];
      var group = boxes.filter(function (b) {
        return b.name === was.name;
      })[0];
      var target = same || group || boxes[0];
      if (target && !filtersBox.hidden) target.focus();
      else if (!filtersBox.hidden) filtersBox.querySelector("summary").focus();
      else input.focus();
    }

    function renderFacets(facets) {
      var was = focusedFilter();
      facetsEl.replaceChildren();
      if (!facets || ranked.length === 0) {
        filtersBox.hidden = true;
        restoreFocus(was);
        return;
      }
      var counts = core.facetCounts(ranked, facets, state.selected);
      var anyShown = false;
      counts.forEach(function (f) {
        var selected = state.selected[f.name] || [];
        var values = f.values
          .filter(function (v) {
            return v.count > 0 || selected.indexOf(v.value) >= 0;
          })
          .sort(function (a, b) {
            return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
          });
        if (values.length === 0) return;
        anyShown = true;
        var fs = el("fieldset", "qs-facet");
        fs.appendChild(el("legend", "", label("facet", f.name)));
        var list = el("ul", "qs-facet-values");
        values.forEach(function (v) {
          var li = el("li");
          var lab = el("label");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.name = f.name;
          box.value = v.value;
          box.checked = selected.indexOf(v.value) >= 0;
          lab.appendChild(box);
          lab.appendChild(el("span", "qs-facet-label", label(f.name, v.value)));
          lab.appendChild(el("span", "qs-count", String(v.count)));
          li.appendChild(lab);
          list.appendChild(li);
        });
        fs.appendChild(list);
        facetsEl.appendChild(fs);
      });
      if (anySelected()) {
        var clear = el("button", "qs-clear", t("clear"));
        clear.type = "button";
        clear.addEventListener("click", function () {
          state.selected = {};
          run(true);
        });
        facetsEl.appendChild(clear);
      }
      filtersBox.hidden = !anyShown;
      restoreFocus(was);
    }

    // The filters of the results of `token`: the lists when they have been fetched or
    // the panel is open (fetching them then), else the folded panel alone.
    function showFacets(token) {
      if (!facetsData && !filtersBox.open) {
        facetsEl.replaceChildren();
        filtersBox.hidden = ranked.length === 0;
        return;
      }
      search.index.facets().then(
        function (f) {
          facetsData = f;
          if (token === seq) renderFacets(f);
        },
        function () {
          // Without filters.jz the results still stand; only the filters are missing.
        }
      );
    }

    filtersBox.addEventListener("toggle", function () {
      if (filtersBox.open && !facetsData && ranked.length) showFacets(seq);
    });

    // The ranking of the page's own ?q=, started before the page was ready.
    function rank(q) {
      var early = search.early;
      search.early = null;
      if (early && early.q === q) return early.ranked;
      return search.opened().then(function () {
        return search.index.rank(q);
      });
    }

    function run(push) {
      var token = ++seq;
      var q = state.q;
      if (push !== null) writeUrl(push);
      currentPlan = core.plan(q);
      if (currentPlan.terms.length === 0) {
        ranked = [];
        filtered = [];
        shown = 0;
        resultsEl.replaceChildren();
        moreBtn.hidden = true;
        renderFacets(null);
        setStatus(q.trim() ? t("none", { q: q.trim() }) : t("empty"), false);
        return Promise.resolve();
      }
      // Say "searching" only when it takes a while (first shard fetch on a slow network),
      // so screen readers are not told twice per keystroke.
      root.setAttribute("aria-busy", "true");
      var slow = setTimeout(function () {
        if (token === seq) setStatus(t("loading"), true);
      }, 400);
      // With filters selected, the filter lists are needed before the results; without,
      // the first page of results shows first and the filters follow.
      var filtering = anySelected();
      return Promise.all([rank(q), filtering ? search.index.facets() : null])
        .then(function (both) {
          if (token !== seq) return;
          ranked = both[0];
          var facets = both[1];
          if (facets) facetsData = facets;
          filtered = facets ? core.applyFilters(ranked, facets, state.selected) : ranked;
          shown = 0;
          resultsEl.replaceChildren();
          if (facets || ranked.length === 0) renderFacets(facets);
          // The count is known with the ranking: it is announced as the first results
          // show (some from their heads at once), not after the last fragment.
          if (filtered.length === 0) {
            setStatus(ranked.length ? t("noneFiltered", { q: q.trim() }) : t("none", { q: q.trim() }), false);
          } else {
            setStatus(t(filtered.length === 1 ? "one" : "results", { q: q.trim(), n: filtered.length }), false);
          }
          return showMore(token).then(function () {
            if (token !== seq) return;
            if (!facets && ranked.length) showFacets(token);
            // A manifest from the HTTP cache is checked once; if the site was rebuilt
            // since, the search runs again against the new index.
            return search.revalidate().then(function (changed) {
              if (changed && token === seq) return run(null);
            });
          });
        })
        .catch(function (err) {
          if (token !== seq) return;
          setStatus(t("error"), false);
          if (window.console) console.error(err);
        })
        .then(function () {
          clearTimeout(slow);
        });
    }

    // ---- Events -----------------------------------------------------------------

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.q = input.value;
        run(false);
      }, DEBOUNCE_MS);
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      run(true);
    });

    facetsEl.addEventListener("change", function (e) {
      var box = e.target;
      if (!box || box.type !== "checkbox") return;
      var list = (state.selected[box.name] || []).filter(function (v) {
        return v !== box.value;
      });
      if (box.checked) list.push(box.value);
      if (list.length) state.selected[box.name] = list;
      else delete state.selected[box.name];
      run(true);
    });

    moreBtn.addEventListener("click", function () {
      showMore(seq).then(function (first) {
        if (first) {
          var link = first.querySelector("a[data-search-result]");
          if (link) link.focus();
        }
        setStatus(t("showing", { shown: Math.min(shown, filtered.length), n: filtered.length }), false);
      });
    });

    function links() {
      return Array.prototype.slice.call(resultsEl.querySelectorAll("a[data-search-result]"));
    }

    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var all = links();
        if (all.length) {
          e.preventDefault();
          all[0].focus();
        }
      }
    });

    resultsEl.addEventListener("keydown", function (e) {
      var all = links();
      var i = all.indexOf(document.activeElement);
      if (i < 0) return;
      var next = null;
      if (e.key === "ArrowDown") next = all[Math.min(i + 1, all.length - 1)];
      else if (e.key === "ArrowUp") next = i === 0 ? input : all[i - 1];
      else if (e.key === "Home") next = all[0];
      else if (e.key === "End") next = all[all.length - 1];
      else if (e.key === "Escape") next = input;
      if (next) {
        e.preventDefault();
        next.focus();
      }
    });

    window.addEventListener("popstate", function () {
      state = readUrl();
      input.value = state.q;
      run(null);
    });

    input.value = state.q;
    run(null).then(function () {
      document.documentElement.removeAttribute("data-qs-pending");
    });
  }
})();
