// The script `archive serve` puts into the pages it serves, taken from a page of a running
// preview of the bundled archive and run against stand-ins for the browser's location, document
// and EventSource: a reload event that names pages reloads only those pages; one that names none
// reloads every page; the errors event shows its overlay.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";
import vm from "node:vm";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const archive = path.join(root, ".build", "debug", "archive");

let folder;
let server;
let script;
before(async () => {
  assert.ok(existsSync(archive), `${archive} is missing: run swift build first`);
  folder = await mkdtemp(path.join(tmpdir(), "archive-preview-"));
  for (const name of ["archive.yml", "content", "theme", "seeds"]) {
    await cp(path.join(root, name), path.join(folder, name), { recursive: true });
  }
  server = spawn(archive, ["serve", "--root", folder, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const address = await new Promise((resolve, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const found = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (found) resolve(found[0]);
    });
    server.on("exit", (code) => reject(new Error(`archive serve exited with ${code}: ${output}`)));
  });
  const page = await (await fetch(address + "statements/hands-off-peru/")).text();
  script = page.match(/<script data-archive-preview>([\s\S]*?)<\/script>/)[1];
});
after(async () => {
  // The server is stopped, and has finished writing, before its folder is removed.
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGINT");
    await exited;
  }
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Runs the script as a page at `pathname` would, and returns its event listeners and what it did. */
function open(pathname) {
  const listeners = {};
  const page = { reloads: 0, overlay: null, listeners };
  const context = {
    location: { pathname, reload: () => { page.reloads += 1; } },
    document: {
      getElementById: () => page.overlay,
      createElement: () => ({ style: {}, setAttribute() {}, remove() { page.overlay = null; } }),
      body: { appendChild: (element) => { page.overlay = element; } },
      querySelectorAll: () => [],
    },
    window: { EventSource: true },
    EventSource: class {
      addEventListener(name, listener) { listeners[name] = listener; }
    },
    URL, JSON, Date,
  };
  vm.runInNewContext(script, context);
  return page;
}

test("a reload naming pages reloads only those pages", () => {
  const statement = open("/statements/hands-off-peru/");
  statement.listeners.reload({ data: JSON.stringify(["index.html", "tags/peru/index.html"]) });
  assert.equal(statement.reloads, 0, "another page changed");
  statement.listeners.reload({ data: JSON.stringify(["statements/hands-off-peru/index.html"]) });
  assert.equal(statement.reloads, 1, "this page changed");

  const home = open("/");
  home.listeners.reload({ data: JSON.stringify(["index.html"]) });
  assert.equal(home.reloads, 1, "the home page is index.html");

  const named = open("/statements/index.html");
  named.listeners.reload({ data: JSON.stringify(["statements/index.html"]) });
  assert.equal(named.reloads, 1, "a page asked for by its file name");
});

test("a page whose address has accents or spaces is matched by its decoded path", () => {
  const page = open("/tags/represi%C3%B3n%20estatal/");
  page.listeners.reload({ data: JSON.stringify(["tags/represión estatal/index.html"]) });
  assert.equal(page.reloads, 1);
});

test("a reload naming no page reloads every page", () => {
  const page = open("/organisations/");
  page.listeners.reload({ data: "[]" });
  page.listeners.reload({ data: "" });
  assert.equal(page.reloads, 2);
});

test("errors show over the page, and go when fixed", () => {
  const page = open("/");
  page.listeners.errors({ data: JSON.stringify(["content/statements/a.md:2:8: error: invalid YAML"]) });
  assert.match(page.overlay.textContent, /a\.md:2:8: error: invalid YAML/);
  page.listeners.errors({ data: "[]" });
  assert.equal(page.overlay, null);
});
