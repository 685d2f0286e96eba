// An archive whose every field is an attack, built and opened in a real browser (headless
// Chromium) from disk: the search results, the filters and the statement page show the text as
// text, and nothing from the content becomes an element or runs.
// Set ARCHIVE_BROWSER_TESTS=0 to skip where no Chromium is installed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const skip = process.env.ARCHIVE_BROWSER_TESTS === "0" ? "ARCHIVE_BROWSER_TESTS=0" : false;
const browser = ["chromium", "chromium-browser", "google-chrome"].map((name) => `/usr/bin/${name}`).find(existsSync);
const archive = path.join(root, ".build", "debug", "archive");

/** A payload that, if it ever ran or became markup, marks the page's body with where it came from. */
const attack = (field) =>
  `Hostile ${field} <img src=x onerror="document.body.dataset.pwned='${field}'"> "double" 'single' & ` +
  `</script><script>document.body.dataset.pwned='${field}-script'</script><svg onload="document.body.dataset.pwned='${field}-svg'">`;

let folder;
let site;
before(async () => {
  if (skip) return;
  assert.ok(existsSync(archive), `${archive} is missing: run swift build first`);
  folder = await mkdtemp(path.join(tmpdir(), "archive-hostile-"));
  await cp(path.join(root, "theme"), path.join(folder, "theme"), { recursive: true });
  await mkdir(path.join(folder, "content", "statements"), { recursive: true });
  await writeFile(path.join(folder, "content", "demands.yml"),
    `- id: hostile-demand\n  label: ${JSON.stringify(attack("demand"))}\n  phrases: { en: [hostile] }\n`);
  const front = [
    "---",
    `title: ${JSON.stringify(attack("title"))}`,
    "date: 2023-01-20",
    `organisation: ${JSON.stringify(attack("organisation"))}`,
    `author: ${JSON.stringify(attack("author"))}`,
    `publication: ${JSON.stringify(attack("publication"))}`,
    `summary: ${JSON.stringify(attack("summary"))}`,
    `tags: [${JSON.stringify(attack("tag"))}]`,
    "demands: [hostile-demand]",
    "---",
    "",
    attack("body"),
    "",
    "[a link](javascript:document.body.dataset.pwned='link') and hostile words.",
    "",
  ].join("\n");
  await writeFile(path.join(folder, "content", "statements", "hostile.md"), front);
  await new Promise((resolve, reject) =>
    execFile(archive, ["build", "--root", folder, "--quiet"], (error, stdout, stderr) =>
      (error ? reject(new Error(stderr)) : resolve())));
  site = path.join(folder, "site");
});
after(() => folder && rm(folder, { recursive: true, force: true }));

/** The page's DOM after its scripts have run. */
function dom(url) {
  assert.ok(browser, "Chromium is not installed: run script/bootstrap, or set ARCHIVE_BROWSER_TESTS=0");
  return new Promise((resolve, reject) => {
    execFile(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--virtual-time-budget=10000", "--dump-dom", url],
      { timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** Fails if anything from the content became an element, an attribute or ran. */
function assertInert(html, where) {
  assert.doesNotMatch(html, /data-pwned/, `${where}: a payload ran`);
  assert.doesNotMatch(html, /<img\b/i, `${where}: an <img> was made from content`);
  assert.doesNotMatch(html, /<svg\b[^>]*onload/i, `${where}: an <svg> was made from content`);
  assert.doesNotMatch(html, /<script>document/i, `${where}: a <script> was made from content`);
  assert.doesNotMatch(html, /href="javascript:/i, `${where}: a javascript: link was made`);
}

test("search results and filters show hostile fields as text", { skip }, async () => {
  const html = await dom(pathToFileURL(path.join(site, "search", "index.html")).href + "?q=hostile");
  const list = html.match(/<ol id="search-results"[^>]*>([\s\S]*?)<\/ol>/)?.[1] ?? "";
  assert.match(list, /Hostile title &lt;img src=x onerror="document\.body\.dataset\.pwned='title'"&gt;/,
    "the title is shown, escaped, in the results");
  assert.match(list, /<mark>Hostile<\/mark>/, "the query is marked as text");
  assertInert(html, "search page");
});

test("the statement page, its JSON-LD and the feeds keep hostile fields inert", { skip }, async () => {
  const page = path.join(site, "statements", "hostile", "index.html");
  const source = await readFile(page, "utf8");
  const linkedData = source.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
  assert.ok(linkedData, "the page has its JSON-LD");
  assert.equal(JSON.parse(linkedData).headline ?? JSON.parse(linkedData)["@graph"]?.[0]?.headline, attack("title"));
  const html = await dom(pathToFileURL(page).href);
  // Raw HTML in a body never reaches the page, and a javascript: link loses its address.
  assert.match(html, /Hostile<\/mark> body <!-- raw HTML omitted --> "double" 'single' &amp; /);
  assert.match(html, /<a href="">a link<\/a>/);
  assertInert(html, "statement page");
  for (const other of ["organisations/index.html", "demands/hostile-demand/index.html", "timeline/index.html"]) {
    assertInert(await dom(pathToFileURL(path.join(site, other)).href), other);
  }
});
