// End-to-end scenario for the unmodified realm-web 2.0.1 SDK against a running Portico command-service.
//
// Environment:
//   PORTICO_BASE_URL          base URL handed to `new App({ baseUrl })`, e.g. http://127.0.0.1:8080 (required)
//   PORTICO_APP_ID            client app id with the anonymous provider enabled (required)
//   PORTICO_E2E_SIGNING_JWK   optional: the server's private signing key as a JWK (JSON), or
//   PORTICO_E2E_SIGNING_KEYS_DIR  optional: the server's keys directory (JWK files; the one with the token's kid).
//                             With either the script mints a correctly signed but expired access token;
//                             without both that check is skipped (and listed under "skipped").
//   PORTICO_E2E_MAX_REQUESTS  optional: request budget (default 400); guards against refresh-and-retry loops.
//
// Output: progress on stderr; exactly one JSON document on stdout:
//   { ok, checks: [{name, ok, detail?}], warnings: [{name, detail}], skipped: [...], users: {first, second, third,
//     survivor}, expectDeleted: [ids], expectAlive: [ids], requests: [{method, path, auth, status}] }
//   expectDeleted lists the users the scenario ended (logout of an anonymous user deletes it; deleteUser),
//   expectAlive the ones still there; the harness checks both against the lifecycle topic and the read API.
// Exit code 0 when every check passed, 1 when a check failed, 2 on bad usage.
//
// Only realm-web's public API is used: App (id, baseUrl, fetch, storage), Credentials, User (id, state, profile,
// identities, customData, accessToken setter, refreshToken, refreshProfile, refreshAccessToken, logOut, toJSON),
// app.currentUser, app.allUsers, app.removeUser, app.deleteUser. Raw `fetch` calls check wire-level answers.

import { createHash, createHmac, createPrivateKey, sign as cryptoSign, constants as cryptoConstants } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { App, Credentials, MongoDBRealmError } from "realm-web";

const baseUrl = (process.env.PORTICO_BASE_URL || "").replace(/\/+$/, "");
const appId = process.env.PORTICO_APP_ID || "";
const maxRequests = Number(process.env.PORTICO_E2E_MAX_REQUESTS || 400);
if (!baseUrl || !appId) {
  process.stderr.write("usage: PORTICO_BASE_URL=http://host:port PORTICO_APP_ID=<app id> node e2e.mjs\n");
  process.exit(2);
}

const HEX24 = /^[0-9a-f]{24}$/;
const ZERO_ID = "000000000000000000000000";
const SESSION_PATH = "/api/client/v2.0/auth/session";
const PROFILE_PATH = "/api/client/v2.0/auth/profile";
const DELETE_PATH = "/api/client/v2.0/auth/delete";
const MISSING_REFRESH_TOKEN = "invalid session: failed to find refresh token";

const result = {
  ok: false, baseUrl, appId, checks: [], warnings: [], skipped: [], users: {}, expectDeleted: [], expectAlive: [],
  requests: [],
};

function log(message) {
  process.stderr.write(`[e2e] ${message}\n`);
}

function short(value) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "undefined" : text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** A check that fails the run. */
function check(name, ok, detail) {
  result.checks.push(ok ? { name, ok: true } : { name, ok: false, detail: short(detail) });
  log(`${ok ? "ok  " : "FAIL"} ${name}${ok ? "" : ` :: ${short(detail)}`}`);
  return ok;
}

/** Spec conformance that realm-web itself does not depend on: reported, never fatal. */
function advise(name, ok, detail) {
  if (!ok) {
    result.warnings.push({ name, detail: short(detail) });
    log(`warn ${name} :: ${short(detail)}`);
  }
  return ok;
}

function equal(name, actual, expected) {
  return check(name, isDeepStrictEqual(actual, expected), { expected, actual });
}

/** Runs one part of the scenario; an exception fails it and the parts that depend on its result. */
async function part(name, fn) {
  try {
    return await fn();
  } catch (err) {
    check(`${name}: completes without error`, false, describeError(err));
    return undefined;
  }
}

