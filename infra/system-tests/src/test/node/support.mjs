// What the realm-web tests share: the server under test, a realm-web App per test that records its requests,
// raw HTTP calls, JWT helpers, and the record of the users the tests create and end.
//
// Environment:
//   PORTICO_BASE_URL              base URL handed to `new App({ baseUrl })`, e.g. http://127.0.0.1:8080 (required)
//   PORTICO_APP_ID                client app id with the anonymous provider enabled (required)
//   PORTICO_E2E_SIGNING_KEYS_DIR  the server's keys directory (JWK files), or
//   PORTICO_E2E_SIGNING_JWK       the server's private signing key as a JWK (JSON): one of them is needed to
//                                 mint a correctly signed but expired access token
//   PORTICO_E2E_GOOGLE_*, _APPLE_*, _FACEBOOK_*
//                                 the stand-ins of the identity providers (oauth-and-function.test.mjs): their
//                                 signing keys (JWK), issuers and client ids, a Google authorization code and
//                                 the subject it stands for, a Facebook user's token, id and profile
//   PORTICO_E2E_MAIL_DIR          the directory where the harness's SMTP server (EmbeddedMail) writes each
//                                 message it received as a text file, as under `./portico up` (.portico/mail)
//   PORTICO_E2E_USERS_FILE        optional: a file the tests append one JSON line to per user they create
//                                 ({"event":"created","user","identity","test"}) and per user they end
//                                 ({"event":"ended","user","reason"}); the Java harness checks these users in
//                                 the event store, on the lifecycle topic and in the read API.

import { createPrivateKey, sign as cryptoSign } from "node:crypto";
import { appendFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Credentials } from "realm-web";

export const baseUrl = (process.env.PORTICO_BASE_URL || "").replace(/\/+$/, "");
export const appId = process.env.PORTICO_APP_ID || "";
if (!baseUrl || !appId) {
  throw new Error("set PORTICO_BASE_URL (e.g. http://127.0.0.1:8080) and PORTICO_APP_ID (e.g. portico-dev)");
}

export const HEX24 = /^[0-9a-f]{24}$/;
export const ZERO_ID = "000000000000000000000000";

export const paths = {
  location: `/api/client/v2.0/app/${appId}/location`,
  login: `/api/client/v2.0/app/${appId}/auth/providers/anon-user/login`,
  profile: "/api/client/v2.0/auth/profile",
  session: "/api/client/v2.0/auth/session",
  delete: "/api/client/v2.0/auth/delete",
  jwks: "/.well-known/jwks.json",
};

/** The messages the server answers refused tokens with (error_code InvalidSession unless noted). */
export const messages = {
  badSignature: "invalid session: signature is invalid",
  segments: "invalid session: token contains an invalid number of segments",
  expired: "invalid session: access token expired",
  sessionEnded: "invalid session: session has ended",
  noRefreshToken: "invalid session: failed to find refresh token",
  mustAuthenticate: "must authenticate first", // error_code MissingAuthReq
};

// --- a Storage implementation (the `storage` option is public API; this mirrors a browser's localStorage) -----

export class MapStorage {
  constructor(map = new Map(), keyPrefix = "") {
    this.map = map;
    this.keyPrefix = keyPrefix;
    this.listeners = new Set();
  }
  get(key) {
    const value = this.map.get(this.keyPrefix + key);
    return value === undefined ? null : value;
  }
  set(key, value) {
    this.map.set(this.keyPrefix + key, value);
  }
  remove(key) {
    this.map.delete(this.keyPrefix + key);
  }
  prefix(keyPart) {
    return new MapStorage(this.map, `${this.keyPrefix}${keyPart}:`);
  }
  clear(prefix = "") {
    for (const key of [...this.map.keys()]) {
      if (key.startsWith(this.keyPrefix + prefix)) this.map.delete(key);
    }
  }
  addListener(listener) {
    this.listeners.add(listener);
  }
  removeListener(listener) {
    this.listeners.delete(listener);
  }
}

export const deviceIdKey = `app(${appId}):deviceId`;
export const accessTokenKey = (userId) => `app(${appId}):user(${userId}):accessToken`;

// --- a realm-web App per test, recording its requests (the `fetch` option is public API) ----------------------

