// A static file server for the browser tests and the bench: serves the
// repository root on 127.0.0.1 (a free port), the way scripts/serve.sh does.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = normalize(join(fileURLToPath(import.meta.url), "..", "..", ".."));
const TYPES = {
  ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm",
};

/**
 * `isolated`: serve with COOP/COEP so performance.now() has fine resolution (bench).
 * `cache`: let the browser keep responses for 10 minutes (the bench's reload case)
 * instead of `no-store`.
 */
export function serve(root = ROOT, { isolated = false, cache = false } = {}) {
  const extra = isolated ? { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" } : {};
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": cache ? "max-age=600" : "no-store", ...extra });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** Polls `fn` in the page until it returns a truthy value; the error names `what`. */
export async function until(page, fn, arg, what, timeout = 10_000) {
  const h = await page.waitForFunction(fn, arg, { timeout, polling: 20 }).catch((e) => {
    throw new Error(`timed out waiting for ${what}: ${e.message}`);
  });
  return h.jsonValue();
}
