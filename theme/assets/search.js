/* Client-side search for archive sites.
 *
 * The index under search/ is a set of scripts, each calling ArchiveSearch.register(name, data), so it
 * loads from a web server, under a subpath, and from file:// alike. Text is read exactly as the Swift
 * index writer reads it (SearchText.swift); Tests/search-vectors.json holds the cases both must agree on.
 * Nothing from the index is ever inserted as HTML: results are built with DOM text nodes.
 */
(function (global) {
  "use strict";

  // MARK: - Text, as SearchText.swift reads it

  var LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  function normalise(text) {
    return String(text)
      .normalize("NFD")
      .toLowerCase()
      .replace(/[\u0300-\u036f'\u2019\u2018\u02bc`\u00b4]/g, "")
      .replace(/[ßæœøłđðþı]/g, function (c) { return LETTERS[c]; });
  }

  function words(text) {
    return normalise(text).match(WORD) || [];
  }

  function stem(word) {
    var length = Array.from(word).length;
    if (length <= 3) return word;
    var ends = function (suffix) { return word.endsWith(suffix); };
    if (ends("iones")) return word.slice(0, -2);
    if (ends("ies") && length > 4) return word.slice(0, -3) + "y";
    if (ends("sses")) return word.slice(0, -2);
    if (ends("xes") || ends("zes") || ends("ches") || ends("shes")) return word.slice(0, -2);
    if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return word.slice(0, -1);
    return word;
  }

  function terms(text) {
    return words(text).map(stem);
  }

  /** Words, and "quoted phrases" of two or more words, of a query. */
  function parseQuery(query) {
    var parsed = { terms: [], phrases: [] };
    var rest = String(query || "").replace(/["“”«»]([^"“”«»]*)["“”«»]?/g, function (_, phrase) {
      var phraseTerms = terms(phrase);
      if (phraseTerms.length > 1) parsed.phrases.push(phraseTerms);
      else if (phraseTerms.length === 1) parsed.terms.push({ term: phraseTerms[0], exact: true });
      return " ";
    });
    terms(rest).forEach(function (term) { parsed.terms.push({ term: term, exact: false }); });
    return parsed;
  }

  // MARK: - Index files

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  /** Each digit's value, by character code. */
  var DIGIT_CODES = new Int8Array(128).fill(-1);
  for (var c = 0; c < DIGITS.length; c++) DIGIT_CODES[DIGITS.charCodeAt(c)] = c;

  /** Base-64 varints, five bits a digit, low bits first, the sixth bit meaning "more follows". */
  function decodeNumbers(text) {
    var values = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_CODES[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; } else { values.push(value); value = 0; scale = 1; }
    }
    return values;
  }

  /** A postings string as parallel arrays of document numbers (ascending) and scores; the same
   *  numbers as `decodeNumbers`, read in one pass without an intermediate list, since the most
   *  common words' postings are the longest strings a query reads. */
  function decodePostings(text) {
    // Every pair ends in a score, one digit without "more follows", so pairs ≤ those digits.
    var capacity = 0;
    for (var k = 0; k < text.length; k++) if (!(DIGIT_CODES[text.charCodeAt(k)] & 32)) capacity++;
    capacity >>= 1;
    var documents = new Int32Array(capacity), scores = new Float32Array(capacity);
    var count = 0, document = -1, value = 0, scale = 1, gap = true;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_CODES[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; continue; }
      if (gap) {
        document += value + 1;
        documents[count] = document;
      } else {
        scores[count++] = value;
      }
      gap = !gap;
      value = 0;
      scale = 1;
    }
    return { documents: documents.subarray(0, count), scores: scores.subarray(0, count) };
  }

  /** Postings with their scores weighed by the term's rarity (BM25's inverse document frequency,
   *  from how many of the archive's documents hold it): the index stores only what a document
   *  says of itself, so that editing one statement leaves every other's entries as they were. */
  function weigh(postings, documentCount) {
    var frequency = postings.documents.length;
    var rarity = Math.log(1 + (documentCount - frequency + 0.5) / (frequency + 0.5));
    for (var i = 0; i < postings.scores.length; i++) postings.scores[i] *= rarity;
    return postings;
  }

  /** Shards that may hold `term` (or, with `prefix`, terms starting with it), given each shard's
   *  first term in sorted order. */
  function shardsFor(firsts, term, prefix) {
    var low = 0, high = firsts.length - 1, at = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (firsts[middle] <= term) { at = middle; low = middle + 1; } else { high = middle - 1; }
    }
    var found = at >= 0 ? [at] : [];
    if (prefix) {
      for (var next = at + 1; next < firsts.length && firsts[next].startsWith(term); next++) found.push(next);
    }
    return found;
  }

  // MARK: - The engine

  /** Searches an index whose files `load(name)` resolves to their registered data. */
  function Engine(load) {
    this.load = load;
    this.cache = new Map();
  }

  Engine.prototype.file = function (name) {
    if (!this.cache.has(name)) this.cache.set(name, this.load(name));
    return this.cache.get(name);
  };

  Engine.prototype.entry = function () { return this.file("index"); };

  /** Postings of one query term: exact matches in full; for words of four letters or more, longer
   *  terms they begin (by prefix) at 0.8, each document keeping its best. */
  Engine.prototype.termPostings = async function (query) {
    var entry = await this.entry();
    var usePrefix = !query.exact && Array.from(query.term).length >= 4;
    var self = this;
    var files = await Promise.all(shardsFor(entry.terms, query.term, usePrefix).map(function (n) { return self.file("t/" + n); }));
    var lists = [];
    files.forEach(function (shard) {
      Object.keys(shard).forEach(function (term) {
        var exact = term === query.term;
        if (!exact && !(usePrefix && term.startsWith(query.term))) return;
        lists.push({ postings: weigh(decodePostings(shard[term]), entry.documents), factor: exact ? 1 : 0.8 });
      });
    });
    if (lists.length === 1 && lists[0].factor === 1) return lists[0].postings;
    var best = new Float32Array(entry.documents);
    lists.forEach(function (list) {
      var documents = list.postings.documents, scores = list.postings.scores;
      for (var i = 0; i < documents.length; i++) {
        var score = scores[i] * list.factor;
        if (score > best[documents[i]]) best[documents[i]] = score;
      }
    });
    return collect(best);
  };

  /** Postings of a phrase: documents where every adjacent pair occurs. */
  Engine.prototype.phrasePostings = async function (phrase) {
    var entry = await this.entry();
    var firsts = await this.file("phrases");
    var self = this;
    var lists = await Promise.all(phrase.slice(1).map(async function (term, i) {
      var pair = phrase[i] + " " + term;
      var shards = shardsFor(firsts, pair, false);
      var file = shards.length ? await self.file("p/" + shards[0]) : {};
      return file[pair]
        ? weigh(decodePostings(file[pair]), entry.documents)
        : { documents: new Int32Array(0), scores: new Float32Array(0) };
    }));
    return intersect(lists, entry.documents);
  };

  /** The documents with a non-zero score, in order. */
  function collect(scores) {
    var count = 0;
    for (var d = 0; d < scores.length; d++) if (scores[d] > 0) count++;
    var documents = new Int32Array(count), kept = new Float32Array(count), at = 0;
    for (var e = 0; e < scores.length; e++) {
      if (scores[e] > 0) { documents[at] = e; kept[at] = scores[e]; at++; }
    }
    return { documents: documents, scores: kept };
  }

  /** Documents in every list, with their scores summed; linear in the lists and the archive. */
  function intersect(lists, documentCount) {
    if (!lists.length) return { documents: new Int32Array(0), scores: new Float32Array(0) };
    if (lists.length === 1) return lists[0];
    var seen = new Uint8Array(documentCount), total = new Float32Array(documentCount);
    lists.forEach(function (list, index) {
      for (var i = 0; i < list.documents.length; i++) {
        var d = list.documents[i];
        if (seen[d] === index) { seen[d] = index + 1; total[d] += list.scores[i]; }
      }
    });
    for (var d = 0; d < documentCount; d++) if (seen[d] !== lists.length) total[d] = 0;
    return collect(total);
  }

  /** Documents matching every term and phrase, best first (ties: archive order, newest first);
   *  with no query, every document in archive order. */
  Engine.prototype.search = async function (query) {
    var parsed = typeof query === "string" ? parseQuery(query) : query;
    var entry = await this.entry();
    var results = [];
    if (!parsed.terms.length && !parsed.phrases.length) {
      for (var d = 0; d < entry.documents; d++) results.push({ document: d, score: 0 });
      return results;
    }
    var self = this;
    var lists = await Promise.all(
      parsed.terms.map(function (t) { return self.termPostings(t); })
        .concat(parsed.phrases.map(function (p) { return self.phrasePostings(p); })));
    var matched = intersect(lists, entry.documents);
    // A counting sort on scores in tenths: stable, so equal scores keep archive order.
    var keys = new Int32Array(matched.documents.length), largest = 0;
    for (var i = 0; i < keys.length; i++) {
      keys[i] = Math.round(matched.scores[i] * 10);
      if (keys[i] > largest) largest = keys[i];
    }
    var starts = new Int32Array(largest + 2);
    for (var k = 0; k < keys.length; k++) starts[largest - keys[k] + 1]++;
    for (var b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
    results = new Array(keys.length);
    for (var m = 0; m < keys.length; m++) {
      results[starts[largest - keys[m]]++] = { document: matched.documents[m], score: matched.scores[m] };
    }
    return results;
  };

  /** The record of document `number`: its name, from the names file of its block, then its file. */
  Engine.prototype.document = async function (number) {
    var entry = await this.entry();
    var names = await this.file("n/" + Math.floor(number / entry.namesPerFile));
    return this.file("d/" + names[number % entry.namesPerFile]);
  };

  /** A document's text: zlib-compressed, base-64 encoded, read with the browser's own inflater.
   *  A browser without one (Safari before 16.4, Firefox before 113) shows results without excerpts. */
  async function documentText(record) {
    if (typeof DecompressionStream === "undefined") return "";
    var binary = atob(record.z), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text();
  }

  /** Every document's filter values, decoded from the facet blocks. */
  Engine.prototype.facets = async function () {
    if (this.facetData) return this.facetData;
    var entry = await this.entry();
    var self = this;
    var blockCount = Math.ceil(entry.documents / entry.blockSize);
    var names = ["facets"];
    for (var b = 0; b < blockCount; b++) names.push("f/" + b);
    var files = await Promise.all(names.map(function (n) { return self.file(n); }));
    var values = files[0];
    var documents = [];
    files.slice(1).forEach(function (block) {
      var numbers = decodeNumbers(block), at = 0;
      while (at < numbers.length) {
        var doc = { organisation: numbers[at] - 1, year: numbers[at + 1] - 1, kind: numbers[at + 2], language: numbers[at + 3] };
        at += 4;
        doc.demand = numbers.slice(at + 1, at + 1 + numbers[at]); at += 1 + numbers[at];
        doc.tag = numbers.slice(at + 1, at + 1 + numbers[at]); at += 1 + numbers[at];
        documents.push(doc);
      }
    });
    this.facetData = { values: values, documents: documents };
    return this.facetData;
  };

  var FACETS = ["organisation", "demand", "tag", "year", "kind", "language"];

  /** Results that have every chosen filter value (ids, as in the URL). */
  function applyFilters(results, facets, filters) {
    var wanted = {};
    FACETS.forEach(function (facet) {
      if (filters[facet]) wanted[facet] = facets.values[facet].findIndex(function (v) { return v[0] === filters[facet]; });
    });
    return results.filter(function (result) {
      var doc = facets.documents[result.document];
      return Object.keys(wanted).every(function (facet) {
        var value = doc[facet];
        return Array.isArray(value) ? value.indexOf(wanted[facet]) >= 0 : value === wanted[facet];
      });
    });
  }

  /** How many results have each value of each filter. */
  function countFacets(results, facets) {
    var counts = {};
    FACETS.forEach(function (facet) { counts[facet] = new Array(facets.values[facet].length).fill(0); });
    results.forEach(function (result) {
      var doc = facets.documents[result.document];
      FACETS.forEach(function (facet) {
        var value = doc[facet];
        (Array.isArray(value) ? value : [value]).forEach(function (v) { if (v >= 0) counts[facet][v]++; });
      });
    });
    return counts;
  }

  // MARK: - Excerpts

  /** Segments of text around the first match: [{text, match}], about `width` words. */
  function excerpt(text, query, width) {
    var parsed = typeof query === "string" ? parseQuery(query) : query;
    var wanted = parsed.terms.slice();
    parsed.phrases.forEach(function (p) { p.forEach(function (t) { wanted.push({ term: t, exact: true }); }); });
    var parts = String(text).split(/([\p{Alphabetic}\p{N}'\u2019\u2018\u02bc`\u00b4]+)/u);
    var isMatch = function (segment) {
      var segmentTerms = terms(segment);
      return segmentTerms.some(function (t) {
        return wanted.some(function (w) {
          return t === w.term || (!w.exact && Array.from(w.term).length >= 3 && t.startsWith(w.term));
        });
      });
    };
    var span = (width || 30) * 2;
    // The window holding the most different query words, the earliest among equals.
    var matches = [];
    for (var i = 1; i < parts.length; i += 2) { if (isMatch(parts[i])) matches.push(i); }
    var first = -1, best = 0;
    matches.forEach(function (position) {
      var seen = new Set();
      matches.forEach(function (other) {
        if (other >= position && other < position + span / 2) seen.add(terms(parts[other]).join(" "));
      });
      if (seen.size > best) { best = seen.size; first = position; }
    });
    var start = first < 0 ? 0 : Math.max(0, first - span / 2);
    if (start % 2 === 1) start -= 1;
    var end = Math.min(parts.length, start + span);
    var segments = [];
    if (start > 0) segments.push({ text: "…", match: false });
    for (var j = start; j < end; j++) {
      if (!parts[j]) continue;
      segments.push({ text: parts[j], match: j % 2 === 1 && isMatch(parts[j]) });
    }
    if (end < parts.length) segments.push({ text: "…", match: false });
    return segments;
  }

  // MARK: - Loading in a browser

  var pending = new Map();
  var registered = new Map();

  /** Called by every index file. */
  function register(name, data) {
    registered.set(name, data);
    var waiting = pending.get(name);
    if (waiting) { pending.delete(name); waiting.resolve(data); }
  }

  /** Loads `search/<name>.js` with a script element, which works from file:// as well. */
  function scriptLoader(base) {
    return function (name) {
      if (registered.has(name)) return Promise.resolve(registered.get(name));
      return new Promise(function (resolve, reject) {
        pending.set(name, { resolve: resolve });
        var script = document.createElement("script");
        script.src = base + name + ".js";
        script.async = true;
        script.onerror = function () { pending.delete(name); reject(new Error("cannot load " + script.src)); };
        document.head.appendChild(script);
      });
    };
  }

  // MARK: - The search page

  var PAGE_SIZE = 20;

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  async function startPage() {
    var app = document.getElementById("search-app");
    if (!app) return;
    var labels = app.dataset;
    var params = new URLSearchParams(global.location.search);
    var query = params.get("q") || "";
    var filters = {};
    FACETS.forEach(function (facet) { if (params.get(facet)) filters[facet] = params.get(facet); });
    var page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var pages = document.getElementById("search-pages");
    var details = document.getElementById("search-filters");
    var facetBox = document.getElementById("search-facets");
    input.value = query;
    var engine = new Engine(scriptLoader(labels.index));
    var filtering = Object.keys(filters).length > 0;

    async function facetControls(results) {
      var facets = await engine.facets();
      var counts = countFacets(results, facets);
      facetBox.textContent = "";
      FACETS.forEach(function (facet) {
        var id = "facet-" + facet;
        var select = element("select", { id: id, name: facet });
        select.appendChild(element("option", { value: "" }, [labels.any]));
        facets.values[facet].forEach(function (value, index) {
          if (!counts[facet][index] && filters[facet] !== value[0]) return;
          var attributes = { value: value[0] };
          if (filters[facet] === value[0]) attributes.selected = "";
          select.appendChild(element("option", attributes, [value[1] + " (" + counts[facet][index] + ")"]));
        });
        select.addEventListener("change", function () { form.submit(); });
        facetBox.appendChild(element("div", { class: "facet" }, [element("label", { for: id }, [labels[facet]]), select]));
      });
    }

    if (!query && !filtering) {
      status.textContent = "";
      details.addEventListener("toggle", function () { if (details.open) engine.search("").then(facetControls); }, { once: true });
      return;
    }
    status.textContent = labels.loading;
    try {
      var results = await engine.search(query);
      if (filtering) {
        details.open = true;
        results = applyFilters(results, await engine.facets(), filters);
        facetControls(results);
      } else {
        details.addEventListener("toggle", function () { if (details.open) facetControls(results); }, { once: true });
      }
      var shown = results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      var documents = await Promise.all(shown.map(async function (r) {
        var record = await engine.document(r.document);
        return { record: record, text: await documentText(record) };
      }));
      list.textContent = "";
      documents.forEach(function (shownDocument) {
        var doc = shownDocument.record;
        var meta = [doc.d, doc.o, doc.k].filter(Boolean).join(" · ");
        var snippet = element("p", { class: "excerpt" });
        excerpt(shownDocument.text, query, 30).forEach(function (segment) {
          snippet.appendChild(segment.match ? element("mark", {}, [segment.text]) : document.createTextNode(segment.text));
        });
        list.appendChild(element("li", {}, [
          element("h3", { class: "statement-title" }, [element("a", { href: labels.root + doc.p }, [doc.t])]),
          element("p", { class: "meta" }, [meta]),
          snippet,
        ]));
      });
      status.textContent = results.length === 0 ? labels.none
        : results.length === 1 ? labels.result : labels.results.replace("{count}", results.length);
      pages.textContent = "";
      var link = function (number, text, rel) {
        var next = new URLSearchParams(params);
        next.set("page", String(number));
        return element("a", { href: "?" + next.toString(), rel: rel }, [text]);
      };
      if (page > 1) pages.appendChild(link(page - 1, labels.less, "prev"));
      if (page * PAGE_SIZE < results.length) pages.appendChild(link(page + 1, labels.more, "next"));
    } catch (error) {
      status.textContent = labels.failed;
    }
  }

  var api = {
    normalise: normalise, words: words, stem: stem, terms: terms, parseQuery: parseQuery,
    decodeNumbers: decodeNumbers, decodePostings: decodePostings, shardsFor: shardsFor,
    Engine: Engine, applyFilters: applyFilters, countFacets: countFacets, excerpt: excerpt, documentText: documentText,
    register: register,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    global.ArchiveSearch = api;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPage);
    else startPage();
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