/** At most this many requests per App: a refresh-and-retry loop fails its test instead of hanging it. */
const REQUEST_BUDGET = 30;

function bearerOf(headers) {
  const value = headers && (headers.Authorization ?? headers.authorization);
  return value === undefined ? undefined : String(value).replace(/^Bearer /, "");
}

/**
 * A new realm-web App for PORTICO_APP_ID (or app `id`) on its own storage (or the given one, like a page
 * reload). `requests` lists every request as {method, path, bearer, status}; `since(mark)` renders those from
 * index `mark` on as "METHOD path auth status" with auth one of none, null (the text "Bearer null") or token.
 */
export function newClient({ storage = new MapStorage(), id = appId } = {}) {
  const requests = [];
  async function recordingFetch(url, init = {}) {
    if (requests.length >= REQUEST_BUDGET) {
      throw new Error(`more than ${REQUEST_BUDGET} requests (realm-web caught in a refresh-and-retry loop?): `
        + JSON.stringify(render(requests.slice(-6))));
    }
    const u = new URL(url);
    const entry = { method: init.method || "GET", path: u.pathname + u.search, bearer: bearerOf(init.headers), status: 0 };
    requests.push(entry);
    const response = await fetch(url, init);
    entry.status = response.status;
    return response;
  }
  const app = new App({ id, baseUrl, fetch: recordingFetch, storage });
  return {
    app,
    storage,
    requests,
    mark: () => requests.length,
    since: (mark = 0) => render(requests.slice(mark)),
  };
}

function render(requests) {
  return requests.map((r) => {
    const auth = r.bearer === undefined ? "none" : r.bearer === "null" ? "null" : "token";
    return `${r.method} ${r.path} ${auth} ${r.status}`;
  });
}

// --- the users the tests create and end, for the Java harness ----------------------------------------------------

function record(entry) {
  const file = process.env.PORTICO_E2E_USERS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/** Logs in a new anonymous user (Credentials.anonymous(false)) and records it as created by test `t`. */
export async function logInNewUser(t, client) {
  const user = await client.app.logIn(Credentials.anonymous(false));
  recordCreated(t, user);
  return user;
}

/** Records that test `t` created `user` (logged in for the first time). */
export function recordCreated(t, user) {
  record({ event: "created", user: user.id, identity: user.identities[0]?.id ?? null,
    provider: user.identities[0]?.providerType ?? null, test: t.name });
}

/** Records that `user` got an identity of `providerType` by linking, after the one it was created with. */
export function recordLinked(user, providerType) {
  record({ event: "linked", user: user.id, provider: providerType });
}

/** Records that the server has ended `user`; `reason` is the deletion reason of its lifecycle event. */
export function recordEnded(user, reason) {
  record({ event: "ended", user: user.id, reason });
}

// --- raw HTTP ------------------------------------------------------------------------------------------------------

/** A request without realm-web: {status, contentType, body (parsed when JSON), headers}. */
export async function raw(method, path, { token, headers = {} } = {}) {
  const allHeaders = { Accept: "application/json", ...headers };
  if (token !== undefined) allHeaders.Authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + path, { method, headers: allHeaders });
  const contentType = response.headers.get("content-type");
  const text = await response.text();
  const body = contentType && contentType.startsWith("application/json") && text.length > 0 ? JSON.parse(text) : text;
  return { status: response.status, contentType, body, headers: response.headers };
}

/** Status, exact Content-Type application/json and exact error body {error, error_code}. */
export function errorAnswer(response) {
  return { status: response.status, contentType: response.contentType, body: response.body };
}

export function expectedError(status, errorCode, error) {
  return { status, contentType: "application/json", body: { error, error_code: errorCode } };
}

// --- JWTs ------------------------------------------------------------------------------------------------------------

export function decodeJwt(token) {
  const parts = String(token).split(".");
  if (parts.length !== 3) throw new Error(`expected 3 JWT segments, got ${parts.length}`);
  return {
    header: JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")),
    payload: JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")),
    signature: parts[2],
  };
}

