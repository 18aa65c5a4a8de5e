/* pressroom archive search: results as you type, with no server and no
   build step. The build writes the index beside the page (the element with
   data-search-index names its folder): meta.json says how it is split; a
   query then fetches only the words files of its words' first two letters,
   the postings files of their stems, and the result cards it shows. The
   index is stemmed by the build, and the words files map every form the
   archive uses to its stem, so this file needs no stemmer; it must fold
   words as generator/render/search/words does (lowercase, no accents). */
(function () {
  "use strict";
  var root = document.querySelector("[data-search-index]");
  if (!root || !window.fetch || !window.TextEncoder) return;
  var base = root.getAttribute("data-search-index");
  var form = root.querySelector("form");
  var input = form.elements.q, sectionSel = form.elements.section, yearSel = form.elements.year;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var PAGE = 10, EXPANSIONS = 8, DEBOUNCE = 0;
  var TITLE = 0x80, SUMMARY = 0x40, TAGS = 0x20, TF = 0x1f;
  var files = new Map();
  var meta = null, years = null, generation = 0, typedAt = 0, timer = 0;
  var timing = {}; // milliseconds from the last keystroke to each step of the last search, for measuring
  var encoder = new TextEncoder();

  function load(name, kind) {
    var p = files.get(name);
    if (!p) {
      p = fetch(base + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return kind === "bin" ? r.arrayBuffer() : kind === "json" ? r.json() : r.text();
      });
      p = p.then(kind === "bin" ? parsePostings : kind === "words" ? parseWords : function (x) { return x; });
      p.catch(function () { files.delete(name); });
      files.set(name, p);
    }
    return p;
  }

  // FNV-1a of a string's UTF-8 bytes, as search.Hash.
  function hash(s) {
    var b = encoder.encode(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) {
      h ^= b[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  var LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  function fold(w) {
    return w.toLowerCase().normalize("NFD").replace(/[ßæœøłđðþı]/g, function (c) { return LETTERS[c]; })
      .replace(/\p{Mn}/gu, "").normalize("NFC");
  }
  var WORD = /[\p{L}\p{Nd}\p{Mn}]+/gu;
  // words lists a text's words as the index knows them: folded, of two
  // letters or more, at most 40 bytes.
  function words(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var w = fold(m[0]);
      if (Array.from(m[0]).length >= 2 && encoder.encode(m[0]).length <= 40) out.push({ word: w, at: m.index, end: m.index + m[0].length });
    }
    return out;
  }
  function prefix(w) { return Array.from(w).slice(0, 2).join(""); }

  function parseWords(text) {
    var lines = text.split("\n"), out = [];
    for (var i = 0; i < lines.length; i++) {
      if (!lines[i]) continue;
      var f = lines[i].split("\t");
      out.push({ form: f[0], stem: f[1] || f[0], df: +f[2] });
    }
    return out; // sorted by form
  }

  function parsePostings(buf) {
    var bytes = new Uint8Array(buf), at = 0, stems = new Map(), dec = new TextDecoder();
    function uvarint() {
      var x = 0, s = 1, b;
      do { b = bytes[at++]; x += (b & 0x7f) * s; s *= 128; } while (b & 0x80);
      return x;
    }
    while (at < bytes.length) {
      var n = uvarint(), stem = dec.decode(bytes.subarray(at, at + n));
      at += n;
      var count = uvarint(), docs = new Uint32Array(count), weights = new Uint8Array(count), doc = 0;
      for (var i = 0; i < count; i++) {
        doc += uvarint();
        docs[i] = doc;
        weights[i] = bytes[at++];
      }
      stems.set(stem, { docs: docs, weights: weights });
    }
    return stems;
  }

  function wordsFile(w) { return "w/" + (hash(prefix(w)) % meta.words) + ".txt"; }
  function postingsFile(stem) { return "p/" + (hash(stem) % meta.postings) + ".bin"; }

  // stemsOf finds the stems a query word stands for, each with how much it
  // counts: its own forms fully, forms it begins (the word being typed)
  // a little less, and when the archive never uses the word, the forms
  // that share the longest beginning with it.
  function stemsOf(w, typing, entries) {
    var found = new Map(), forms = [];
    function add(e, factor) {
      var had = found.get(e.stem);
      if (!had || had.factor < factor) found.set(e.stem, { stem: e.stem, df: e.df, factor: factor });
      forms.push(e.form);
    }
    var lo = 0, hi = entries.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (entries[mid].form < w) lo = mid + 1; else hi = mid; }
    var begun = [];
    for (var i = lo; i < entries.length && entries[i].form.startsWith(w); i++) {
      if (entries[i].form === w) add(entries[i], 1);
      else begun.push(entries[i]);
    }
    if (typing) {
      begun.sort(function (a, b) { return b.df - a.df || (a.form < b.form ? -1 : 1); });
      var stems = new Set();
      for (var j = 0; j < begun.length && stems.size < EXPANSIONS; j++) {
        stems.add(begun[j].stem);
        add(begun[j], 0.8);
      }
      for (; j < begun.length; j++) if (stems.has(begun[j].stem)) forms.push(begun[j].form);
    }
    if (found.size > 0) {
      entries.forEach(function (e) { if (found.has(e.stem)) forms.push(e.form); }); // to mark every form of a stem found
    }
    if (found.size === 0 && !typing) {
      var best = 0, len = Array.from(w).length, near = [];
      entries.forEach(function (e) {
        var a = Array.from(e.form), b = Array.from(w), k = 0;
        while (k < a.length && k < b.length && a[k] === b[k]) k++;
        if (k > best) { best = k; near = [e]; } else if (k === best) near.push(e);
      });
      if (best >= 4 && best >= len - 3) near.forEach(function (e) { add(e, 0.7); });
    }
    return { stems: Array.from(found.values()), forms: forms };
  }

  function yearOf(doc) {
    if (!years) {
      years = new Int16Array(meta.docs);
      meta.sections.forEach(function (s) {
        s.years.forEach(function (y) { years.fill(y[0], y[1], y[1] + y[2]); });
      });
    }
    return years[doc];
  }

  function allowed() {
    var sec = sectionSel.value, year = +yearSel.value;
    if (!sec && !year) return null;
    var ok = new Uint8Array(meta.docs);
    meta.sections.forEach(function (s) {
      if (sec && s.name !== sec) return;
      s.years.forEach(function (y) { if (!year || y[0] === year) ok.fill(1, y[1], y[1] + y[2]); });
    });
    return ok;
  }

  function parseQuery(q) {
    var ws = words(q), typing = ws.length > 0 && ws[ws.length - 1].end === q.length;
    var seen = new Set(), out = [];
    ws.forEach(function (w, i) {
      if (!seen.has(w.word)) { seen.add(w.word); out.push({ word: w.word, typing: typing && i === ws.length - 1 }); }
    });
    return out;
  }

  async function search(q) {
    var terms = parseQuery(q);
    if (terms.length === 0) return null;
    var entries = await Promise.all(terms.map(function (t) { return load(wordsFile(t.word), "words"); }));
    timing.words = performance.now() - typedAt;
    var found = terms.map(function (t, i) { return stemsOf(t.word, t.typing, entries[i]); });
    var names = new Set();
    found.forEach(function (f) { f.stems.forEach(function (s) { names.add(postingsFile(s.stem)); }); });
    var loaded = new Map();
    await Promise.all(Array.from(names).map(function (n) { return load(n, "bin").then(function (p) { loaded.set(n, p); }); }));
    timing.postings = performance.now() - typedAt;
    var D = meta.docs, total = new Float64Array(D), matched = new Uint8Array(D), inTitle = new Uint8Array(D);
    found.forEach(function (f) {
      var best = new Float32Array(D), title = new Uint8Array(D);
      f.stems.forEach(function (s) {
        var p = loaded.get(postingsFile(s.stem)).get(s.stem);
        if (!p) return;
        var idf = Math.log(1 + (D - p.docs.length + 0.5) / (p.docs.length + 0.5));
        for (var i = 0; i < p.docs.length; i++) {
          var w = p.weights[i], tf = w & TF;
          var v = idf * s.factor * ((w & TITLE ? 3 : 0) + (w & SUMMARY ? 1.5 : 0) + (w & TAGS ? 1.5 : 0) + tf * 2.2 / (tf + 1.2));
          var d = p.docs[i];
          if (v > best[d]) best[d] = v;
          if (w & TITLE) title[d] = 1;
        }
      });
      for (var d = 0; d < D; d++) {
        if (best[d] > 0) { total[d] += best[d]; matched[d]++; inTitle[d] += title[d]; }
      }
    });
    var ok = allowed(), most = 0, hits = [];
    for (var d = 0; d < D; d++) {
      if (matched[d] && (!ok || ok[d])) {
        if (matched[d] > most) { most = matched[d]; hits = []; }
        if (matched[d] === most) hits.push(d);
      }
    }
    yearOf(0);
    var before = function (a, b) { // best first
      return inTitle[b] - inTitle[a] || total[b] - total[a] || years[b] - years[a] || b - a;
    };
    var forms = new Set();
    found.forEach(function (f) { f.forms.forEach(function (x) { forms.add(x); }); });
    var result = { count: hits.length, forms: forms, all: most === terms.length, sorted: 0, hits: hits };
    // The best of thousands are picked out, not all sorted: only a page
    // is shown at first.
    result.top = function (n) {
      if (n <= result.sorted) return result.hits.slice(0, n);
      if (n > 5 * PAGE || hits.length <= 5 * PAGE) {
        result.hits = hits.slice().sort(before);
        result.sorted = hits.length;
      } else {
        var best = [];
        for (var i = 0; i < hits.length; i++) {
          var d = hits[i];
          if (best.length === 5 * PAGE && before(best[best.length - 1], d) <= 0) continue;
          var at = best.length;
          while (at > 0 && before(d, best[at - 1]) < 0) at--;
          best.splice(at, 0, d);
          if (best.length > 5 * PAGE) best.pop();
        }
        result.hits = best;
        result.sorted = best.length;
      }
      return result.hits.slice(0, n);
    };
    timing.ranked = performance.now() - typedAt;
    return result;
  }

  function cards(docs) {
    return docs.map(function (d) {
      return load("d/" + Math.floor(d / meta.chunk) + ".json", "json").then(function (c) { return c[d % meta.chunk]; });
    });
  }

  // marked appends text to el with the words the query found marked.
  function marked(el, text, forms) {
    var at = 0;
    words(text).forEach(function (w) {
      if (!forms.has(w.word)) return;
      el.appendChild(document.createTextNode(text.slice(at, w.at)));
      var m = document.createElement("mark");
      m.textContent = text.slice(w.at, w.end);
      el.appendChild(m);
      at = w.end;
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  function say(key, n, q) {
    status.textContent = (status.getAttribute("data-" + key) || "").replace("%d", n).replace("%s", q);
  }

  var current = null;
  // show lists a page of results, each as soon as it and those before it
  // have their cards.
  async function show(result, from) {
    var docs = result.top(from + PAGE).slice(from), made = cards(docs);
    var old = list.querySelector(".search-more");
    for (var i = 0; i < docs.length; i++) {
      var c = await made[i];
      if (result !== current) return;
      if (from === 0 && i === 0) list.textContent = ""; // the last results stay until the first new one is there
      else if (old) { old.remove(); old = null; }
      var li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
      li.className = "search-result";
      a.href = c[0];
      marked(a, c[1], result.forms);
      h.appendChild(a);
      var p = document.createElement("p"), t = document.createElement("time"), sec = meta.sections[c[3]];
      p.className = "search-meta";
      t.dateTime = c[2];
      t.textContent = new Date(c[2] + "T00:00:00Z").toLocaleDateString(meta.lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
      p.appendChild(document.createTextNode((sec ? sec.title : "") + " · "));
      p.appendChild(t);
      li.appendChild(p);
      li.appendChild(h);
      if (c[4]) {
        var s = document.createElement("p");
        s.className = "search-summary";
        marked(s, c[4], result.forms);
        li.appendChild(s);
      }
      list.appendChild(li);
      if (from === 0 && i === 0) timing.first = performance.now() - typedAt;
    }
    if (from + PAGE < result.count) {
      var more = document.createElement("li"), b = document.createElement("button");
      more.className = "search-more";
      b.type = "button";
      b.textContent = list.getAttribute("data-more");
      b.addEventListener("click", function () { show(result, from + PAGE); });
      more.appendChild(b);
      list.appendChild(more);
    }
  }

  function address() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    if (sectionSel.value) p.set("section", sectionSel.value);
    if (yearSel.value) p.set("year", yearSel.value);
    var s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : ""));
  }

  async function run() {
    var mine = ++generation, q = input.value;
    timing = { started: performance.now() - typedAt };
    root.removeAttribute("data-search-done"); // done says the latest query is answered, not an earlier one
    try { await ready; } catch (e) { return; }
    if (mine !== generation) return;
    address();
    if (!q.trim()) {
      current = null;
      list.textContent = "";
      status.textContent = "";
      return;
    }
    try {
      var result = await search(q);
      if (mine !== generation) return;
      current = result;
      if (!result || result.count === 0) {
        list.textContent = "";
        say("none", 0, q.trim());
      } else {
        say(result.count === 1 ? "single" : "many", result.count, q.trim());
        await show(result, 0);
      }
      if (mine !== generation) return;
      timing.shown = performance.now() - typedAt;
      root.setAttribute("data-search-ms", timing.shown.toFixed(1));
      root.setAttribute("data-search-timing", JSON.stringify(timing));
      root.setAttribute("data-search-done", String(mine));
    } catch (e) {
      if (mine === generation) say("failed", 0, q);
    }
  }

  function later() {
    typedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE);
  }

  var ready = load("meta.json", "json").then(function (m) {
    meta = m;
    meta.sections.forEach(function (s) { sectionSel.add(new Option(s.title, s.name)); });
    var all = new Set();
    meta.sections.forEach(function (s) { s.years.forEach(function (y) { all.add(y[0]); }); });
    Array.from(all).sort(function (a, b) { return b - a; }).forEach(function (y) { yearSel.add(new Option(String(y), String(y))); });
    var params = new URLSearchParams(location.search);
    sectionSel.value = params.get("section") || "";
    yearSel.value = params.get("year") || "";
    form.querySelector(".search-filters").hidden = false;
  });
  ready.catch(function () { say("failed", 0, ""); });

  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); typedAt = performance.now(); run(); });
  input.addEventListener("input", later);
  sectionSel.addEventListener("change", later);
  yearSel.addEventListener("change", later);
  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    typedAt = performance.now();
    run();
  }
})();
