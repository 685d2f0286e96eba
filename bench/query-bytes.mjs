// Bytes and time of archive's search for given queries, over a built site, loading files exactly as
// the search page does (search.js, the entry file, the shards a query needs, the shown documents).
// Usage: node bench/query-bytes.mjs SITE_DIR SHOWN "query one" "query two" …
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

const [site, shownText, ...queries] = process.argv.slice(2);
const shown = Number(shownText);
const require = createRequire(import.meta.url);
const searchScript = path.join(site, "assets", "search.js");
const search = require(searchScript);
const code = readFileSync(searchScript);

function loader(stats) {
  return async (name) => {
    const text = readFileSync(path.join(site, "search", name + ".js"));
    stats.bytes += text.length;
    stats.gzip += gzipSync(text).length;
    stats.files += 1;
    let data;
    vm.runInNewContext(text.toString("utf8"), { ArchiveSearch: { register: (_, value) => { data = value; } } });
    return data;
  };
}

const report = [];
for (const query of queries) {
  const stats = { bytes: code.length, gzip: gzipSync(code).length, files: 1 };
  const engine = new search.Engine(loader(stats));
  const results = await engine.search(query);
  await Promise.all(results.slice(0, shown).map((r) => engine.document(r.document)));
  // Time from all files in hand to ranked results with excerpts, as the page computes them.
  const started = performance.now();
  const repeat = 5;
  for (let i = 0; i < repeat; i++) {
    const again = await engine.search(query);
    const docs = await Promise.all(again.slice(0, shown).map((r) => engine.document(r.document)));
    for (const doc of docs) search.excerpt(await search.documentText(doc), query, 30);
  }
  const milliseconds = (performance.now() - started) / repeat;
  report.push({ query, results: results.length, files: stats.files, bytes: stats.bytes, gzip: stats.gzip, ms: Number(milliseconds.toFixed(1)) });
}
console.log(JSON.stringify(report));
