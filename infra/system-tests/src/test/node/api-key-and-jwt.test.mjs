// Custom JWT logins and user API keys with the unmodified realm-web 2.0.1 SDK, under node:test.
// Run: node --test api-key-and-jwt.test.mjs (environment: see support.mjs, and below).
//
// Environment, besides support.mjs's:
//   PORTICO_TOKENS_APP_ID     an app with anon-user, api-key and custom-token (HS256, metadata email required
//                             and name optional) enabled
//   PORTICO_JWT_AUDIENCE      the audience its custom-token provider expects
//   PORTICO_JWT_SIGNING_KEY   its HS256 signing key
//
// The users made here belong to that app, not to PORTICO_APP_ID: the lifecycle checks of the Java harness
// are about the anonymous users of realm-web.test.mjs alone.

import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { App, Credentials, MongoDBRealmError } from "realm-web";
import { baseUrl, HEX24, MapStorage } from "./support.mjs";

const tokensAppId = process.env.PORTICO_TOKENS_APP_ID || "";
const audience = process.env.PORTICO_JWT_AUDIENCE || "";
const signingKey = process.env.PORTICO_JWT_SIGNING_KEY || "";
if (!tokensAppId || !audience || !signingKey) {
  throw new Error("set PORTICO_TOKENS_APP_ID, PORTICO_JWT_AUDIENCE and PORTICO_JWT_SIGNING_KEY");
}
const SUITE_TIMEOUT_MS = 60_000;

function newApp() {
  return new App({ id: tokensAppId, baseUrl, storage: new MapStorage() });
}

const segment = (value) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

/** An HS256 JWT as an identity provider would issue it: an hour of validity, and the given claims. */
function jwt(claims, { key = signingKey } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const input = `${segment({ alg: "HS256", typ: "JWT" })}.${segment({ aud: audience, iat: now, exp: now + 3600, ...claims })}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}

function newSubject() {
  return `person-${randomUUID()}@example.com`;
}

/** The MongoDBRealmError a promise fails with, as {statusCode, errorCode, error}. */
async function failure(promise) {
  const error = await promise.then((value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`), (e) => e);
  assert.ok(error instanceof MongoDBRealmError, `a MongoDBRealmError: ${error}`);
  return { statusCode: error.statusCode, errorCode: error.errorCode, error: error.error };
}

describe("custom JWT", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("Credentials.jwt() logs in; sub is the identity and the metadata fields are the profile", async () => {
    const app = newApp();
    const subject = newSubject();

    const user = await app.logIn(Credentials.jwt(jwt({ sub: subject, email: subject, name: "Ada L.", other: "x" })));

    assert.match(user.id, HEX24);
    assert.equal(user.providerType, "custom-token");
    assert.deepEqual(user.identities, [{ id: subject, providerType: "custom-token" }]);
    assert.deepEqual(user.profile, { email: subject, name: "Ada L." });
  });

  test("the same subject logs in as the same user, with the metadata of its latest token", async () => {
    const subject = newSubject();
    const first = await newApp().logIn(Credentials.jwt(jwt({ sub: subject, email: subject, name: "Before" })));

    const again = await newApp().logIn(Credentials.jwt(jwt({ sub: subject, email: subject, name: "After" })));

    assert.equal(again.id, first.id);
    assert.deepEqual(again.profile, { email: subject, name: "After" });
  });

  test("a token signed with another key is refused with 401 AuthError", async () => {
    const subject = newSubject();
    const token = jwt({ sub: subject, email: subject }, { key: "not-the-signing-key-but-long-enough-0123456789" });

    assert.deepEqual(await failure(newApp().logIn(Credentials.jwt(token))),
      { statusCode: 401, errorCode: "AuthError", error: "invalid custom auth token: Signed JWT rejected: Invalid signature" });
  });

  test("a token without a required metadata field is refused", async () => {
    assert.deepEqual(await failure(newApp().logIn(Credentials.jwt(jwt({ sub: newSubject() })))),
      { statusCode: 401, errorCode: "AuthError", error: "invalid custom auth token: required metadata field 'email' is missing" });
  });
});

describe("user API keys", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("create, fetch, fetchAll, disable, enable and delete a key; the key logs in as its owner while enabled", async () => {
    const app = newApp();
    const subject = newSubject();
    const owner = await app.logIn(Credentials.jwt(jwt({ sub: subject, email: subject })));

    const created = await owner.apiKeys.create("build-server");
    assert.deepEqual(Object.keys(created).sort(), ["_id", "disabled", "key", "name"]);
    assert.match(created._id, HEX24);
    assert.match(created.key, /^[A-Za-z0-9]{64}$/);
    assert.deepEqual({ name: created.name, disabled: created.disabled }, { name: "build-server", disabled: false });
    const listed = { _id: created._id, name: "build-server", disabled: false };
    assert.deepEqual(await owner.apiKeys.fetch(created._id), listed);
    assert.deepEqual(await owner.apiKeys.fetchAll(), [listed]);

    const keyApp = newApp();
    const asKey = await keyApp.logIn(Credentials.apiKey(created.key));
    assert.equal(asKey.id, owner.id);
    assert.deepEqual(asKey.identities.map((i) => i.providerType), ["custom-token", "api-key"]);

    await owner.apiKeys.disable(created._id);
    assert.deepEqual(await owner.apiKeys.fetch(created._id), { ...listed, disabled: true });
    assert.deepEqual(await failure(newApp().logIn(Credentials.apiKey(created.key))),
      { statusCode: 401, errorCode: "AuthError", error: "invalid API key" });

    await owner.apiKeys.enable(created._id);
    assert.equal((await newApp().logIn(Credentials.apiKey(created.key))).id, owner.id);

    await owner.apiKeys.delete(created._id);
    assert.deepEqual(await owner.apiKeys.fetchAll(), []);
    assert.deepEqual(await failure(owner.apiKeys.fetch(created._id)),
      { statusCode: 404, errorCode: "APIKeyNotFound", error: "API key not found" });
    assert.deepEqual(await failure(newApp().logIn(Credentials.apiKey(created.key))),
      { statusCode: 401, errorCode: "AuthError", error: "invalid API key" });
  });

  test("a bad key name is refused with 400 InvalidParameter", async () => {
    const subject = newSubject();
    const owner = await newApp().logIn(Credentials.jwt(jwt({ sub: subject, email: subject })));

    assert.deepEqual(await failure(owner.apiKeys.create("not allowed!")), {
      statusCode: 400, errorCode: "InvalidParameter",
      error: "API key name can only contain ASCII letters, numbers, underscores, and hyphens",
    });
  });

  test("an anonymous user cannot create keys", async () => {
    const anonymous = await newApp().logIn(Credentials.anonymous(false));

    assert.deepEqual(await failure(anonymous.apiKeys.create("anon-key")),
      { statusCode: 400, errorCode: "BadRequest", error: "anonymous users cannot create API keys" });
  });

  test("a logged-out user's key calls fail with 401 InvalidSession and leave the user logged out", async () => {
    const subject = newSubject();
    const app = newApp();
    const owner = await app.logIn(Credentials.jwt(jwt({ sub: subject, email: subject })));
    const stale = owner.refreshToken;
    await owner.logOut();
    owner.refreshToken = stale;

    assert.deepEqual(await failure(owner.apiKeys.fetchAll()), {
      statusCode: 401, errorCode: "InvalidSession", error: "invalid session: failed to find refresh token",
    });
    assert.equal(owner.state, "logged-out");
  });
});
