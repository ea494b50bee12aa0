/*
 * qiao search core: the tokenizer, the index reader and the ranking, line for line the
 * twins of src/search/{tokenize,codec,query}.rs. Why a separate file: the same code runs
 * in the browser (loaded before search.js, exposes `window.QiaoSearch`) and in node
 * (tests/js/, `require`), and the shared vectors in tests/search_vectors/ hold both
 * implementations to the same tokens and the same ranked results.
 *
 * No eval, no WebAssembly, no DOM: safe under `script-src 'self'`.
 */
(function (root) {
  "use strict";

  // ---- Tokenizer (src/search/tokenize.rs) --------------------------------------

  var MAX_WORD_CHARS = 40;
  var IGNORED = /[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;
  var CJK = /^[\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\u{20000}-\u{3ffff}]$/u;
  var WORD = /^[\p{Alphabetic}\p{N}\p{M}]$/u;
  // How many distinct characters the per-character memos below keep.
  var MEMO_CHARS = 20000;

  /** NFKD, drop diacritics and invisibles, lowercase (final sigma and ß folded), NFC. */
  function normalize(text) {
    return text
      .normalize("NFKD")
      .replace(IGNORED, "")
      .toLowerCase()
      .replace(/\u03c2/g, "\u03c3")
      .replace(/\u00df/g, "ss")
      .normalize("NFC");
  }

  function isCjk(ch) {
    return CJK.test(ch);
  }

  var SEP = 0;
  var WORDC = 1;
  var CJKC = 2;

  // Classes of the non-ASCII characters seen so far: highlighting classifies every
  // character of every result, and the Unicode-property tests are the slow part.
  var classes = new Map();

  function classOf(ch) {
    var c = ch.codePointAt(0);
    if (c < 128) {
      return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? WORDC : SEP;
    }
    var cls = classes.get(ch);
    if (cls === undefined) {
      cls = CJK.test(ch) ? CJKC : WORD.test(ch) ? WORDC : SEP;
      if (classes.size < MEMO_CHARS) classes.set(ch, cls);
    }
    return cls;
  }

  // normalize() of single characters, as highlighting needs them (see matchRanges).
  var normalized = new Map();

  function normalizeChar(ch) {
    var n = normalized.get(ch);
    if (n === undefined) {
      n = Array.from(normalize(ch));
      if (normalized.size < MEMO_CHARS) normalized.set(ch, n);
    }
    return n;
  }

  /**
   * Tokens of already normalized text: [{text, kind, runLen, start, end}], where kind is
   * "word", "bigram" or "unigram", and start/end index the array of code points.
   */
  function tokensOfNormalized(norm) {
    var chars = Array.from(norm);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var cls = classOf(chars[i]);
      if (cls === SEP) {
        i++;
        continue;
      }
      var j = i + 1;
      while (j < chars.length && classOf(chars[j]) === cls) j++;
      if (cls === WORDC) {
        var cut = Math.min(j, i + MAX_WORD_CHARS);
        out.push({ text: chars.slice(i, cut).join(""), kind: "word", runLen: 0, start: i, end: j });
      } else {
        var n = j - i;
        for (var k = i; k < j; k++) {
          if (k + 1 < j) {
            out.push({ text: chars[k] + chars[k + 1], kind: "bigram", runLen: n, start: k, end: k + 2 });
          } else {
            out.push({ text: chars[k], kind: "unigram", runLen: n, start: k, end: k + 1 });
          }
        }
      }
      i = j;
    }
    return out;
  }

  /** The tokens of `text`, in order; a token's index is its position. */
  function tokenize(text) {
    return tokensOfNormalized(normalize(text)).map(function (t) {
      return t.text;
    });
  }

  // ---- Encodings (src/search/codec.rs) -----------------------------------------

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < 64; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  /** Reads VLQs from a string; `next()` throws on damaged input. */
  function VlqReader(s) {
    this.s = s;
    this.at = 0;
  }
  VlqReader.prototype.done = function () {
    return this.at >= this.s.length;
  };
  VlqReader.prototype.next = function () {
    var v = 0;
    var mul = 1;
    for (;;) {
      if (this.at >= this.s.length) throw new Error("damaged search index");
      var dv = DIGIT_VALUE[this.s.charCodeAt(this.at++)];
      if (dv === undefined) throw new Error("damaged search index");
      v += (dv & 31) * mul;
      if (dv < 32) return v;
      mul *= 32;
    }
  };

  function decodeDocList(s) {
    var r = new VlqReader(s);
    var out = [];
    var prevEnd = 0;
    while (!r.done()) {
      var v = r.next();
      var start = prevEnd + Math.floor(v / 2);
      var len = v % 2 === 1 ? r.next() + 2 : 1;
      for (var id = start; id < start + len; id++) out.push(id);
      prevEnd = start + len;
    }
    return out;
  }

  /** The extension of a compressed index file: gzip-compressed JSON (codec.rs). */
  var PACKED = ".jz";

  /**
   * The JSON in an index file's bytes (an ArrayBuffer or a Uint8Array), as a promise:
   * gzip (a `.jz` file) through the built-in DecompressionStream, anything else (the
   * manifest, or a file a host sent with `Content-Encoding: gzip`, which the browser
   * has already decompressed) read as JSON as it is. Without DecompressionStream
   * (Safari before 16.4), gzip goes through search-inflate.js (`QiaoInflate`), which
   * the page then loads first.
   */
  function unpack(bytes) {
    var b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (b.length > 1 && b[0] === 0x1f && b[1] === 0x8b) {
      if (typeof DecompressionStream === "undefined") {
        var inflate = root.QiaoInflate || globalThis.QiaoInflate;
        if (!inflate) return Promise.reject(new Error("no gzip decompression in this browser"));
        return new Promise(function (resolve) {
          resolve(JSON.parse(new TextDecoder().decode(inflate.gunzip(b))));
        });
      }
      return new Response(new Response(b).body.pipeThrough(new DecompressionStream("gzip"))).json();
    }
    return new Promise(function (resolve) {
      resolve(JSON.parse(new TextDecoder().decode(b)));
    });
  }

  /** 32-bit FNV-1a over code points. */
  function fnv1a(s) {
    var h = 0x811c9dc5;
    for (var ch of s) {
      h = Math.imul((h ^ ch.codePointAt(0)) >>> 0, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** A CJK term whole, the first two characters of a word. */
  function shardKey(term) {
    var chars = Array.from(term);
    return isCjk(chars[0] || "") ? term : chars.slice(0, 2).join("");
  }

  // ---- Query planning and ranking (src/search/query.rs) ------------------------

  var MAX_QUERY_TERMS = 32;
  var SCORE_SCALE = 3200;
  var FORMAT_VERSION = 4;

  /** {terms: [{text, pos, prefix}], groups: [[start, end)]} */
  function plan(query) {
    var tokens = tokensOfNormalized(normalize(query));
    var last = tokens.length - 1;
    var terms = [];
    var groups = [];
    var runStart = null;
    for (var i = 0; i < tokens.length; i++) {
      if (terms.length === MAX_QUERY_TERMS) break;
      var t = tokens[i];
      var prefix;
      if (t.kind === "word") {
        prefix = i === last;
      } else if (t.kind === "bigram") {
        if (runStart === null) runStart = terms.length;
        prefix = false;
      } else {
        if (runStart !== null) {
          if (terms.length - runStart >= 2) groups.push([runStart, terms.length]);
          runStart = null;
        }
        if (t.runLen > 1) continue;
        prefix = true;
      }
      terms.push({ text: t.text, pos: i, prefix: prefix });
    }
    if (runStart !== null && terms.length - runStart >= 2) groups.push([runStart, terms.length]);
    return { terms: terms, groups: groups };
  }

  function decodePostings(s, f) {
    var r = new VlqReader(s);
    var doc = 0;
    while (!r.done()) {
      doc += r.next();
      var weight = r.next();
      var npos = r.next();
      var count = Math.floor(npos / 2);
      var positions = new Array(count);
      var p = 0;
      for (var k = 0; k < count; k++) {
        p += r.next();
        positions[k] = p;
      }
      f(doc, weight, positions, npos % 2 === 1);
    }
  }

  function binaryHas(sorted, x) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo] === x;
  }

  /** Whether some x has every term i at x + offsets[i]; truncated lists match anywhere. */
  function aligned(terms, offsets) {
    var anchor = -1;
    for (var i = 0; i < terms.length; i++) {
      if (!terms[i].truncated) {
        anchor = i;
        break;
      }
    }
    if (anchor < 0) return true;
    var ps = terms[anchor].positions;
    for (var k = 0; k < ps.length; k++) {
      var x = ps[k] - offsets[anchor];
      if (x < 0) continue;
      var all = true;
      for (var j = 0; j < terms.length; j++) {
        if (!terms[j].truncated && !binaryHas(terms[j].positions, x + offsets[j])) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }

  /**
   * An index reader over `load(name) -> Promise<parsed JSON>`, where name is relative to
   * `search/` (e.g. "manifest.json", "t/3.jz"; `unpack` turns a file's bytes into its
   * JSON).
   */
  function Index(load) {
    this.load = load;
    this.manifest = null;
    this.shards = new Map();
    this.fragments = new Map();
    this.filters = null;
    // doc -> {u, t}: the heads of their best documents that term shards carry
    // (index.rs, format 4), so a result can show before its fragment arrives.
    this.heads = new Map();
  }

  Index.prototype.open = function () {
    var self = this;
    if (!this.opening) {
      this.opening = Promise.resolve(this.load("manifest.json")).then(function (m) {
        if (!m || m.version !== FORMAT_VERSION) throw new Error("unsupported search index version");
        if (!(m.shards > 0) || !(m.fragmentDocs > 0)) throw new Error("damaged search manifest");
        self.manifest = m;
        return m;
      });
      // A failed load (offline, say) is retried by the next query.
      this.opening.catch(function () {
        self.opening = null;
      });
    }
    return this.opening;
  };

  Index.prototype.shard = function (n) {
    var self = this;
    if (!this.shards.has(n)) {
      var p = Promise.resolve(this.load("t/" + n + PACKED)).then(function (entries) {
        var byTerm = new Map();
        for (var i = 0; i < entries.length; i++) byTerm.set(entries[i][0], entries[i]);
        return { entries: entries, byTerm: byTerm };
      });
      p.catch(function () {
        self.shards.delete(n);
      });
      this.shards.set(n, p);
    }
    return this.shards.get(n);
  };

  /** The documents a term matches: Map doc -> {contribution, positions, truncated}. */
  Index.prototype.termMatches = function (term) {
    var heads = this.heads;
    return this.shard(fnv1a(shardKey(term.text)) % this.manifest.shards).then(function (shard) {
      var cjk = isCjk(Array.from(term.text)[0] || "");
      var out = new Map();
      var expansions = [];
      // A CJK character's term stands for every bigram it starts (the builder's
      // character terms); other bigrams of its shard are there by chance of the hash.
      if (term.prefix && !cjk) {
        for (var i = 0; i < shard.entries.length; i++) {
          if (shard.entries[i][0].startsWith(term.text)) expansions.push(shard.entries[i]);
        }
      } else if (shard.byTerm.has(term.text)) {
        expansions.push(shard.byTerm.get(term.text));
      }
      expansions.forEach(function (e) {
        var exact = e[0] === term.text;
        var mult = exact || cjk ? 2 : 1;
        var idf = e[1];
        (e[3] || []).forEach(function (h) {
          heads.set(h[0], { u: h[1], t: h[2] });
        });
        decodePostings(e[2], function (doc, weight, positions, truncated) {
          var m = out.get(doc);
          var c = mult * idf * weight;
          if (!m) {
            out.set(doc, { contribution: c, positions: positions, truncated: truncated });
            return;
          }
          if (c > m.contribution) m.contribution = c;
          m.truncated = m.truncated || truncated;
          if (m.positions.length === 0) {
            m.positions = positions;
          } else if (positions.length) {
            var merged = m.positions.concat(positions).sort(function (a, b) {
              return a - b;
            });
            m.positions = merged.filter(function (v, k) {
              return k === 0 || v !== merged[k - 1];
            });
          }
        });
      });
      return out;
    });
  };

  /** Every matching document, best first: [{doc, score}]. */
  Index.prototype.rank = function (query) {
    var self = this;
    var p = plan(query);
    if (p.terms.length === 0) return Promise.resolve([]);
    return this.open()
      .then(function () {
        return Promise.all(
          p.terms.map(function (t) {
            return self.termMatches(t);
          })
        );
      })
      .then(function (perTerm) {
        if (perTerm.some(function (m) {
          return m.size === 0;
        })) return [];
        var rarest = 0;
        for (var i = 1; i < perTerm.length; i++) if (perTerm[i].size < perTerm[rarest].size) rarest = i;
        var out = [];
        perTerm[rarest].forEach(function (_, doc) {
          var found = [];
          for (var i = 0; i < perTerm.length; i++) {
            var m = perTerm[i].get(doc);
            if (!m) return;
            found.push(m);
          }
          for (var g = 0; g < p.groups.length; g++) {
            var s = p.groups[g][0];
            var e = p.groups[g][1];
            var offsets = [];
            for (var k = s; k < e; k++) offsets.push(p.terms[k].pos - p.terms[s].pos);
            if (!aligned(found.slice(s, e), offsets)) return;
          }
          var score = 0;
          for (var a = 0; a < found.length; a++) score += found[a].contribution;
          for (var b = 1; b < found.length; b++) {
            var gap = p.terms[b].pos - p.terms[b - 1].pos;
            if (aligned([found[b - 1], found[b]], [0, gap])) {
              score += Math.floor((found[b - 1].contribution + found[b].contribution) / 2);
            }
          }
          out.push({ doc: doc, score: score });
        });
        out.sort(function (x, y) {
          return y.score - x.score || x.doc - y.doc;
        });
        return out;
      });
  };

  /**
   * {u, t} of a document when a term shard read so far carries its head (the
   * fragment has these and more), else null.
   */
  Index.prototype.head = function (doc) {
    return this.heads.get(doc) || null;
  };

  /** {u, t, k, d, s, b} of a document. */
  Index.prototype.fragment = function (doc) {
    var self = this;
    return this.open().then(function (m) {
      var chunk = Math.floor(doc / m.fragmentDocs);
      if (!self.fragments.has(chunk)) {
        var p = Promise.resolve(self.load("f/" + chunk + PACKED));
        p.catch(function () {
          self.fragments.delete(chunk);
        });
        self.fragments.set(chunk, p);
      }
      return self.fragments.get(chunk).then(function (list) {
        var f = list[doc % m.fragmentDocs];
        if (!f) throw new Error("damaged search index");
        return f;
      });
    });
  };

  /** [{name, values: [{value, docs: Set}]}] from filters.jz. */
  Index.prototype.facets = function () {
    var self = this;
    if (!this.filters) {
      this.filters = Promise.resolve(this.load("filters" + PACKED)).then(function (raw) {
        return raw.facets.map(function (f) {
          return {
            name: f.name,
            values: f.values.map(function (v) {
              return { value: v[0], docs: new Set(decodeDocList(v[1])) };
            }),
          };
        });
      });
      this.filters.catch(function () {
        self.filters = null;
      });
    }
    return this.filters;
  };

  /** selected: {facetName: [values]}; returns one Set of allowed docs per active facet. */
  function allowedSets(facets, selected, except) {
    var sets = [];
    Object.keys(selected).forEach(function (name) {
      var values = selected[name];
      if (!values || values.length === 0 || name === except) return;
      // A name that is not a facet (say a stray utm_source URL parameter) filters nothing.
      if (!facets.some(function (f) { return f.name === name; })) return;
      var set = new Set();
      facets.forEach(function (f) {
        if (f.name !== name) return;
        f.values.forEach(function (v) {
          if (values.indexOf(v.value) >= 0) v.docs.forEach(function (d) { set.add(d); });
        });
      });
      sets.push(set);
    });
    return sets;
  }

  function passes(sets, doc) {
    for (var i = 0; i < sets.length; i++) if (!sets[i].has(doc)) return false;
    return true;
  }

  /** The ranked documents that have one selected value of every filtered facet. */
  function applyFilters(ranked, facets, selected) {
    var sets = allowedSets(facets, selected, null);
    return ranked.filter(function (r) {
      return passes(sets, r.doc);
    });
  }

  /** [{name, values: [{value, count}]}]: counts among ranked docs passing the other facets' selections. */
  function facetCounts(ranked, facets, selected) {
    return facets.map(function (f) {
      var sets = allowedSets(facets, selected, f.name);
      var docs = ranked.filter(function (r) {
        return passes(sets, r.doc);
      });
      return {
        name: f.name,
        values: f.values.map(function (v) {
          var n = 0;
          for (var i = 0; i < docs.length; i++) if (v.docs.has(docs[i].doc)) n++;
          return { value: v.value, count: n };
        }),
      };
    });
  }

  // ---- Snippets and highlighting (browser only, display) -----------------------

  /**
   * Ranges [start, end) in UTF-16 units of `text` that match the planned query: words
   * equal to a query word (or starting with the last, prefix word), occurrences of a
   * query's CJK runs, CJK characters equal to a lone query character.
   */
  function matchRanges(text, p) {
    // Normalize code point by code point to keep a map back to the original text.
    var norm = [];
    var offs = [];
    var at = 0;
    for (var ch of text) {
      var n = normalizeChar(ch);
      for (var k = 0; k < n.length; k++) {
        norm.push(n[k]);
        offs.push([at, at + ch.length]);
      }
      at += ch.length;
    }
    // Query words and word prefixes match whole tokens; CJK runs (a group of adjacent
    // bigrams, or one bigram) match where the whole run occurs; a lone CJK character
    // matches that character.
    var words = new Set();
    var wordPrefixes = [];
    var charPrefixes = new Set();
    var runs = [];
    var inGroup = new Set();
    p.groups.forEach(function (g) {
      var run = Array.from(p.terms[g[0]].text);
      for (var k = g[0] + 1; k < g[1]; k++) run.push(Array.from(p.terms[k].text)[1]);
      runs.push(run);
      for (var m = g[0]; m < g[1]; m++) inGroup.add(m);
    });
    p.terms.forEach(function (t, k) {
      var cjk = isCjk(Array.from(t.text)[0]);
      if (cjk && t.prefix) charPrefixes.add(t.text);
      else if (cjk) {
        if (!inGroup.has(k)) runs.push(Array.from(t.text));
      } else if (t.prefix) wordPrefixes.push(t.text);
      else words.add(t.text);
    });
    var ranges = [];
    tokensOfNormalized(norm.join("")).forEach(function (t) {
      if (t.kind === "word") {
        var hit =
          words.has(t.text) ||
          wordPrefixes.some(function (x) {
            return t.text.startsWith(x);
          });
        if (hit) ranges.push([offs[t.start][0], offs[t.end - 1][1]]);
      } else if (charPrefixes.has(Array.from(t.text)[0])) {
        ranges.push([offs[t.start][0], offs[t.start][1]]);
      }
    });
    runs.forEach(function (run) {
      for (var i = 0; i + run.length <= norm.length; i++) {
        var k = 0;
        while (k < run.length && norm[i + k] === run[k]) k++;
        if (k === run.length) ranges.push([offs[i][0], offs[i + run.length - 1][1]]);
      }
    });
    ranges.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /**
   * A window of about `width` UTF-16 units of `text` around its densest matches:
   * {text, ranges (relative to the window), before: bool, after: bool}.
   */
  function snippet(text, p, width) {
    width = width || 140;
    var ranges = matchRanges(text, p);
    if (text.length <= width) return { text: text, ranges: ranges, before: false, after: false };
    var best = 0;
    var bestCount = -1;
    for (var i = 0; i < ranges.length; i++) {
      var count = 0;
      for (var j = i; j < ranges.length && ranges[j][1] <= ranges[i][0] + width; j++) count++;
      if (count > bestCount) {
        bestCount = count;
        best = i;
      }
    }
    var start = ranges.length ? Math.max(0, ranges[best][0] - Math.floor(width / 4)) : 0;
    if (start > 0) {
      // Prefer starting after a space or punctuation near the cut (the full-width
      // comma, full stop, semicolon, enumeration comma and colon written as escapes:
      // the theme's code holds no interface text).
      for (var s = start; s < Math.min(start + 12, text.length); s++) {
        if (/[\s\uFF0C\u3002\uFF1B\u3001,.;:\uFF1A]/.test(text[s])) {
          start = s + 1;
          break;
        }
      }
    }
    var end = Math.min(text.length, start + width);
    if (start > 0 && end === text.length) start = Math.max(0, end - width);
    // Never cut a surrogate pair.
    if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
    if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
    var inside = [];
    ranges.forEach(function (r) {
      var a = Math.max(r[0], start);
      var b = Math.min(r[1], end);
      if (a < b) inside.push([a - start, b - start]);
    });
    return { text: text.slice(start, end), ranges: inside, before: start > 0, after: end < text.length };
  }

  var api = {
    MAX_WORD_CHARS: MAX_WORD_CHARS,
    MAX_QUERY_TERMS: MAX_QUERY_TERMS,
    SCORE_SCALE: SCORE_SCALE,
    normalize: normalize,
    tokenize: tokenize,
    tokensOfNormalized: tokensOfNormalized,
    isCjk: isCjk,
    fnv1a: fnv1a,
    shardKey: shardKey,
    decodeDocList: decodeDocList,
    PACKED: PACKED,
    unpack: unpack,
    plan: plan,
    Index: Index,
    applyFilters: applyFilters,
    facetCounts: facetCounts,
    matchRanges: matchRanges,
    snippet: snippet,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.QiaoSearch = api;
})(typeof self !== "undefined" ? self : this);
