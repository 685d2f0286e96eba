// The query side of search, over the shared vectors and over the bundled archive's built index.
// Run with: node --test Tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vm from "node:vm";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..", "..");
const require = createRequire(import.meta.url);
const search = require(path.join(root, "theme/assets/search.js"));
const vectors = JSON.parse(readFileSync(path.join(root, "Tests/search-vectors.json"), "utf8"));

/** Loads index files from a built site the way the browser does: running each script. */
function siteLoader(site) {
  const loaded = { bytes: 0, files: [] };
  const load = async (name) => {
    const file = path.join(site, "search", name + ".js");
    const text = readFileSync(file, "utf8");
    loaded.bytes += Buffer.byteLength(text);
    loaded.files.push(name);
    let data;
    vm.runInNewContext(text, { ArchiveSearch: { register: (registered, value) => { assert.equal(registered, name); data = value; } } });
    return data;
  };
  return { load, loaded };
}

test("normalisation matches the shared vectors", () => {
  for (const [input, expected] of vectors.normalise) assert.equal(search.normalise(input), expected, input);
});

test("terms match the shared vectors", () => {
  for (const [input, expected] of vectors.terms) assert.deepEqual(search.terms(input), expected, input);
});

test("queries parse as the shared vectors say", () => {
  for (const [input, expected] of vectors.queries) {
    const parsed = search.parseQuery(input);
    assert.deepEqual(parsed.terms.map((t) => [t.term, t.exact]), expected.terms, input);
    assert.deepEqual(parsed.phrases, expected.phrases, input);
  }
});

test("varints decode as the shared vector says", () => {
  for (const [numbers, text] of vectors.varints) assert.deepEqual(search.decodeNumbers(text), numbers);
});

test("postings decode to the documents and scores their varints say", () => {
  const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const encode = (value) => {
    let text = "";
    do {
      const rest = Math.floor(value / 32);
      text += digits[(value % 32) | (rest > 0 ? 32 : 0)];
      value = rest;
    } while (value > 0);
    return text;
  };
  // Gaps from 0 to past 2^30, scores 1 to 31, as the index writes them.
  const documents = [], scores = [];
  let text = "", document = -1, seed = 7;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const gap = i === 1999 ? 1200000000 : seed % (i % 3 === 0 ? 40 : 5000);
    document += gap + 1;
    documents.push(document);
    scores.push(1 + (seed % 31));
    text += encode(gap) + encode(scores[i]);
  }
  const decoded = search.decodePostings(text);
  assert.deepEqual(Array.from(decoded.documents), documents);
  assert.deepEqual(Array.from(decoded.scores), scores);
  const numbers = search.decodeNumbers(text);
  assert.equal(numbers.length, 2 * documents.length);
  assert.equal(search.decodePostings("").documents.length, 0);
});

test("shards are found by binary search over their first terms", () => {
  const firsts = ["a", "con", "constituent", "d", "pro", "protest", "q"];
  assert.deepEqual(search.shardsFor(firsts, "constitution", false), [2]);
  assert.deepEqual(search.shardsFor(firsts, "cons", true), [1, 2]);
  assert.deepEqual(search.shardsFor(firsts, "prot", true), [4, 5]);
  assert.deepEqual(search.shardsFor(firsts, "0", false), []);
});

const site = path.join(root, "site");
const titles = async (engine, query) => {
  const results = await engine.search(query);
  return Promise.all(results.map(async (r) => (await engine.document(r.document)).t));
};

test("finds the bundled archive's statements, folding case and accents", async () => {
  const engine = new search.Engine(siteLoader(site).load);
  assert.deepEqual(await titles(engine, "Mariategui"), ["Hands off Peru!"]);
  assert.deepEqual(await titles(engine, "MARIÁTEGUI"), ["Hands off Peru!"]);
  assert.deepEqual(await titles(engine, "Arequipa"), ["The Communist Party of Canada demands the immediate release of Pedro Castillo"]);
  assert.deepEqual(await titles(engine, "nonexistentword"), []);
});

test("all words are required, and prefixes of four letters or more find longer forms", async () => {
  const engine = new search.Engine(siteLoader(site).load);
  assert.equal((await titles(engine, "constituent assembly")).length, 5);
  assert.deepEqual(await titles(engine, "constituent assembly Arequipa"), ["The Communist Party of Canada demands the immediate release of Pedro Castillo"]);
  const protest = await titles(engine, "protest");
  assert.ok(protest.length >= 4, protest.join());
  for (const title of await titles(engine, "protesters")) assert.ok(protest.includes(title), title);
  assert.deepEqual(await titles(engine, "elecciones"), []);
  assert.ok((await titles(engine, "election")).length >= 3);
});

test("a quoted phrase needs its words together", async () => {
  const engine = new search.Engine(siteLoader(site).load);
  const phrase = await titles(engine, '"constituent assembly"');
  assert.ok(phrase.length >= 3);
  assert.deepEqual(await titles(engine, '"assembly constituent"'), []);
  assert.deepEqual(await titles(engine, '"right to protest"'), ["Interview with the Peruvian Communist Party on the protests in Peru"]);
});

test("ranking puts a title match first", async () => {
  const engine = new search.Engine(siteLoader(site).load);
  const results = await titles(engine, "bolivia");
  assert.equal(results[0], "Like Bolivia, Peru can overturn this coup");
});

