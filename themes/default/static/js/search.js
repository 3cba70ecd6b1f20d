/* maki search: queries the static index under suche/index/ (built by
   internal/search). No dependencies, no eval, no innerHTML with data.
   The ranking below is the same algorithm as internal/search/query.go;
   internal/search/browser_test.go runs both over the same files. */
(function () {
  "use strict";

  var F_EXACT = 10, F_SUFFIX = 9, F_PREFIX = 7, F_TYPO = 6, MAX_EXP = 10, MAX_PHRASE = 5;
  // Inflection endings beyond a known word ("Chatbots" → chatbot), as query.go.
  var ENDINGS = ["e", "n", "s", "en", "er", "es", "em", "ern", "ens", "ed", "ing"];
  var FACETS = ["status", "level", "state", "topic", "risk_class"];

  // fold is bleve's German normalisation: ä→a, ö→o, ü→u, ß→ss, and an e
  // after a, o or u (u not after a vowel) dropped, so ae/oe/ue match ä/ö/ü.
  function fold(s) {
    var out = "", st = 0; // 0 normal, 1 no umlaut next, 2 umlaut state
    for (var c of s) {
      switch (c) {
        case "a": case "o": out += c; st = 2; break;
        case "u": out += c; st = st === 0 ? 2 : 1; break;
        case "e": if (st !== 2) out += c; st = 1; break;
        case "i": case "q": case "y": out += c; st = 1; break;
        case "ä": out += "a"; st = 1; break;
        case "ö": out += "o"; st = 1; break;
        case "ü": out += "u"; st = 1; break;
        case "ß": out += "ss"; st = 0; break;
        default: out += c; st = 0;
      }
    }
    return out;
  }

  var WORD = /[\p{L}\p{Nd}\p{Mn}]+/gu;

  // Sets and maps keyed by data are Set and Map, never plain objects:
  // words like "constructor" are properties of every object.
  var own = Object.prototype.hasOwnProperty;

  // words: lower case, runs of letters and digits, ≥ 2 characters, folded, once each.
  function words(q) {
    var out = [], seen = new Set();
    (q.toLowerCase().match(WORD) || []).forEach(function (w) {
      if (Array.from(w).length < 2) return;
      var k = fold(w);
      if (!seen.has(k)) { seen.add(k); out.push(k); }
    });
    return out;
  }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function shardOf(dict, k) {
    var lo = 0, hi = dict.length; // first index with dict[i] >= k
    while (lo < hi) { var m = (lo + hi) >> 1; if (dict[m] < k) lo = m + 1; else hi = m; }
    if (lo < dict.length && dict[lo] === k) return lo;
    return lo > 0 ? lo - 1 : 0;
  }

  function starts(s, p) { return s.slice(0, p.length) === p; }

  function oneEdit(a, b) {
    if (a.length > b.length) { var t = a; a = b; b = t; }
    if (b.length - a.length > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i < 3) return false;
    function tail(x, n) { return x.slice(n).join(""); }
    if (a.length === b.length) {
      if (i === a.length) return false;
      if (tail(a, i + 1) === tail(b, i + 1)) return true;
      return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && tail(a, i + 2) === tail(b, i + 2);
    }
    return tail(a, i) === tail(b, i + 1);
  }

  function uvarint(b, i) {
    var v = 0, mul = 1, n = 0;
    while (i + n < b.length && n < 10) {
      var c = b[i + n++];
      v += (c & 127) * mul; mul *= 128;
      if (c < 128) break;
    }
    return [v, n];
  }

  // readSet decodes a doc set: [docs, bytes read].
  function readSet(b) {
    if (!b.length) return [new Uint32Array(0), 0];
    var r = uvarint(b, 1), i = 1 + r[1], c = 0, docs;
    if (b[0] === 1) {
      var end = Math.min(i + r[0], b.length);
      docs = new Uint32Array(Math.max(0, end - i) * 8);
      for (var j = i; j < end; j++) {
        var x = b[j];
        if (x) for (var bit = 0; bit < 8; bit++) if (x & (1 << bit)) docs[c++] = (j - i) * 8 + bit;
      }
      return [docs.subarray(0, c), end];
    }
    var count = Math.min(r[0], b.length), prev = 0;
    docs = new Uint32Array(count);
    for (; c < count && i < b.length; c++) {
      var d = uvarint(b, i); i += d[1];
      prev = c > 0 ? prev + d[0] : d[0];
      docs[c] = prev;
    }
    return [docs.subarray(0, c), i];
  }

  // Engine answers queries; get(path, binary) resolves to parsed JSON or a Uint8Array.
  function Engine(get) { this.get = get; this.cache = new Map(); }

  Engine.prototype.load = function (path, binary) {
    var c = this.cache;
    if (!c.has(path)) c.set(path, Promise.resolve(this.get(path, binary)).catch(function (e) { c.delete(path); throw e; }));
    return c.get(path);
  };

  Engine.prototype.meta = function () { return this.load("meta.json"); };

  Engine.prototype.shard = function (i) {
    return this.load("d/" + i + ".json").then(function (s) {
      if (!s.refs) {
        s.refs = s.t.map(function (t) { return { stem: t[0], df: t[1], idf: t[2], pack: t[3], off: t[4], len: t[5], id: t[3] + ":" + t[4] }; });
        // Per key: its terms, whether it is a stop word, how it is written.
        s.keys = []; s.terms = []; s.stop = []; s.display = [];
        s.k.forEach(function (k) {
          var ts = [], stop = k.length === 1, disp = "";
          for (var i = 1; i < k.length; i++) {
            var x = k[i];
            if (typeof x === "string") disp = x;
            else if (x === -1) stop = true;
            else if (x >= 0 && x < s.refs.length) ts.push(s.refs[x]);
          }
          s.keys.push(k[0]); s.terms.push(ts); s.stop.push(stop || !ts.length); s.display.push(disp);
        });
      }
      return s;
    });
  };

  Engine.prototype.postings = function (ref) {
    return this.load("p/" + ref.pack + ".bin", true).then(function (p) {
      if (ref.off < 0 || ref.off + ref.len > p.length) return [[], []];
      var b = p.subarray(ref.off, ref.off + ref.len), r = readSet(b), imps = b.subarray(r[1]);
      return [r[0].subarray(0, imps.length), imps];
    });
  };

  Engine.prototype.facet = function (f, v) {
    return this.load("f/" + f + "/" + v.toLowerCase() + ".bin", true).then(function (b) { return readSet(b)[0]; });
  };

  // matchWord resolves a folded word to {ms: [{ref, factor}], stop, fix}, as query.go.
  Engine.prototype.matchWord = async function (w, live) {
    var m = await this.meta(), ms = [], stop = false, fix = "";
    if (!m.dict.length) return { ms: ms, stop: false, fix: fix };
    function add(ts, factor) {
      ts.forEach(function (t) {
        for (var i = 0; i < ms.length; i++) if (ms[i].ref.id === t.id) { if (factor > ms[i].factor) ms[i].factor = factor; return; }
        ms.push({ ref: t, factor: factor });
      });
    }
    var si = shardOf(m.dict, w), s = await this.shard(si), exact = -1;
    var ki = s.keys.indexOf(w);
    if (ki >= 0) exact = ki;
    var rw = Array.from(w);
    if (exact >= 0) {
      add(s.terms[exact], F_EXACT);
      stop = s.stop[exact];
      if (!live) return { ms: ms, stop: stop, fix: fix };
    }
    var p = rw.length > 3 ? rw.slice(0, 3).join("") : w;
    var lo = shardOf(m.dict, p), hi = lo;
    while (hi + 1 < m.dict.length && starts(m.dict[hi + 1], p)) hi++;
    lo = Math.max(lo, si - 1); hi = Math.min(hi, si + 2);
    var prefix = [], typo = [], suffix = null;
    for (var i = lo; i <= hi; i++) {
      var sh = await this.shard(i);
      for (var j = 0; j < sh.keys.length; j++) {
        var k = sh.keys[j];
        if (!sh.terms[j].length || k === w || !starts(k, p)) continue;
        var c = { key: k, display: sh.display[j], terms: sh.terms[j], maxDF: 0 };
        c.terms.forEach(function (t) { c.maxDF = Math.max(c.maxDF, t.df); });
        var rk = Array.from(k).length;
        if (starts(k, w)) prefix.push(c);
        else if (exact >= 0) continue;
        else if (starts(w, k) && rk >= 4 && ENDINGS.indexOf(w.slice(k.length)) >= 0) { if (!suffix || k.length > suffix.key.length) suffix = c; }
        else if (rw.length >= 6 && rk >= 5 && oneEdit(rw, Array.from(k))) typo.push(c);
      }
    }
    best(prefix).forEach(function (c) { add(c.terms, F_PREFIX); });
    if (suffix) add(suffix.terms, F_SUFFIX);
    typo = best(typo);
    typo.forEach(function (c) { add(c.terms, F_TYPO); });
    if (exact < 0 && !suffix && !prefix.length && typo.length) fix = typo[0].display || typo[0].key;
    return { ms: ms, stop: stop, fix: fix };
  };

  // joinPhrases joins neighbouring words that spell a synonym phrase.
  function joinPhrases(ws, phr) {
    if (!phr || !phr.length) return ws;
    var set = new Set(phr), out = [];
    for (var i = 0; i < ws.length;) {
      var n = 1;
      for (var j = Math.min(ws.length, i + MAX_PHRASE); j > i + 1; j--) if (set.has(ws.slice(i, j).join(" "))) { n = j - i; break; }
      out.push(ws.slice(i, i + n).join(" "));
      i += n;
    }
    return out;
  }

  function best(cs) {
    cs.sort(function (a, b) { return (b.maxDF - a.maxDF) || cmp(a.key, b.key); });
    return cs.slice(0, MAX_EXP);
  }

  // query, as query.go: words that are not stop words are required, stop
  // words only score; systems matching more words exactly or stemmed come
  // first, then higher scores, then lower doc numbers; with no system
  // matching every required word, those matching the most (partial).
  // Returns {docs, scores, stems, partial, matched, words, fixes}.
  Engine.prototype.query = async function (ws, filter, live) {
    var m = await this.meta(), qs = [], stems = [], fixes = new Map(), req = 0, self = this;
    ws = joinPhrases(ws, m.phr);
    for (var i = 0; i < ws.length; i++) {
      var r = await this.matchWord(ws[i], live && i === ws.length - 1);
      if (r.fix) fixes.set(ws[i], r.fix);
      qs.push({ ms: r.ms, req: !r.stop });
      if (!r.stop) req++;
      r.ms.forEach(function (x) { stems.push(x.ref.stem); });
    }
    if (!req) qs.forEach(function (q) { if (q.ms.length) { q.req = true; req++; } });
    var res = { docs: [], scores: [], stems: stems, partial: false, matched: 0, words: req, fixes: fixes };
    var allow = null;
    for (var f = 0; f < FACETS.length; f++) {
      var name = FACETS[f], vals = filter[name] || [];
      if (!vals.length) continue;
      var inn = new Uint8Array(m.n);
      for (var v = 0; v < vals.length; v++) {
        if (!own.call(m.facets, name) || !own.call(m.facets[name], vals[v])) continue;
        (await this.facet(name, vals[v])).forEach(function (d) { if (d < m.n) inn[d] = 1; });
      }
      if (!allow) allow = inn; else for (var d = 0; d < allow.length; d++) allow[d] = allow[d] && inn[d];
    }
    var n = m.n;
    if (!req) {
      if (allow) allow.forEach(function (ok, d) { if (ok) { res.docs.push(d); res.scores.push(0); } });
      return res;
    }
    // Dense arrays over all systems, as in query.go.
    var sum = new Float64Array(n), cnt = new Uint16Array(n), strong = new Uint16Array(n), bestOf = new Float64Array(n);
    var isStrong = new Uint8Array(n), seen = new Uint8Array(n), touched = new Uint32Array(n), all = [], tc;
    for (var w = 0; w < qs.length; w++) {
      tc = 0;
      var lists = await Promise.all(qs[w].ms.map(function (tm) { return self.postings(tm.ref); }));
      for (var t = 0; t < lists.length; t++) {
        var ds = lists[t][0], imps = lists[t][1], fac = qs[w].ms[t].factor, mul = fac * qs[w].ms[t].ref.idf;
        for (var j = 0; j < ds.length; j++) {
          d = ds[j];
          var c = mul * imps[j];
          if (d >= n) continue;
          if (bestOf[d] === 0) touched[tc++] = d;
          if (c > bestOf[d]) bestOf[d] = c;
          if (fac >= F_SUFFIX) isStrong[d] = 1;
        }
      }
      for (j = 0; j < tc; j++) {
        d = touched[j];
        sum[d] += bestOf[d];
        if (qs[w].req) { cnt[d]++; if (isStrong[d]) strong[d]++; }
        if (!seen[d]) { seen[d] = 1; all.push(d); }
        bestOf[d] = 0; isStrong[d] = 0;
      }
    }
    var top = 0;
    all.forEach(function (d) { if ((!allow || allow[d]) && cnt[d] > top) top = cnt[d]; });
    if (!top) return res;
    res.matched = top; res.partial = top < req;
    // Sort by strong matches, score, doc: one number per system within
    // each count of strong matches (scores < 2^32, docs < 2^20), else a comparator.
    var groups = [], hi = 0;
    all.forEach(function (d) {
      if (cnt[d] !== top || (allow && !allow[d])) return;
      (groups[strong[d]] = groups[strong[d]] || []).push(d);
      if (sum[d] > hi) hi = sum[d];
    });
    for (var g = groups.length - 1; g >= 0; g--) {
      var keys = groups[g];
      if (!keys) continue;
      if (n < 1048576 && hi < 4294967296) {
        var k = new Float64Array(keys.length);
        for (j = 0; j < keys.length; j++) k[j] = sum[keys[j]] * 1048576 + (1048575 - keys[j]);
        k.sort();
        for (j = k.length - 1; j >= 0; j--) res.docs.push(1048575 - (k[j] % 1048576));
      } else {
        keys.sort(function (a, b) { return (sum[b] - sum[a]) || a - b; }).forEach(function (d) { res.docs.push(d); });
      }
    }
    res.scores = res.docs.map(function (d) { return sum[d]; });
    return res;
  };

  // suggest: q with each word whose folded form has a fix replaced by it.
  function suggest(q, fixes) {
    return q.replace(new RegExp(WORD.source, "gu"), function (x) {
      var f = fixes.get(fold(x.toLowerCase()));
      return f === undefined ? x : f;
    }).trim();
  }

  Engine.prototype.summary = async function (lang, d) {
    var m = await this.meta(), rows = await this.load(lang + "/" + Math.floor(d / m.chunk) + ".json");
    return rows[d % m.chunk];
  };

  if (typeof module === "object" && module.exports) module.exports = { Engine: Engine, words: words, fold: fold, suggest: suggest };
  if (typeof document === "undefined") return;

  /* ---- page ---- */

  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var lang = document.documentElement.lang === "en" ? "en" : "de";
  var script = document.currentScript;
  var here = script ? script.src : location.href;
  // The page says where the index and the site root are (data-index,
  // data-root); failing that, both are found from the script's own URL,
  // which is <root>/assets/js/search.<hash>.js.
  var indexURL = new URL(form.dataset.index || "../../suche/index/", form.dataset.index ? location.href : here);
  var rootURL = new URL(form.dataset.root || "../../", form.dataset.root ? location.href : here);
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById(form.dataset.status);
  var list = document.getElementById(form.dataset.results);
  var more = document.getElementById(form.dataset.more);
  var hint = document.getElementById(form.dataset.suggest);
  var PAGE = 10, version = "", run = 0, shown = 0, current = null, timer = 0;

  var engine = new Engine(function (path, binary) {
    var url = new URL(path + (version ? "?v=" + version : ""), indexURL);
    return fetch(url, path === "meta.json" ? { cache: "no-cache" } : {}).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return binary ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : r.json();
    }).then(function (x) { if (path === "meta.json") version = x.v; return x; });
  });

  // msg fills a message's {n}, {q}, {f}, {m}, {k} (a function, so that "$&" in a query stays as typed).
  function msg(key, v) {
    return (form.dataset[key] || "").replace(/\{([nqfmk])\}/g, function (x, k) { return typeof v === "object" ? String(v[k]) : String(v); });
  }

  // filterText names the active filters: "Status: im Einsatz, Pilot; Ebene: Land".
  function filterText(f) {
    return FACETS.filter(function (name) { return f[name].length; }).map(function (name) {
      var x = form.querySelector("input[name=" + name + "]"), fs = x && x.closest("fieldset"), lg = fs && fs.querySelector("legend");
      return (lg ? lg.textContent.trim() + ": " : "") + f[name].map(function (v) { return labelOf(name, v); }).join(", ");
    }).join("; ");
  }

  // statusText says what is shown and why, and changes with every change
  // of the query, the filters or the number shown (screen readers
  // announce only changes): "22 KI-Systeme gefunden für „chatbot“,
  // gefiltert nach Status: im Einsatz; 20 angezeigt."
  function statusText(r, q, f) {
    var n = r.docs.length, ft = filterText(f);
    var t = n === 0 ? msg("msgNone", 0) : n === 1 ? msg("msgOne", 1) : msg("msgCount", n.toLocaleString(lang));
    if (q) t += " " + msg("msgFor", { q: q });
    if (ft) t += ", " + msg("msgFiltered", { f: ft });
    if (shown < n) t += "; " + msg("msgShown", shown.toLocaleString(lang));
    t += ".";
    if (r.partial) t = msg("msgPartial", { m: r.matched, k: r.words }) + " " + t;
    if (n === 0) t += " " + msg("msgNoneHint", "");
    return t;
  }

  // showSuggest offers the query with its typos corrected, as a link.
  function showSuggest(r) {
    if (!hint) return;
    hint.textContent = "";
    hint.hidden = !r.fixes.size;
    if (!r.fixes.size) return;
    var q = suggest(input.value, r.fixes), u = new URL(location.href), p = new URLSearchParams(location.search);
    p.set("q", q); u.search = p.toString();
    var parts = (form.dataset.msgSuggest || "").split("{q}"), a = el("a");
    a.href = u.href; a.textContent = q;
    a.addEventListener("click", function (e) { e.preventDefault(); input.value = q; toURL(true); search(false); input.focus(); });
    hint.appendChild(document.createTextNode(parts[0] || ""));
    hint.appendChild(a);
    hint.appendChild(document.createTextNode(parts.slice(1).join("")));
  }

  function filterFromForm() {
    var f = {};
    FACETS.forEach(function (name) {
      f[name] = Array.from(form.querySelectorAll("input[name=" + name + "]:checked")).map(function (x) { return x.value; });
    });
    return f;
  }

  function toURL(push) {
    var u = new URL(location.href), p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    var f = filterFromForm();
    FACETS.forEach(function (name) { f[name].forEach(function (v) { p.append(name, v); }); });
    u.search = p.toString();
    if (u.href !== location.href) history[push ? "pushState" : "replaceState"](null, "", u);
  }

  function fromURL() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    FACETS.forEach(function (name) {
      var vals = p.getAll(name);
      form.querySelectorAll("input[name=" + name + "]").forEach(function (x) { x.checked = vals.indexOf(x.value) >= 0; });
    });
  }

  function labelOf(name, value) {
    var x = form.querySelector("input[name=" + name + "][value='" + CSS.escape(value) + "']");
    var l = x && x.labels && x.labels[0];
    l = l && (l.querySelector(".facet-label") || l);
    return l ? l.textContent.trim() : value;
  }

  // highlight appends text to el with the words matching a stem in <mark>.
  function highlight(el, text, stems) {
    var last = 0, re = new RegExp(WORD.source, "gu"), m;
    while ((m = re.exec(text))) {
      var k = fold(m[0].toLowerCase()), hit = stems.some(function (s) {
        // long stems also inside compounds; short ones ("ki") only as the word itself
        return s.length >= 4 ? k.indexOf(s) >= 0 : k.slice(0, s.length) === s && k.length - s.length <= 2;
      });
      if (!hit) continue;
      el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  function other() { return lang === "en" ? "de" : "en"; }

  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }

  // item builds a result like the theme's system cards.
  function item(row, stems) {
    var li = el("li", "system-card"), h = el("h2", "system-card__title"), a = el("a");
    a.href = new URL((lang === "en" ? "en/" : "") + "systeme/" + encodeURIComponent(row[0]) + "/", rootURL).pathname;
    highlight(a, row[1], stems);
    if (row[5] & 1) a.lang = other();
    h.appendChild(a);
    var meta = el("p", "system-card__meta"), org = el("span"), badge = el("span", "badge badge--status-" + row[3]);
    org.textContent = row[2];
    if (row[5] & 2) org.lang = other();
    badge.textContent = (form.dataset.labelStatus ? form.dataset.labelStatus + ": " : "") + labelOf("status", row[3]);
    meta.appendChild(org); meta.appendChild(document.createTextNode(" ")); meta.appendChild(badge);
    if (row[6]) {
      var risk = el("span", "badge badge--risk-" + row[6]);
      risk.textContent = (form.dataset.labelRisk ? form.dataset.labelRisk + ": " : "") + labelOf("risk_class", row[6]);
      meta.appendChild(document.createTextNode(" ")); meta.appendChild(risk);
    }
    var p = el("p", "system-card__summary");
    highlight(p, row[4], stems);
    if (row[5] & 4) p.lang = other();
    li.appendChild(h); li.appendChild(meta); li.appendChild(p);
    return li;
  }

  async function showMore(mine) {
    var r = current, end = Math.min(shown + PAGE, r.docs.length);
    var rows = await Promise.all(r.docs.slice(shown, end).map(function (d) { return engine.summary(lang, d); }));
    if (mine !== run) return;
    var frag = document.createDocumentFragment();
    rows.forEach(function (row) { if (row) frag.appendChild(item(row, r.stems)); });
    list.appendChild(frag);
    shown = end;
    if (more) more.hidden = shown >= r.docs.length;
    status.textContent = statusText(r, input.value.trim(), filterFromForm());
  }

  async function search(live) {
    var mine = ++run, ws = words(input.value), f = filterFromForm();
    var any = ws.length || FACETS.some(function (n) { return f[n].length; });
    if (!any) {
      list.textContent = ""; status.textContent = ""; if (more) more.hidden = true; if (hint) hint.hidden = true;
      return;
    }
    try {
      var r = await engine.query(ws, f, live);
      if (mine !== run) return;
      current = r; shown = 0;
      list.textContent = "";
      await showMore(mine);
      if (mine !== run) return;
      showSuggest(r);
    } catch (e) {
      if (mine === run) status.textContent = msg("msgError", "");
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    toURL(true);
    search(false);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { toURL(false); search(true); }, 150);
  });
  form.addEventListener("change", function (e) {
    if (e.target === input) return;
    toURL(true);
    search(false);
  });
  if (more) more.addEventListener("click", function () {
    var first = list.children.length;
    showMore(run).then(function () {
      var a = list.children[first] && list.children[first].querySelector("a");
      if (a) a.focus();
    });
  });
  window.addEventListener("popstate", function () { fromURL(); search(false); });
  form.hidden = false;
  var nojs = document.getElementById(form.dataset.nojs);
  if (nojs) nojs.hidden = true;
  fromURL();
  var details = form.querySelector("details");
  if (details && form.querySelector("input[type=checkbox]:checked")) details.open = true;
  search(false);
})();