function describeError(err) {
  if (err instanceof MongoDBRealmError) {
    return { message: err.message, statusCode: err.statusCode, errorCode: err.errorCode, error: err.error };
  }
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

// --- request recording (the `fetch` option of the App configuration is public API) ---------------------------

let budgetExceeded = false;
function authKind(headers) {
  const value = headers && (headers.Authorization ?? headers.authorization);
  if (value === undefined) return "none";
  if (value === "Bearer null") return "null";
  return "token";
}

async function recordingFetch(url, init = {}) {
  if (result.requests.length >= maxRequests) {
    budgetExceeded = true;
    throw new Error(`request budget of ${maxRequests} exceeded: realm-web is probably caught in a refresh-and-retry loop`);
  }
  const u = new URL(url);
  const entry = { method: init.method || "GET", path: u.pathname + u.search, auth: authKind(init.headers), status: 0 };
  result.requests.push(entry);
  const response = await fetch(url, init);
  entry.status = response.status;
  return response;
}

function mark() {
  return result.requests.length;
}

function requestsSince(index) {
  return result.requests.slice(index).map((r) => `${r.method} ${r.path} [${r.auth}] -> ${r.status}`);
}

// --- a Storage implementation (the `storage` option is public API; this mirrors a browser's localStorage) -----

class MapStorage {
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

// --- raw HTTP and token helpers --------------------------------------------------------------------------------

async function raw(method, url, { token, headers = {} } = {}) {
  const allHeaders = { Accept: "application/json", ...headers };
  if (token !== undefined) allHeaders.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { method, headers: allHeaders });
  const contentType = response.headers.get("content-type");
  const text = await response.text();
  let body = text;
  if (contentType && contentType.startsWith("application/json") && text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, contentType, body, headers: response.headers };
}

/** 401 + error_code InvalidSession (+ exact error text when given), as realm-web's refresh logic needs. */
function checkInvalidSession(name, response, expectedError) {
  const body = response.body && typeof response.body === "object" ? response.body : {};
  const ok =
    response.status === 401 &&
    typeof response.contentType === "string" &&
    response.contentType.startsWith("application/json") &&
    body.error_code === "InvalidSession" &&
    (expectedError === undefined || body.error === expectedError);
  check(name, ok, {
    expected: { status: 401, error_code: "InvalidSession", ...(expectedError ? { error: expectedError } : {}) },
    actual: { status: response.status, contentType: response.contentType, body: response.body },
  });
  if (response.status === 401 && response.contentType) {
    advise(`${name}: Content-Type is exactly application/json (core SDKs compare it exactly)`,
      response.contentType === "application/json", response.contentType);
  }
}

/**
 * Repeats a raw request for up to 5 s until it is refused with 401, for effects that a server may apply a moment
 * after it answered; a delay is reported as a warning.
 */
async function eventually(name, request) {
  const started = Date.now();
  let attempts = 1;
  let response = await request();
  while (response.status !== 401 && Date.now() - started < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    attempts += 1;
    response = await request();
  }
  advise(`${name}: refused right after the SDK call returned`, attempts === 1,
    `${attempts} attempts over ${Date.now() - started} ms`);
  return response;
}

function decodeJwt(token) {
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
function tamperSignature(token) {
  const [h, p, s] = token.split(".");
  const i = Math.floor(s.length / 2);
  const replacement = s[i] === "A" ? "B" : "A";
  return `${h}.${p}.${s.slice(0, i)}${replacement}${s.slice(i + 1)}`;
}

/** Payload changed (later expiry) with the original signature kept. */
function tamperPayload(token) {
  const { header, payload, signature } = decodeJwt(token);
  const forged = { ...payload, exp: payload.exp + 365 * 24 * 3600 };
  return `${encodeSegment(header)}.${encodeSegment(forged)}.${signature}`;
}

/** Re-signs the token's claims with exp in the past, with the server's own key (when the harness passes it). */
function mintExpired(token, jwk) {
  const { header, payload } = decodeJwt(token);
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...payload, iat: now - 7200, exp: now - 3600 };
  if (payload.nbf !== undefined) claims.nbf = now - 7200;
  const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`;
  const alg = header.alg;
  let signature;
  if (alg === "HS256" || alg === "HS384" || alg === "HS512") {
    signature = createHmac(`sha${alg.slice(2)}`, Buffer.from(jwk.k, "base64url")).update(signingInput).digest();
  } else {
    const key = createPrivateKey({ key: jwk, format: "jwk" });
    const data = Buffer.from(signingInput, "utf8");
    if (alg === "RS256" || alg === "RS384" || alg === "RS512") {
      signature = cryptoSign(`sha${alg.slice(2)}`, data, key);
    } else if (alg === "PS256" || alg === "PS384" || alg === "PS512") {
      const bits = Number(alg.slice(2));
      signature = cryptoSign(`sha${bits}`, data, {
        key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: bits / 8,
      });
    } else if (alg === "ES256" || alg === "ES384" || alg === "ES512") {
      signature = cryptoSign(`sha${alg === "ES512" ? 512 : alg.slice(2)}`, data, { key, dsaEncoding: "ieee-p1363" });
    } else if (alg === "EdDSA") {
      signature = cryptoSign(null, data, key);
    } else {
      throw new Error(`cannot sign ${alg}`);
    }
  }
  return `${signingInput}.${Buffer.from(signature).toString("base64url")}`;
}

/**
 * The server's private key that signed `token`: PORTICO_E2E_SIGNING_JWK (a JWK), or the JWK file in
 * PORTICO_E2E_SIGNING_KEYS_DIR whose kid is the token's. Null when neither is set.
 */
function signingKeyFor(token) {
  if (process.env.PORTICO_E2E_SIGNING_JWK) return JSON.parse(process.env.PORTICO_E2E_SIGNING_JWK);
  const dir = process.env.PORTICO_E2E_SIGNING_KEYS_DIR;
  if (!dir) return null;
  const { kid } = decodeJwt(token).header;
  const keys = readdirSync(dir).filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
  const key = keys.find((k) => k.kid === kid);
  if (!key) throw new Error(`no key with kid ${kid} among ${keys.map((k) => k.kid)} in ${dir}`);
  return key;
}

function fingerprint(token) {
  return token ? createHash("sha256").update(token).digest("hex").slice(0, 12) : token;
}

/**
 * Sets a bad access token through User's public setter, lets realm-web fetch the profile, and expects the
 * 401 -> refresh -> retry recovery: GET profile 401, POST session 2xx, GET profile 200.
 */
async function expectRecovery(name, user, badToken) {
  user.accessToken = badToken;
  const before = mark();
  await part(`${name}: refreshProfile() recovers`, async () => {
    await user.refreshProfile();
    // A freshly built App resolves its location first; that request is not part of the recovery.
    const recovery = result.requests.slice(before).filter((r) => !r.path.endsWith("/location"));
    const seen = recovery.map((r) => `${r.method} ${r.path} [${r.auth}] -> ${r.status}`);
    const [first, second, third] = recovery;
    check(`${name}: realm-web got 401 on the profile, refreshed, and retried successfully`,
      seen.length === 3 &&
        first.method === "GET" && first.path === PROFILE_PATH && first.status === 401 &&
        second.method === "POST" && second.path === SESSION_PATH && second.status >= 200 && second.status < 300 &&
        third.method === "GET" && third.path === PROFILE_PATH && third.status === 200,
      seen);
    check(`${name}: user holds a new access token`, user.accessToken !== badToken && decodeJwt(user.accessToken).payload.sub === user.id,
      fingerprint(user.accessToken));
    check(`${name}: user still active`, user.state === "active", user.state);
  });
}

// --- the scenario ------------------------------------------------------------------------------------------------

async function main() {
  const storage = new MapStorage();
  const app = new App({ id: appId, baseUrl, fetch: recordingFetch, storage });
  const locationPath = `/api/client/v2.0/app/${appId}/location`;

  // Location (spec 1.1): realm-web uses `hostname`; core SDKs also need ws_hostname.
  let hostname = baseUrl;
  await part("location", async () => {
    const location = await raw("GET", baseUrl + locationPath);
    check("location: 200 application/json", location.status === 200 &&
      String(location.contentType).startsWith("application/json"), location);
    check("location: hostname is a string without a trailing slash",
      typeof location.body?.hostname === "string" && !location.body.hostname.endsWith("/"), location.body);
    advise("location: ws_hostname is a string (core SDKs require it)", typeof location.body?.ws_hostname === "string",
      location.body);
    if (typeof location.body?.hostname === "string") hostname = location.body.hostname.replace(/\/+$/, "");
    const unknown = await raw("GET", `${baseUrl}/api/client/v2.0/app/no-such-app-${Date.now()}/location`);
    advise("location: an unknown app id gives 404", unknown.status === 404, unknown);

    // CORS (spec 1.7) matters to browsers only, so it is advisory here.
    const origin = "http://app.example.test";
    const simple = await raw("GET", baseUrl + locationPath, { headers: { Origin: origin } });
    advise("CORS: location answers with Access-Control-Allow-Origin",
      !!simple.headers.get("access-control-allow-origin"), Object.fromEntries(simple.headers));
    const preflight = await fetch(hostname + PROFILE_PATH, {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization,content-type" },
    });
    const allowHeaders = (preflight.headers.get("access-control-allow-headers") || "").toLowerCase();
    advise("CORS: preflight of /auth/profile allows Authorization and Content-Type",
      preflight.ok && !!preflight.headers.get("access-control-allow-origin") &&
        allowHeaders.includes("authorization") && allowHeaders.includes("content-type"),
      { status: preflight.status, headers: Object.fromEntries(preflight.headers) });
  });

  // 1. First anonymous user.
  const loginMark = mark();
  const user1 = await part("first anonymous login", () => app.logIn(Credentials.anonymous(false)));
  if (!user1) return;
  result.users.first = user1.id;
  check("first login: one location request, one login, one profile fetch",
    isDeepStrictEqual(result.requests.slice(loginMark).map((r) => `${r.method} ${r.path.split("?")[0]} ${r.auth}`), [
      `GET ${locationPath} none`,
      `POST /api/client/v2.0/app/${appId}/auth/providers/anon-user/login none`,
      `GET ${PROFILE_PATH} token`,
    ]) && result.requests.slice(loginMark).every((r) => r.status >= 200 && r.status < 300), requestsSince(loginMark));
  check("first user: id is a 24-hex string", HEX24.test(user1.id), user1.id);
  equal("first user: state", user1.state, "active");
  check("first user: is app.currentUser", app.currentUser === user1, app.currentUser?.id);
  equal("first user: providerType", user1.providerType, "anon-user");
  equal("first user: profile data is empty", user1.profile, {});
  const identities = user1.identities;
  check("first user: one anon-user identity with a string id",
    Array.isArray(identities) && identities.length === 1 && identities[0].providerType === "anon-user" &&
      typeof identities[0].id === "string" && identities[0].id.length > 0 &&
      isDeepStrictEqual(Object.keys(identities[0]).sort(), ["id", "providerType"]), identities);
  advise("first user: identity id has the Atlas anonymous form <24hex>-<24 letters>",
    /^[0-9a-f]{24}-[a-z]{24}$/.test(identities?.[0]?.id ?? ""), identities?.[0]?.id);
  equal("first user: profile type", user1.toJSON().profile?.type, "normal");
  equal("first user: customData", user1.customData, {});
  await part("first user: access token claims", async () => {
    const { payload } = decodeJwt(user1.accessToken);
    check("access token: numeric exp and iat, sub = user id",
      typeof payload.exp === "number" && typeof payload.iat === "number" && payload.sub === user1.id, payload);
    advise("access token: lifetime is 30 minutes (exp - iat = 1800)", payload.exp - payload.iat === 1800, payload);
    advise("access token: typ claim is \"access\"", payload.typ === "access", payload.typ);
  });
  await part("first user: raw profile", async () => {
    const profile = await raw("GET", hostname + PROFILE_PATH, { token: user1.accessToken });
    const body = profile.body ?? {};
    check("raw profile: 200 with user_id, type normal, one anon-user identity, empty data",
      profile.status === 200 && body.user_id === user1.id && body.type === "normal" &&
        Array.isArray(body.identities) && body.identities.length === 1 &&
        body.identities[0].provider_type === "anon-user" && body.identities[0].id === identities?.[0]?.id &&
        isDeepStrictEqual(body.data, {}), profile);
    advise("raw profile: Content-Type is exactly application/json", profile.contentType === "application/json",
      profile.contentType);
  });
  const storedDeviceId = storage.get(`app(${appId}):deviceId`);
  advise("login: device_id is a non-zero 24-hex id (a device was sent)",
    typeof storedDeviceId === "string" && HEX24.test(storedDeviceId) && storedDeviceId !== ZERO_ID, storedDeviceId);
  advise("access token: baas_device_id matches the login's device_id", user1.deviceId === storedDeviceId,
    { claim: user1.deviceId, response: storedDeviceId });

  // 2. Credentials.anonymous() (reuse = true) returns the same User without a login request.
  await part("anonymous reuse", async () => {
    const before = mark();
    const again = await app.logIn(Credentials.anonymous());
    check("reuse: Credentials.anonymous() returns the existing anonymous user", again === user1, again?.id);
    check("reuse: no login request, only a profile fetch",
      isDeepStrictEqual(result.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`),
        [`GET ${PROFILE_PATH} 200`]), requestsSince(before));
  });

  // 3. A second, distinct anonymous user with anonymous(false); it stays until it is deleted below.
  const user2 = await part("second anonymous login", () => app.logIn(Credentials.anonymous(false)));
  if (user2) {
    result.users.second = user2.id;
    check("second user: a new user id", user2.id !== user1.id && HEX24.test(user2.id), user2.id);
    check("second user: is app.currentUser", app.currentUser === user2, app.currentUser?.id);
    check("both users listed in app.allUsers", user1.id in app.allUsers && user2.id in app.allUsers,
      Object.keys(app.allUsers));
    // realm-web sends the stored device id ({"$oid": ...}) with every later login; the server keeps it.
    advise("second login: the device id realm-web sent is kept", user2.deviceId === storedDeviceId,
      { sent: storedDeviceId, claim: user2.deviceId });
  }

  // 4. Explicit refresh (spec 7.1).
  await part("refreshAccessToken", async () => {
    const before = mark();
    await user1.refreshAccessToken();
    const [req] = result.requests.slice(before);
    check("refresh: POST /auth/session with the refresh token succeeds",
      req && req.method === "POST" && req.path === SESSION_PATH && req.status >= 200 && req.status < 300,
      requestsSince(before));
    advise("refresh: status 201 as on Atlas", req?.status === 201, req?.status);
    check("refresh: new access token is for the same user", decodeJwt(user1.accessToken).payload.sub === user1.id,
      decodeJwt(user1.accessToken).payload);
    await user1.refreshProfile();
    equal("refresh: profile still readable with the new token", user1.profile, {});
  });

  // 5. Bad access tokens: raw answers first, then realm-web's automatic recovery.
  await part("bad access tokens", async () => {
    const good = user1.accessToken;
    const forged = tamperSignature(good);
    checkInvalidSession("forged signature: GET /auth/profile -> 401 InvalidSession",
      await raw("GET", hostname + PROFILE_PATH, { token: forged }));
    checkInvalidSession("tampered payload: GET /auth/profile -> 401 InvalidSession",
      await raw("GET", hostname + PROFILE_PATH, { token: tamperPayload(good) }));
    checkInvalidSession("Bearer null: GET /auth/profile -> 401 InvalidSession",
      await raw("GET", hostname + PROFILE_PATH, { token: "null" }));
    checkInvalidSession("refresh token used as access token: GET /auth/profile -> 401 InvalidSession",
      await raw("GET", hostname + PROFILE_PATH, { token: user1.refreshToken }));
    const noHeader = await raw("GET", hostname + PROFILE_PATH);
    check("no Authorization: GET /auth/profile -> 401", noHeader.status === 401, noHeader);
    advise("no Authorization: error_code MissingAuthReq (spec 13)", noHeader.body?.error_code === "MissingAuthReq",
      noHeader.body);
    const accessAsRefresh = await raw("POST", hostname + SESSION_PATH, { token: good });
    checkInvalidSession("access token used as refresh token: POST /auth/session -> 401 InvalidSession", accessAsRefresh);

    await expectRecovery("forged access token", user1, forged);
    await expectRecovery("Bearer null access token", user1, null);
    const jwk = signingKeyFor(user1.accessToken);
    if (jwk) {
      const expired = mintExpired(user1.accessToken, jwk);
      checkInvalidSession("expired (correctly signed) token: GET /auth/profile -> 401 InvalidSession",
        await raw("GET", hostname + PROFILE_PATH, { token: expired }));
      await expectRecovery("expired access token", user1, expired);
    } else {
      result.skipped.push("expired access token (neither PORTICO_E2E_SIGNING_JWK nor PORTICO_E2E_SIGNING_KEYS_DIR given)");
      log("skip expired access token: no signing key given");
    }
  });

  // 6. A corrupted token in the App's storage (like a stale localStorage after a reload): a new App hydrates
  //    the user from storage and recovers on its first call.
  await part("hydration from corrupted storage", async () => {
    storage.set(`app(${appId}):user(${user1.id}):accessToken`, tamperSignature(user1.accessToken));
    const reloaded = new App({ id: appId, baseUrl, fetch: recordingFetch, storage });
    const hydrated = reloaded.allUsers[user1.id];
    check("hydration: the first user is restored from storage", hydrated !== undefined && hydrated.state === "active",
      Object.keys(reloaded.allUsers));
    if (hydrated) {
      await expectRecovery("corrupted stored token", hydrated, hydrated.accessToken);
      equal("hydration: profile after recovery", hydrated.profile, {});
    }
  });

  // 7. Log out the first user (spec 7.2): 2xx, tokens cleared, old refresh token dead. Anonymous users end here.
  await part("log out first user", async () => {
    const oldRefresh = user1.refreshToken;
    const oldAccess = user1.accessToken;
    const before = mark();
    await user1.logOut();
    const [req] = result.requests.slice(before);
    check("logout: DELETE /auth/session succeeds",
      req && req.method === "DELETE" && req.path === SESSION_PATH && req.status >= 200 && req.status < 300,
      requestsSince(before));
    advise("logout: status 204 (spec 7.2)", req?.status === 204, req?.status);
    equal("logout: state", user1.state, "logged-out");
    check("logout: tokens cleared", user1.accessToken === null && user1.refreshToken === null,
      { accessToken: fingerprint(user1.accessToken), refreshToken: fingerprint(user1.refreshToken) });
    check("logout: first user is no longer app.currentUser", app.currentUser !== user1, app.currentUser?.id);
    checkInvalidSession("logout: old refresh token on POST /auth/session -> 401 'failed to find refresh token'",
      await eventually("logout: old refresh token", () => raw("POST", hostname + SESSION_PATH, { token: oldRefresh })),
      MISSING_REFRESH_TOKEN);
    checkInvalidSession("logout: old refresh token on DELETE /auth/session -> 401 'failed to find refresh token'",
      await raw("DELETE", hostname + SESSION_PATH, { token: oldRefresh }), MISSING_REFRESH_TOKEN);
    const profile = await eventually("logout: old access token",
      () => raw("GET", hostname + PROFILE_PATH, { token: oldAccess }));
    advise("logout: the logged-out (hence deleted) anonymous user's old access token is refused with 401 InvalidSession",
      profile.status === 401 && profile.body?.error_code === "InvalidSession", profile);
    await app.removeUser(user1);
    equal("removeUser: first user state", user1.state, "removed");
    result.expectDeleted.push(user1.id);
  });

  // 8. Delete the second user (spec 7.3): app.deleteUser uses the current user's access token, then logs out.
  if (user2) {
    await part("delete second user", async () => {
      const oldRefresh = user2.refreshToken;
      const oldAccess = user2.accessToken;
      check("delete: second user is the current user", app.currentUser === user2, app.currentUser?.id);
      const before = mark();
      await app.deleteUser(user2);
      const seen = result.requests.slice(before);
      check("delete: DELETE /auth/delete succeeds, then realm-web ends the session with DELETE /auth/session",
        seen.length === 2 &&
          seen[0].method === "DELETE" && seen[0].path === DELETE_PATH && seen[0].status >= 200 && seen[0].status < 300 &&
          seen[1].method === "DELETE" && seen[1].path === SESSION_PATH,
        requestsSince(before));
      advise("delete: the deleted user's DELETE /auth/session gets 401 'failed to find refresh token' (spec 7.3)",
        seen[1]?.status === 401, requestsSince(before));
      equal("delete: state", user2.state, "removed");
      check("delete: no current user left", app.currentUser === null, app.currentUser?.id);
      checkInvalidSession("delete: old refresh token on POST /auth/session -> 401 'failed to find refresh token'",
        await eventually("delete: old refresh token", () => raw("POST", hostname + SESSION_PATH, { token: oldRefresh })),
        MISSING_REFRESH_TOKEN);
      checkInvalidSession("delete: old access token on GET /auth/profile -> 401 InvalidSession",
        await eventually("delete: old access token", () => raw("GET", hostname + PROFILE_PATH, { token: oldAccess })));
      checkInvalidSession("delete: old access token on DELETE /auth/delete -> 401 InvalidSession",
        await raw("DELETE", hostname + DELETE_PATH, { token: oldAccess }));
      result.expectDeleted.push(user2.id);
    });
  }

  // 9. Anonymous reuse of a logged-out user (spec 10.4): realm-web sends Bearer null to the profile and then to
  //    the refresh endpoint; both must answer 401 InvalidSession so that the attempt ends instead of looping.
  await part("reuse of a logged-out anonymous user", async () => {
    const user3 = await app.logIn(Credentials.anonymous(false));
    result.users.third = user3.id;
    await user3.logOut();
    result.expectDeleted.push(user3.id);
    const before = mark();
    let error;
    try {
      await app.logIn(Credentials.anonymous());
    } catch (err) {
      error = err;
    }
    check("reuse after logout: Bearer null requests end in a 401 InvalidSession error",
      error instanceof MongoDBRealmError && error.statusCode === 401 && error.errorCode === "InvalidSession",
      { error: error ? describeError(error) : "no error", requests: requestsSince(before) });
    check("reuse after logout: profile then refresh, both with Bearer null, nothing else",
      isDeepStrictEqual(result.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.auth} ${r.status}`),
        [`GET ${PROFILE_PATH} null 401`, `POST ${SESSION_PATH} null 401`]), requestsSince(before));
    await app.removeUser(user3);
  });

  // 10. A user that stays: the harness checks it through the read API and the lifecycle topic.
  const survivor = await part("surviving anonymous login", () => app.logIn(Credentials.anonymous(false)));
  if (survivor) {
    result.users.survivor = survivor.id;
    result.expectAlive.push(survivor.id);
    equal("survivor: state", survivor.state, "active");
    await survivor.refreshProfile();
    equal("survivor: profile", survivor.profile, {});
  }
}

const watchdog = setTimeout(() => {
  check("scenario finishes within 120 s", false, requestsSince(Math.max(0, result.requests.length - 10)));
  finish(1);
}, 120_000);

function finish(code) {
  clearTimeout(watchdog);
  result.ok = code === 0 && result.checks.length > 0 && result.checks.every((c) => c.ok);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
  if (code !== 0) process.exit(1);
}

main()
  .then(() => {
    if (budgetExceeded) check("request budget not exceeded", false, requestsSince(result.requests.length - 10));
    finish(0);
  })
  .catch((err) => {
    check("scenario runs to the end", false, describeError(err));
    finish(1);
  });