test("filters narrow results and count what remains", async () => {
  const engine = new search.Engine(siteLoader(site).load);
  const facets = await engine.facets();
  const all = await engine.search("");
  assert.equal(all.length, 5);
  const demanding = search.applyFilters(all, facets, { demand: "boluarte-resign" });
  assert.equal(demanding.length, 2);
  const counts = search.countFacets(demanding, facets);
  const cpusa = facets.values.organisation.findIndex((v) => v[0] === "cpusa");
  assert.equal(counts.organisation[cpusa], 1);
  const years = search.applyFilters(all, facets, { year: "2023" });
  assert.equal(years.length, 1);
  const combined = search.applyFilters(await engine.search("peru"), facets, { kind: "article", organisation: "morning-star" });
  assert.equal(combined.length, 1);
});

test("excerpts centre on the passage where most query words meet", () => {
  const text = "An assembly met. " + "Filler words here. ".repeat(30) + "They want a constituent assembly now.";
  const segments = search.excerpt(text, "constituent assembly", 10);
  assert.deepEqual(segments.filter((s) => s.match).map((s) => s.text), ["constituent", "assembly"]);
  assert.equal(segments[0].text, "…");
});

test("document texts inflate back to the statement's words", async () => {
  const engine = new search.Engine(siteLoader(site).load);
  const [result] = await engine.search("Mariategui");
  const text = await search.documentText(await engine.document(result.document));
  assert.match(text, /CPUSA has special regard for Peru as the homeland of Jose Mariátegui\./);
});

test("excerpts mark matched words and carry no markup", () => {
  const segments = search.excerpt("Before <b>bold</b>. The protesters demand a Constituent Assembly now.", "protest assembly", 30);
  const marked = segments.filter((s) => s.match).map((s) => s.text);
  assert.deepEqual(marked, ["protesters", "Assembly"]);
  assert.equal(segments.map((s) => s.text).join(""), "Before <b>bold</b>. The protesters demand a Constituent Assembly now.");
});

test("a one-word query loads only the entry, its shards and the shown documents", async () => {
  const { load, loaded } = siteLoader(site);
  const engine = new search.Engine(load);
  const results = await engine.search("arequipa");
  await Promise.all(results.map((r) => engine.document(r.document)));
  assert.ok(loaded.files.every((f) => f === "index" || /^[tnd]\//.test(f)), loaded.files.join());
  assert.ok(loaded.files.some((f) => f.startsWith("n/")) && loaded.files.some((f) => f.startsWith("d/")));
  assert.ok(!loaded.files.includes("facets"));
});

/** Postings as the Swift writer encodes them: base-64 varints of (gap, score). */
function encode(pairs) {
  const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "", last = -1;
  const put = (value) => { do { const digit = value & 31; value >>= 5; out += digits[value > 0 ? digit | 32 : digit]; } while (value > 0); };
  for (const [document, score] of pairs) { put(document - last - 1); put(score); last = document; }
  return out;
}

test("the engine over a hand-made index: prefixes, ties and phrases", async () => {
  const files = {
    index: { documents: 4, blockSize: 4096, terms: ["a", "the"] },
    "t/0": { lima: encode([[0, 5], [2, 5]]), protest: encode([[1, 9]]), protester: encode([[0, 3], [3, 20]]) },
    "t/1": { the: encode([[0, 1], [1, 1], [2, 1], [3, 1]]), them: encode([[2, 30]]) },
    phrases: ["lima protest"],
    "p/0": { "lima protester": encode([[0, 4]]) },
  };
  const engine = new search.Engine(async (name) => files[name]);
  const ids = async (query) => (await engine.search(query)).map((r) => r.document);
  assert.deepEqual(await ids("protest"), [3, 1, 0], "exact 9, prefix 20×0.8=16 and 3×0.8");
  assert.deepEqual(await ids("the"), [0, 1, 2, 3], "three letters: no prefix, equal scores in archive order");
  assert.deepEqual(await ids("lima protest"), [0]);
  assert.deepEqual(await ids('"lima protesters"'), [0]);
  assert.deepEqual(await ids('"lima protest"'), []);
  assert.deepEqual(await ids("nothing"), []);
});

test("a document is found by its name in the names file of its block", async () => {
  const files = {
    index: { documents: 5, blockSize: 4096, namesPerFile: 2, terms: [] },
    "n/0": ["0a", "1b"], "n/1": ["2c", "3d"], "n/2": ["4e"],
    "d/0a": { t: "zero" }, "d/1b": { t: "one" }, "d/2c": { t: "two" }, "d/3d": { t: "three" }, "d/4e": { t: "four" },
  };
  const loaded = [];
  const engine = new search.Engine(async (name) => { loaded.push(name); return files[name]; });
  assert.equal((await engine.document(3)).t, "three");
  assert.deepEqual(loaded, ["index", "n/1", "d/3d"]);
  assert.equal((await engine.document(4)).t, "four");
  assert.equal((await engine.document(2)).t, "two");
  assert.equal((await engine.document(0)).t, "zero");
  assert.deepEqual(loaded.filter((name) => name.startsWith("n/")), ["n/1", "n/2", "n/0"], "each names file loaded once");
});

test("without DecompressionStream, documents still load and excerpts are empty", async () => {
  const saved = globalThis.DecompressionStream;
  globalThis.DecompressionStream = undefined;
  try {
    const engine = new search.Engine(siteLoader(site).load);
    const [result] = await engine.search("Mariategui");
    const record = await engine.document(result.document);
    assert.equal(record.t, "Hands off Peru!");
    assert.equal(await search.documentText(record), "");
  } finally {
    globalThis.DecompressionStream = saved;
  }
});