function encodeSegment(value) {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Same header and payload, one character of the signature changed (a middle one, so the bytes change). */
export function tamperSignature(token) {
  const [h, p, s] = token.split(".");
  const i = Math.floor(s.length / 2);
  const replacement = s[i] === "A" ? "B" : "A";
  return `${h}.${p}.${s.slice(0, i)}${replacement}${s.slice(i + 1)}`;
}

/** Payload changed (a year's later expiry) with the original signature kept. */
export function tamperPayload(token) {
  const { header, payload, signature } = decodeJwt(token);
  return `${encodeSegment(header)}.${encodeSegment({ ...payload, exp: payload.exp + 365 * 24 * 3600 })}.${signature}`;
}

/** The token's claims with exp an hour ago, signed ES256 with the server's own key. */
export function mintExpired(token) {
  const { header, payload } = decodeJwt(token);
  if (header.alg !== "ES256") throw new Error(`cannot sign ${header.alg}`);
  const now = Math.floor(Date.now() / 1000);
  const signingInput = `${encodeSegment(header)}.${encodeSegment({ ...payload, iat: now - 7200, exp: now - 3600 })}`;
  const key = createPrivateKey({ key: signingKeyFor(header.kid), format: "jwk" });
  const signature = cryptoSign("sha256", Buffer.from(signingInput, "utf8"), { key, dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** A JWT with these claims, signed RS256 with the private RSA key `jwk` (a stand-in provider's). */
export function signRs256(claims, jwk) {
  const signingInput = `${encodeSegment({ alg: "RS256", kid: jwk.kid, typ: "JWT" })}.${encodeSegment(claims)}`;
  const key = createPrivateKey({ key: jwk, format: "jwk" });
  return `${signingInput}.${cryptoSign("sha256", Buffer.from(signingInput, "utf8"), key).toString("base64url")}`;
}

/** The server's private key with id `kid`, from PORTICO_E2E_SIGNING_JWK or PORTICO_E2E_SIGNING_KEYS_DIR. */
function signingKeyFor(kid) {
  if (process.env.PORTICO_E2E_SIGNING_JWK) return JSON.parse(process.env.PORTICO_E2E_SIGNING_JWK);
  const dir = process.env.PORTICO_E2E_SIGNING_KEYS_DIR;
  if (!dir) {
    throw new Error("minting an expired token needs the server's signing key: set PORTICO_E2E_SIGNING_KEYS_DIR or PORTICO_E2E_SIGNING_JWK");
  }
  const keys = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
  const key = keys.find((k) => k.kid === kid);
  if (!key) throw new Error(`no key with kid ${kid} among ${keys.map((k) => k.kid)} in ${dir}`);
  return key;
}

// --- the mail the server sent ---------------------------------------------------------------------------------

const MAIL_PATIENCE_MS = 20_000;
const MAIL_POLL_MS = 100;

/** The messages to `address` (case-insensitive) in PORTICO_E2E_MAIL_DIR so far, oldest first: {to, subject, text}. */
export function mailTo(address) {
  const dir = process.env.PORTICO_E2E_MAIL_DIR;
  if (!dir) throw new Error("set PORTICO_E2E_MAIL_DIR to the directory the SMTP server writes messages to");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith(".txt")).sort().map((name) => {
    const content = readFileSync(join(dir, name), "utf8");
    const split = content.indexOf("\n\n");
    const headers = Object.fromEntries(content.slice(0, split).split("\n").map((line) => {
      const colon = line.indexOf(": ");
      return [line.slice(0, colon), line.slice(colon + 2)];
    }));
    return { to: headers.To.split(", "), subject: headers.Subject, text: content.slice(split + 2) };
  }).filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()));
}

/**
 * Waits (the server sends mail after it has answered) until `address` has received its `n`th message, and
 * returns that message with the link in it that starts with `linkPrefix`, and the link's token and tokenId.
 */
export async function awaitMail(address, n, linkPrefix) {
  const deadline = Date.now() + MAIL_PATIENCE_MS;
  let received = mailTo(address);
  while (received.length < n) {
    if (Date.now() > deadline) {
      throw new Error(`no message number ${n} to ${address} within ${MAIL_PATIENCE_MS} ms; received ${received.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, MAIL_POLL_MS));
    received = mailTo(address);
  }
  const mail = received[n - 1];
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(linkPrefix));
  if (!link) throw new Error(`no link to ${linkPrefix} in the message to ${address}:\n${mail.text}`);
  const query = new URL(link).searchParams;
  return { ...mail, link, token: query.get("token"), tokenId: query.get("tokenId") };
}
