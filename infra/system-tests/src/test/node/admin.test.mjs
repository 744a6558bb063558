// An operator disables and enables a user, and confirms a pending email/password user, seen from the
// unmodified realm-web 2.0.1 SDK, under node:test.
// Run: node --test admin.test.mjs (environment: see support.mjs and api-key-and-jwt.test.mjs, and below).
//
// Environment, besides those:
//   PORTICO_OPERATOR_TOKEN   a token of portico.operators, for the operator API
//   PORTICO_E2E_MAIL_APP_ID  an app that confirms new email/password accounts by e-mail
//
// The users are custom-JWT users of PORTICO_TOKENS_APP_ID, so that the same person can log in again.

import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { App, Credentials, MongoDBRealmError } from "realm-web";
import { baseUrl, MapStorage } from "./support.mjs";

const tokensAppId = process.env.PORTICO_TOKENS_APP_ID || "";
const audience = process.env.PORTICO_JWT_AUDIENCE || "";
const signingKey = process.env.PORTICO_JWT_SIGNING_KEY || "";
const operatorToken = process.env.PORTICO_OPERATOR_TOKEN || "";
const mailAppId = process.env.PORTICO_E2E_MAIL_APP_ID || "";
if (!tokensAppId || !audience || !signingKey || !operatorToken || !mailAppId) {
  throw new Error("set PORTICO_TOKENS_APP_ID, PORTICO_JWT_AUDIENCE, PORTICO_JWT_SIGNING_KEY, PORTICO_OPERATOR_TOKEN"
    + " and PORTICO_E2E_MAIL_APP_ID");
}
const SUITE_TIMEOUT_MS = 60_000;
/** More requests than any one step needs: a refresh-and-retry loop fails the test instead of hanging it. */
const REQUEST_BUDGET = 20;

/** A realm-web App of the tokens app that records the requests it makes. */
function newClient() {
  const requests = [];
  async function recordingFetch(url, init = {}) {
    if (requests.length >= REQUEST_BUDGET) {
      throw new Error(`more than ${REQUEST_BUDGET} requests (a refresh loop?): ${JSON.stringify(requests.slice(-6))}`);
    }
    const entry = `${init.method || "GET"} ${new URL(url).pathname}`;
    const response = await fetch(url, init);
    requests.push(`${entry} ${response.status}`);
    return response;
  }
  return { app: new App({ id: tokensAppId, baseUrl, fetch: recordingFetch, storage: new MapStorage() }), requests };
}

const segment = (value) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

function jwt(subject) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { aud: audience, iat: now, exp: now + 3600, sub: subject, email: subject };
  const input = `${segment({ alg: "HS256", typ: "JWT" })}.${segment(claims)}`;
  return `${input}.${createHmac("sha256", signingKey).update(input).digest("base64url")}`;
}

/** An operator API call on an app (the tokens app unless named): {status, body}. */
async function operator(method, path, app = tokensAppId) {
  const response = await fetch(`${baseUrl}/api/admin/v1/apps/${app}${path}`,
    { method, headers: { Accept: "application/json", Authorization: `Bearer ${operatorToken}` } });
  const text = await response.text();
  return { status: response.status, body: text.length > 0 ? JSON.parse(text) : null };
}

/** The MongoDBRealmError a promise fails with, as {statusCode, errorCode, error}. */
async function failure(promise) {
  const error = await promise.then((value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`), (e) => e);
  assert.ok(error instanceof MongoDBRealmError, `a MongoDBRealmError: ${error}`);
  return { statusCode: error.statusCode, errorCode: error.errorCode, error: error.error };
}

const USER_DISABLED = { statusCode: 401, errorCode: "UserDisabled", error: "user disabled" };

describe("an operator disables and enables a user", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("a disabled user's refresh fails with UserDisabled, once, and realm-web does not loop", async () => {
    const { app, requests } = newClient();
    const user = await app.logIn(Credentials.jwt(jwt(`person-${randomUUID()}@example.com`)));

    const disabled = await operator("POST", `/users/${user.id}/disable`);
    assert.equal(disabled.status, 200);
    assert.deepEqual(disabled.body, { user_id: user.id, disabled: true, changed: true, sessions_ended: 1 });

    let mark = requests.length;
    assert.deepEqual(await failure(user.refreshAccessToken()), USER_DISABLED);
    assert.deepEqual(requests.slice(mark), ["POST /api/client/v2.0/auth/session 401"]);

    // A call with the ended access token: one refresh, refused, and the call fails with it.
    mark = requests.length;
    assert.deepEqual(await failure(user.refreshProfile()), USER_DISABLED);
    assert.deepEqual(requests.slice(mark), ["GET /api/client/v2.0/auth/profile 401",
      "POST /api/client/v2.0/auth/session 401"]);
  });

  test("a disabled user's login is refused; enabled, the same person logs in as the same user", async () => {
    const { app } = newClient();
    const subject = `person-${randomUUID()}@example.com`;
    const user = await app.logIn(Credentials.jwt(jwt(subject)));
    assert.equal((await operator("POST", `/users/${user.id}/disable`)).status, 200);

    assert.deepEqual(await failure(app.logIn(Credentials.jwt(jwt(subject)))), USER_DISABLED);

    const enabled = await operator("POST", `/users/${user.id}/enable`);
    assert.equal(enabled.status, 200);
    assert.equal(enabled.body.disabled, false);
    const again = await app.logIn(Credentials.jwt(jwt(subject)));
    assert.equal(again.id, user.id);
    assert.equal(again.state, "active");
    await again.refreshProfile();
    assert.equal(again.profile.email, subject);
  });
});

describe("an operator confirms a pending email/password user", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("listed by its address and confirmed, the registration logs in through realm-web", async () => {
    const app = new App({ id: mailAppId, baseUrl, storage: new MapStorage() });
    const email = `Pending-${randomUUID()}@Example.com`;
    const password = "correct horse battery";
    await app.emailPasswordAuth.registerUser({ email, password });
    assert.deepEqual(await failure(app.logIn(Credentials.emailPassword(email, password))),
      { statusCode: 401, errorCode: "AuthError", error: "confirmation required" });

    const listed = await operator("GET", `/pending-users?email=${encodeURIComponent(email.toLowerCase())}`, mailAppId);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.items.length, 1);
    assert.equal(listed.body.items[0].email, email);
    const confirmed = await operator("POST", `/pending-users/${listed.body.items[0].id}/confirm`, mailAppId);
    assert.equal(confirmed.status, 204);

    const user = await app.logIn(Credentials.emailPassword(email, password));
    assert.equal(user.providerType, "local-userpass");
    assert.equal(user.profile.email, email.toLowerCase());
    assert.deepEqual((await operator("GET", `/pending-users?email=${encodeURIComponent(email)}`, mailAppId)).body.items, []);
  });
});
