/*
 * qiao search: gzip decompression in plain JavaScript (RFC 1951 inflate, after the
 * classic "tinf"), for browsers without DecompressionStream (Safari before 16.4).
 * Why a file of its own: the search page loads it only when DecompressionStream is
 * missing (search.js), so other browsers never download it; search-core.js's
 * `unpack` uses it when it is there (`QiaoInflate`). No eval: safe under
 * `script-src 'self'`. tests/js/search.test.js holds it to node's zlib on every file
 * of the fixture index.
 */
(function (root) {
  "use strict";

  function Tree() {
    this.counts = new Uint16Array(16);
    this.symbols = new Uint16Array(288);
  }

  function buildTree(tree, lengths, off, n) {
    var offs = new Uint16Array(16);
    var i;
    tree.counts.fill(0);
    for (i = 0; i < n; i++) tree.counts[lengths[off + i]]++;
    tree.counts[0] = 0;
    for (var sum = 0, j = 0; j < 16; j++) {
      offs[j] = sum;
      sum += tree.counts[j];
    }
    for (i = 0; i < n; i++) if (lengths[off + i]) tree.symbols[offs[lengths[off + i]]++] = i;
  }

  function bitsBase(delta, first) {
    var bits = new Uint8Array(30);
    var base = new Uint16Array(30);
    for (var i = 0; i < 30 - delta; i++) bits[i + delta] = (i / delta) | 0;
    for (var sum = first, k = 0; k < 30; k++) {
      base[k] = sum;
      sum += 1 << bits[k];
    }
    return { bits: bits, base: base };
  }

  var LEN = bitsBase(4, 3);
  LEN.bits[28] = 0;
  LEN.base[28] = 258;
  var DIST = bitsBase(2, 1);
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  var FIXED_LIT = new Tree();
  var FIXED_DIST = new Tree();
  (function () {
    var l = new Uint8Array(288);
    l.fill(8, 0, 144);
    l.fill(9, 144, 256);
    l.fill(7, 256, 280);
    l.fill(8, 280, 288);
    buildTree(FIXED_LIT, l, 0, 288);
    buildTree(FIXED_DIST, new Uint8Array(30).fill(5), 0, 30);
  })();

  /** The bytes inside a gzip stream (a Uint8Array); throws on a damaged one. */
  function gunzip(src) {
    if (src.length < 18 || src[0] !== 0x1f || src[1] !== 0x8b || src[2] !== 8) throw new Error("not gzip");
    var flags = src[3];
    var pos = 10;
    if (flags & 4) pos += 2 + (src[pos] | (src[pos + 1] << 8));
    if (flags & 8) while (src[pos++]);
    if (flags & 16) while (src[pos++]);
    if (flags & 2) pos += 2;
    var bitbuf = 0;
    var bitcnt = 0;
    var out = new Uint8Array(Math.max(1024, src.length * 4));
    var n = 0;

    function bit() {
      if (!bitcnt) {
        if (pos >= src.length) throw new Error("damaged gzip");
        bitbuf = src[pos++];
        bitcnt = 8;
      }
      var b = bitbuf & 1;
      bitbuf >>>= 1;
      bitcnt--;
      return b;
    }
    function bits(k) {
      var v = 0;
      for (var i = 0; i < k; i++) v |= bit() << i;
      return v;
    }
    function symbol(tree) {
      var sum = 0;
      var cur = 0;
      var len = 0;
      do {
        cur = 2 * cur + bit();
        if (++len > 15) throw new Error("damaged gzip");
        sum += tree.counts[len];
        cur -= tree.counts[len];
      } while (cur >= 0);
      return tree.symbols[sum + cur];
    }
    function room(k) {
      if (n + k <= out.length) return;
      var bigger = new Uint8Array(Math.max(out.length * 2, n + k));
      bigger.set(out.subarray(0, n));
      out = bigger;
    }

    var lit = new Tree();
    var dist = new Tree();
    var lengths = new Uint8Array(320);
    var last;
    do {
      last = bit();
      var type = bits(2);
      if (type === 0) {
        bitcnt = 0;
        var len = src[pos] | (src[pos + 1] << 8);
        pos += 4;
        if (pos + len > src.length) throw new Error("damaged gzip");
        room(len);
        out.set(src.subarray(pos, pos + len), n);
        n += len;
        pos += len;
        continue;
      }
      var lt = FIXED_LIT;
      var dt = FIXED_DIST;
      if (type === 2) {
        var hlit = bits(5) + 257;
        var hdist = bits(5) + 1;
        var hclen = bits(4) + 4;
        lengths.fill(0);
        for (var i = 0; i < hclen; i++) lengths[ORDER[i]] = bits(3);
        buildTree(lit, lengths, 0, 19);
        for (var k = 0; k < hlit + hdist; ) {
          var s = symbol(lit);
          if (s < 16) lengths[k++] = s;
          else {
            var prev = s === 16 ? lengths[k - 1] : 0;
            var times = s === 16 ? 3 + bits(2) : s === 17 ? 3 + bits(3) : 11 + bits(7);
            if (k + times > hlit + hdist) throw new Error("damaged gzip");
            while (times--) lengths[k++] = prev;
          }
        }
        buildTree(lit, lengths, 0, hlit);
        buildTree(dist, lengths, hlit, hdist);
        lt = lit;
        dt = dist;
      } else if (type !== 1) throw new Error("damaged gzip");
      for (;;) {
        var sym = symbol(lt);
        if (sym === 256) break;
        if (sym < 256) {
          room(1);
          out[n++] = sym;
          continue;
        }
        sym -= 257;
        if (sym > 28) throw new Error("damaged gzip");
        var length = LEN.base[sym] + bits(LEN.bits[sym]);
        var d = symbol(dt);
        if (d > 29) throw new Error("damaged gzip");
        var from = n - (DIST.base[d] + bits(DIST.bits[d]));
        if (from < 0) throw new Error("damaged gzip");
        room(length);
        for (var j = 0; j < length; j++) out[n++] = out[from + j];
      }
    } while (!last);
    // The trailer's size (mod 2^32) must match what came out.
    var p = src.length - 4;
    if (((src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24)) >>> 0) !== n >>> 0) {
      throw new Error("damaged gzip");
    }
    return out.subarray(0, n);
  }

  if (typeof module !== "undefined" && module.exports) module.exports = { gunzip: gunzip };
  else root.QiaoInflate = { gunzip: gunzip };
})(typeof self !== "undefined" ? self : this);
