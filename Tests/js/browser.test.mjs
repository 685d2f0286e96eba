// The built site's search page in a real browser (headless Chromium): over HTTP, served under a
// subpath, and opened from disk, with the query and filters in the URL.
// Set ARCHIVE_BROWSER_TESTS=0 to skip where no Chromium is installed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const site = path.join(root, "site");
const skip = process.env.ARCHIVE_BROWSER_TESTS === "0" ? "ARCHIVE_BROWSER_TESTS=0" : false;
const browser = ["chromium", "chromium-browser", "google-chrome"].map((name) => `/usr/bin/${name}`).find(existsSync);

let server;
let base;
before(async () => {
  if (skip) return;
  server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (!url.pathname.startsWith("/archive/")) { response.writeHead(404).end(); return; }
    let file = path.join(site, decodeURIComponent(url.pathname.slice("/archive/".length)));
    if (!file.startsWith(site)) { response.writeHead(403).end(); return; }
    if (file.endsWith("/")) file += "index.html";
    try {
      const body = await readFile(file);
      const type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript" : "text/css";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/archive/`;
});
after(() => server?.close());

/** The page's DOM after its scripts have run. */
function dom(url) {
  assert.ok(browser, "Chromium is not installed: run script/bootstrap, or set ARCHIVE_BROWSER_TESTS=0");
  return new Promise((resolve, reject) => {
    execFile(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--allow-file-access-from-files=false", "--virtual-time-budget=10000", "--dump-dom", url],
      { timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

const results = (html) => [...html.matchAll(/<h3 class="statement-title"><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]);
const status = (html) => html.match(/id="search-status"[^>]*>([^<]*)</)?.[1];
const fileURL = (page) => pathToFileURL(path.join(site, page)).href;

test("over HTTP under a subpath: a query in the URL finds the statements", { skip }, async () => {
  const html = await dom(base + "search/index.html?q=Mari%C3%A1tegui");
  assert.deepEqual(results(html), ["Hands off Peru!"]);
  assert.match(html, /<mark>Mariátegui<\/mark>/);
  assert.equal(status(html), "1 statement");
  assert.match(html, /href="\.\.\/statements\/hands-off-peru\/index\.html"/);
});

test("over HTTP: a phrase with a demand filter", { skip }, async () => {
  const html = await dom(base + "search/index.html?q=%22constituent+assembly%22&demand=boluarte-resign");
  assert.deepEqual(results(html).sort(), ["Hands off Peru!", "Like Bolivia, Peru can overturn this coup"]);
  assert.match(html, /<option value="boluarte-resign" selected="">/);
});

test("from file://: a Spanish-style query without accents", { skip }, async () => {
  const html = await dom(fileURL("search/index.html") + "?q=arequipa");
  assert.deepEqual(results(html), ["The Communist Party of Canada demands the immediate release of Pedro Castillo"]);
});

test("from file://: browsing a filter with no query", { skip }, async () => {
  const html = await dom(fileURL("search/index.html") + "?kind=interview");
  assert.deepEqual(results(html), ["Interview with the Peruvian Communist Party on the protests in Peru"]);
  assert.match(html, /<details id="search-filters" class="filters" open="">/);
});

test("every page's header search box leads to the search page", { skip }, async () => {
  const html = await dom(fileURL("statements/hands-off-peru/index.html"));
  assert.match(html, /<form class="site-search" role="search" action="\.\.\/\.\.\/search\/index\.html" method="get">/);
});

test("from file://: citations get their copy buttons, and stay selectable text", { skip }, async () => {
  const page = "statements/2023-01-11-communist-party-of-canada-demands-the-release-of-pedro-castillo/index.html";
  const source = await readFile(path.join(site, page), "utf8");
  // Without JavaScript the buttons are hidden and the citations are in the page as text.
  assert.equal([...source.matchAll(/<button type="button" class="copy" data-copy="cite-[a-z]+" hidden>/g)].length, 3);
  assert.match(source, /<p id="cite-apa" class="citation">Communist Party of Canada\. \(2023, January 11\)\./);
  const html = await dom(fileURL(page));
  const buttons = [...html.matchAll(/<button type="button" class="copy" data-copy="(cite-[a-z]+)"( hidden(="")?)?>/g)];
  assert.deepEqual(buttons.map((m) => m[1]), ["cite-chicago", "cite-apa", "cite-bibtex"]);
  assert.ok(buttons.every((m) => m[2] === undefined), "the script shows every button");
  assert.match(html, /<pre id="cite-bibtex" class="citation">@misc\{2023_01_11_communist/);
});

test("the timeline's bars lead to their months, and the matrix's cells to their statements", { skip }, async () => {
  const resolve = (from, link) => {
    const [file, fragment] = link.split("#");
    return { page: path.normalize(path.join(path.dirname(from), file)), fragment };
  };
  for (const [page, pattern] of [["timeline/index.html", /<a href="([^"#]+#month-\d{4}-\d{2})"/g], ["matrix/index.html", /<td><a href="([^"]+)"/g]]) {
    const html = await dom(fileURL(page));
    const links = [...html.matchAll(pattern)].map((m) => m[1]);
    assert.ok(links.length > 0, page);
    for (const link of links) {
      const target = resolve(page, link);
      const text = await readFile(path.join(site, target.page), "utf8");
      assert.match(text, new RegExp(`id="${target.fragment}"`), `${page} → ${link}`);
    }
  }
});
