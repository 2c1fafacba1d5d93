// www/shared/bridges.js without a browser: the platform bridge's HTTP call
// against a stand-in fetch. Run: node --test tests/e2e/
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeBridges } from "../../www/shared/bridges.js";

const http = (fetch, args) => makeBridges({ connect: null, sforce: null, storage: null, fetch }).call("platform", "http", args);

test("HTTP Request: the answer is {status, headers, body}; a network error is NETWORK_ERROR", async () => {
  let seen;
  const ok = async (url, init) => { seen = { url, init }; return new Response("{\"a\":1}", { status: 201, headers: { "x-k": "v" } }); };
  const r = await http(ok, { url: "https://api.example.com/v1", method: "POST", body: { q: 1 } });
  assert.deepEqual(r, { status: 201, headers: { "content-type": "text/plain;charset=UTF-8", "x-k": "v" }, body: "{\"a\":1}" });
  assert.equal(seen.init.body, "{\"q\":1}");
  assert.equal(seen.init.redirect, "manual");
  await assert.rejects(http(async () => { throw new TypeError("Failed to fetch"); }, { url: "https://api.example.com/" }),
    { code: "NETWORK_ERROR", message: "Failed to fetch" });
});

// The engine allowed the URL's origin; a redirect would send the request
// (and its body) to one nobody allowed.
test("HTTP Request: a redirect is refused, not followed", async () => {
  // What a browser's fetch gives for redirect: "manual".
  const opaque = async () => ({ type: "opaqueredirect", status: 0, headers: new Headers(), text: async () => "" });
  await assert.rejects(http(opaque, { url: "https://api.example.com/a" }), (e) => {
    assert.equal(e.code, "REDIRECT_REFUSED");
    assert.match(e.message, /^https:\/\/api\.example\.com\/a answered with a redirect/);
    return true;
  });
  const moved = async () => new Response(null, { status: 307, headers: { location: "https://elsewhere.example.net/" } });
  await assert.rejects(http(moved, { url: "https://api.example.com/b", method: "POST", body: "x" }), { code: "REDIRECT_REFUSED" });
  // A 304, or a 300 with a Location, is an answer, not a redirect (as browsers read them).
  const notModified = async () => new Response(null, { status: 304 });
  assert.equal((await http(notModified, { url: "https://api.example.com/c" })).status, 304);
  const choices = async () => new Response("pick one", { status: 300, headers: { location: "https://api.example.com/d" } });
  assert.equal((await http(choices, { url: "https://api.example.com/c" })).status, 300);
});

test("Get Counter openAgentTabs: the adapter's count of its tabs, read-only", async () => {
  const b = makeBridges({ connect: null, sforce: null, storage: null, openTabs: async () => 3 });
  assert.equal(await b.call("platform", "getCounter", { key: "openAgentTabs" }), 3);
  await assert.rejects(b.call("platform", "updateCounter", { key: "openAgentTabs", delta: 1 }), { code: "READ_ONLY" });
  // Other counters are stored ones (no storage here: they fail, and say why).
  await assert.rejects(b.call("platform", "getCounter", { key: "calls" }), { code: "STORAGE_UNAVAILABLE" });
  // A count that cannot be read is a failure, not a throw.
  const broken = makeBridges({ connect: null, sforce: null, storage: null, openTabs: () => { throw new Error("no locks"); } });
  await assert.rejects(broken.call("platform", "getCounter", { key: "openAgentTabs" }), { code: "Error", message: "no locks" });
});
