// Preloaded into every test process with `node --import` (the Java harness does so when it sets
// PORTICO_E2E_SECRETS_FILE): wraps the global fetch, which realm-web and the tests' raw calls both use, and
// appends to that file, one JSON line {"kind", "value"} each, every secret and e-mail address that crossed the
// wire: passwords, confirmation and reset tokens, API keys, ID tokens, authorization codes and provider access
// tokens sent to the server, the access and refresh tokens and API keys it answered with, every bearer token
// sent, and the e-mail address inside any JWT sent. The harness then looks for each of them, in clear, in the
// database, the services' logs and the Kafka topic. Recording by field name, not by test, means a new
// provider's credentials are recorded as soon as a test sends them.

import { appendFileSync } from "node:fs";

const file = process.env.PORTICO_E2E_SECRETS_FILE;

/** JSON fields that carry a secret or an e-mail address, by name, and what they are. */
const FIELDS = {
  password: "password",
  token: "token",
  key: "API key",
  access_token: "access token",
  refresh_token: "refresh token",
  id_token: "ID token",
  authCode: "authorization code",
  accessToken: "provider access token",
  email: "e-mail address",
  username: "e-mail address",
};

if (file) {
  const seen = new Set();
  const record = (kind, value) => {
    // Shorter values (and "null", "0000…") could not tell a leak from a coincidence.
    if (typeof value !== "string" || value.length < 6 || /^(.)\1*$/.test(value)) return;
    if (kind === "e-mail address" && !value.includes("@")) return;
    const line = JSON.stringify({ kind, value });
    if (seen.has(line)) return;
    seen.add(line);
    appendFileSync(file, `${line}\n`);
    if (kind !== "e-mail address") emailInJwt(value);
  };
  const emailInJwt = (value) => {
    const parts = value.split(".");
    if (parts.length !== 3) return;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
      record("e-mail address", claims.email);
      record("e-mail address", claims.sub);
    } catch {
      // not a JWT
    }
  };
  const walk = (node) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === "object") {
      for (const [name, value] of Object.entries(node)) {
        if (Object.hasOwn(FIELDS, name)) record(FIELDS[name], value);
        walk(value);
      }
    }
  };
  const recordJson = (text) => {
    if (typeof text !== "string" || text.length === 0) return;
    try {
      walk(JSON.parse(text));
    } catch {
      // not JSON: nothing named to record
    }
  };

  const original = globalThis.fetch;
  globalThis.fetch = async function recordingFetch(input, init = {}) {
    const authorization = new Headers(init.headers ?? {}).get("authorization");
    if (authorization) record("bearer token", authorization.replace(/^Bearer /, ""));
    recordJson(init.body);
    const response = await original(input, init);
    recordJson(await response.clone().text());
    return response;
  };
}
