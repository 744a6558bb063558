// The unmodified realm-web 2.0.1 SDK against a running Portico command-service, under node:test.
// Run: node --test realm-web.test.mjs (environment: see support.mjs).
//
// Every test starts from a new App on empty storage and logs in users of its own. Only realm-web's public API
// is used: App (id, baseUrl, fetch, storage), Credentials, User (id, state, profile, identities, customData,
// accessToken setter, refreshToken, deviceId, refreshProfile, refreshAccessToken, logOut, toJSON),
// app.currentUser, app.allUsers, app.removeUser, app.deleteUser. Raw `fetch` calls check wire-level answers.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Credentials, MongoDBRealmError } from "realm-web";
import {
  accessTokenKey, appId, baseUrl, decodeJwt, deviceIdKey, errorAnswer, expectedError, HEX24, logInNewUser, messages,
  mintExpired, newClient, paths, raw, recordEnded, tamperPayload, tamperSignature, ZERO_ID,
} from "./support.mjs";

const ANONYMOUS_IDENTITY_ID = /^[0-9a-f]{24}-[a-z]{24}$/;
const ACCESS_TOKEN_LIFETIME_SECONDS = 1800;
const ORIGIN = "http://app.example.test";
/** A bound on each group of tests, so that a hanging request fails its test rather than the whole run. */
const SUITE_TIMEOUT_MS = 60_000;

const invalidSession = (message) => expectedError(401, "InvalidSession", message);

describe("location", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("GET location answers 200 application/json naming this server as hostname and ws_hostname", async () => {
    const response = await raw("GET", paths.location);
    assert.equal(response.status, 200);
    assert.equal(response.contentType, "application/json");
    assert.deepEqual(response.body, {
      deployment_model: "GLOBAL",
      location: "LOCAL",
      hostname: baseUrl,
      ws_hostname: baseUrl.replace(/^http/, "ws"),
    });
  });

  test("an unknown app id gets 404 AppNotFound", async () => {
    const response = await raw("GET", "/api/client/v2.0/app/no-such-app/location");
    assert.deepEqual(errorAnswer(response),
      expectedError(404, "AppNotFound", "cannot find app using Client App ID 'no-such-app'"));
  });

  test("CORS: a cross-origin GET of the location is allowed for that origin, with credentials", async () => {
    const response = await raw("GET", paths.location, { headers: { Origin: ORIGIN } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(response.headers.get("access-control-allow-credentials"), "true");
  });

  test("CORS: the preflight of GET /auth/profile allows the origin, Authorization and Content-Type", async () => {
    const response = await fetch(baseUrl + paths.profile, {
      method: "OPTIONS",
      headers: { Origin: ORIGIN, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization,content-type" },
    });
    assert.equal(response.status, 200);
    assert.deepEqual({
      origin: response.headers.get("access-control-allow-origin"),
      credentials: response.headers.get("access-control-allow-credentials"),
      methods: response.headers.get("access-control-allow-methods"),
      headers: response.headers.get("access-control-allow-headers"),
      maxAge: response.headers.get("access-control-max-age"),
    }, {
      origin: ORIGIN,
      credentials: "true",
      methods: "GET,POST,PUT,DELETE,OPTIONS",
      headers: "authorization, content-type",
      maxAge: "3600",
    });
  });
});

describe("anonymous login", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("logIn(Credentials.anonymous(false)) requests the location, logs in and fetches the profile", async (t) => {
    const client = newClient();
    await logInNewUser(t, client);
    assert.deepEqual(client.since(0), [
      `GET ${paths.location} none 200`,
      `POST ${paths.login} none 200`,
      `GET ${paths.profile} token 200`,
    ]);
  });

  test("the new user is active and current, of provider anon-user, with one anonymous identity and empty profile and custom data", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    assert.match(user.id, HEX24);
    assert.equal(user.state, "active");
    assert.equal(client.app.currentUser, user);
    assert.deepEqual(client.app.allUsers, { [user.id]: user });
    assert.equal(user.providerType, "anon-user");
    assert.equal(user.identities.length, 1);
    assert.match(user.identities[0].id, ANONYMOUS_IDENTITY_ID);
    assert.deepEqual({ ...user.identities[0] }, { id: user.identities[0].id, providerType: "anon-user" });
    assert.deepEqual(user.profile, {});
    assert.equal(user.toJSON().profile.type, "normal");
    assert.deepEqual(user.customData, {});
  });

  test("the access token is an ES256 JWT signed with a published key, for the user, the app and the device, valid for 30 minutes", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const { header, payload } = decodeJwt(user.accessToken);
    const jwks = await raw("GET", paths.jwks);
    assert.equal(jwks.status, 200);
    assert.ok(jwks.body.keys.some((key) => key.kid === header.kid), `kid ${header.kid} is in the JWKS`);
    assert.deepEqual(header, { alg: "ES256", kid: header.kid, typ: "JWT" });
    assert.equal(typeof payload.iat, "number");
    assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 300, `iat ${payload.iat} is now`);
    assert.match(payload.sid, HEX24);
    assert.match(payload.baas_domain_id, HEX24);
    assert.deepEqual(payload, {
      sub: user.id,
      iss: "portico",
      aud: appId,
      iat: payload.iat,
      exp: payload.iat + ACCESS_TOKEN_LIFETIME_SECONDS,
      typ: "access",
      sid: payload.sid,
      baas_domain_id: payload.baas_domain_id,
      baas_device_id: client.storage.get(deviceIdKey),
    });
  });

  test("the raw profile names the user, its domain, type normal, its anon-user identity and empty data", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const response = await raw("GET", paths.profile, { token: user.accessToken });
    assert.equal(response.status, 200);
    assert.equal(response.contentType, "application/json");
    const providerId = response.body.identities?.[0]?.provider_id;
    assert.match(providerId, HEX24);
    assert.deepEqual(response.body, {
      user_id: user.id,
      domain_id: decodeJwt(user.accessToken).payload.baas_domain_id,
      identities: [{ id: user.identities[0].id, provider_type: "anon-user", provider_id: providerId }],
      data: {},
      type: "normal",
    });
  });

  test("the login's device id is a new non-zero 24-hex id that realm-web stores and the access token carries", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const stored = client.storage.get(deviceIdKey);
    assert.match(stored, HEX24);
    assert.notEqual(stored, ZERO_ID);
    assert.equal(user.deviceId, stored);
  });

  test("Credentials.anonymous() returns the logged-in anonymous user, with a profile request and no login", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const mark = client.mark();
    const again = await client.app.logIn(Credentials.anonymous());
    assert.equal(again, user);
    assert.deepEqual(client.since(mark), [`GET ${paths.profile} token 200`]);
  });

  test("a second logIn(Credentials.anonymous(false)) makes a distinct current user on the same device", async (t) => {
    const client = newClient();
    const first = await logInNewUser(t, client);
    const mark = client.mark();
    const second = await logInNewUser(t, client);
    assert.deepEqual(client.since(mark), [`POST ${paths.login} none 200`, `GET ${paths.profile} token 200`]);
    assert.match(second.id, HEX24);
    assert.notEqual(second.id, first.id);
    assert.equal(client.app.currentUser, second);
    assert.deepEqual(Object.keys(client.app.allUsers), [second.id, first.id]);
    assert.equal(second.deviceId, first.deviceId);
    assert.equal(second.deviceId, client.storage.get(deviceIdKey));
  });
});

describe("token refresh", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("refreshAccessToken() trades the refresh token for a new access token of the same session (201)", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const before = decodeJwt(user.accessToken).payload;
    const mark = client.mark();
    await user.refreshAccessToken();
    assert.deepEqual(client.since(mark), [`POST ${paths.session} token 201`]);
    assert.equal(client.requests[mark].bearer, user.refreshToken);
    const after = decodeJwt(user.accessToken).payload;
    assert.deepEqual({ sub: after.sub, sid: after.sid }, { sub: user.id, sid: before.sid });
    await user.refreshProfile();
    assert.deepEqual(client.since(mark + 1), [`GET ${paths.profile} token 200`]);
    assert.deepEqual(user.profile, {});
  });
});

describe("bad access tokens get 401", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("a forged signature: InvalidSession 'signature is invalid'", async (t) => {
    const user = await logInNewUser(t, newClient());
    const response = await raw("GET", paths.profile, { token: tamperSignature(user.accessToken) });
    assert.deepEqual(errorAnswer(response), invalidSession(messages.badSignature));
  });

  test("a tampered payload with the original signature: InvalidSession 'signature is invalid'", async (t) => {
    const user = await logInNewUser(t, newClient());
    const response = await raw("GET", paths.profile, { token: tamperPayload(user.accessToken) });
    assert.deepEqual(errorAnswer(response), invalidSession(messages.badSignature));
  });

  test("Bearer null: InvalidSession 'invalid number of segments'", async () => {
    const response = await raw("GET", paths.profile, { token: "null" });
    assert.deepEqual(errorAnswer(response), invalidSession(messages.segments));
  });

  test("the refresh token used as an access token: InvalidSession 'invalid number of segments'", async (t) => {
    const user = await logInNewUser(t, newClient());
    const response = await raw("GET", paths.profile, { token: user.refreshToken });
    assert.deepEqual(errorAnswer(response), invalidSession(messages.segments));
  });

  test("a correctly signed but expired access token: InvalidSession 'access token expired'", async (t) => {
    const user = await logInNewUser(t, newClient());
    const response = await raw("GET", paths.profile, { token: mintExpired(user.accessToken) });
    assert.deepEqual(errorAnswer(response), invalidSession(messages.expired));
  });

  test("no Authorization header: MissingAuthReq", async () => {
    const response = await raw("GET", paths.profile);
    assert.deepEqual(errorAnswer(response), expectedError(401, "MissingAuthReq", messages.mustAuthenticate));
  });

  test("the access token used as a refresh token on POST /auth/session: InvalidSession 'failed to find refresh token'", async (t) => {
    const user = await logInNewUser(t, newClient());
    const response = await raw("POST", paths.session, { token: user.accessToken });
    assert.deepEqual(errorAnswer(response), invalidSession(messages.noRefreshToken));
  });
});

/**
 * Sets `badToken` through User's public setter (unless it is already in place), lets realm-web fetch the profile,
 * and expects its recovery: the profile 401, a refresh with the refresh token (201), the profile again (200).
 */
async function assertRecovers(client, user, badToken, { locationFirst = false } = {}) {
  user.accessToken = badToken;
  const mark = client.mark();
  await user.refreshProfile();
  const location = locationFirst ? [`GET ${paths.location} none 200`] : [];
  assert.deepEqual(client.since(mark), [
    ...location,
    `GET ${paths.profile} ${badToken === null ? "null" : "token"} 401`,
    `POST ${paths.session} token 201`,
    `GET ${paths.profile} token 200`,
  ]);
  const [failed, refresh, retried] = client.requests.slice(mark + location.length);
  assert.equal(failed.bearer, String(badToken));
  assert.equal(refresh.bearer, user.refreshToken);
  assert.equal(retried.bearer, user.accessToken);
  assert.notEqual(user.accessToken, badToken);
  assert.equal(decodeJwt(user.accessToken).payload.sub, user.id);
  assert.equal(user.state, "active");
  assert.deepEqual(user.profile, {});
}

describe("realm-web recovers from a refused access token by refreshing and retrying", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("a forged access token", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    await assertRecovers(client, user, tamperSignature(user.accessToken));
  });

  test("a null access token (Bearer null)", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    await assertRecovers(client, user, null);
  });

  test("an expired access token", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    await assertRecovers(client, user, mintExpired(user.accessToken));
  });

  test("a corrupted access token in storage, restored by a new App after a reload", async (t) => {
    const first = newClient();
    const user = await logInNewUser(t, first);
    const corrupted = tamperSignature(user.accessToken);
    first.storage.set(accessTokenKey(user.id), corrupted);
    const reloaded = newClient({ storage: first.storage });
    assert.deepEqual(Object.keys(reloaded.app.allUsers), [user.id]);
    const hydrated = reloaded.app.allUsers[user.id];
    assert.equal(hydrated.state, "active");
    assert.equal(hydrated.accessToken, corrupted);
    await assertRecovers(reloaded, hydrated, corrupted, { locationFirst: true });
  });
});

describe("logout", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("logOut() ends the session with DELETE /auth/session (204), clears the tokens and leaves no current user", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const refreshToken = user.refreshToken;
    const mark = client.mark();
    await user.logOut();
    recordEnded(user, "anonymous_logout");
    assert.deepEqual(client.since(mark), [`DELETE ${paths.session} token 204`]);
    assert.equal(client.requests[mark].bearer, refreshToken);
    assert.equal(user.state, "logged-out");
    assert.equal(user.accessToken, null);
    assert.equal(user.refreshToken, null);
    assert.equal(client.app.currentUser, null);
    assert.deepEqual(Object.keys(client.app.allUsers), [user.id]);
  });

  test("after logOut() the old refresh token gets 401 'failed to find refresh token' on POST and DELETE /auth/session", async (t) => {
    const user = await logInNewUser(t, newClient());
    const refreshToken = user.refreshToken;
    await user.logOut();
    recordEnded(user, "anonymous_logout");
    assert.deepEqual(errorAnswer(await raw("POST", paths.session, { token: refreshToken })),
      invalidSession(messages.noRefreshToken));
    assert.deepEqual(errorAnswer(await raw("DELETE", paths.session, { token: refreshToken })),
      invalidSession(messages.noRefreshToken));
  });

  test("after logOut() the (now deleted) anonymous user's old access token gets 401 'session has ended'", async (t) => {
    const user = await logInNewUser(t, newClient());
    const accessToken = user.accessToken;
    await user.logOut();
    recordEnded(user, "anonymous_logout");
    assert.deepEqual(errorAnswer(await raw("GET", paths.profile, { token: accessToken })),
      invalidSession(messages.sessionEnded));
  });

  test("removeUser() forgets a logged-out user without a request", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    await user.logOut();
    recordEnded(user, "anonymous_logout");
    const mark = client.mark();
    await client.app.removeUser(user);
    assert.deepEqual(client.since(mark), []);
    assert.equal(user.state, "removed");
    assert.deepEqual(client.app.allUsers, {});
  });

  test("Credentials.anonymous() after logOut() sends Bearer null to the profile and the refresh endpoint, then fails with 401 InvalidSession", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    await user.logOut();
    recordEnded(user, "anonymous_logout");
    const mark = client.mark();
    const error = await client.app.logIn(Credentials.anonymous()).then(
      (reused) => assert.fail(`expected a 401 error, got user ${reused.id}`), (err) => err);
    assert.ok(error instanceof MongoDBRealmError, `a MongoDBRealmError: ${error}`);
    assert.deepEqual({ statusCode: error.statusCode, errorCode: error.errorCode, error: error.error },
      { statusCode: 401, errorCode: "InvalidSession", error: messages.noRefreshToken });
    assert.deepEqual(client.since(mark), [`GET ${paths.profile} null 401`, `POST ${paths.session} null 401`]);
  });
});

describe("deleteUser", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("deleteUser() sends DELETE /auth/delete (204), then DELETE /auth/session, which finds no refresh token (401)", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    assert.equal(client.app.currentUser, user);
    const mark = client.mark();
    await client.app.deleteUser(user);
    recordEnded(user, "user_request");
    assert.deepEqual(client.since(mark), [`DELETE ${paths.delete} token 204`, `DELETE ${paths.session} token 401`]);
    assert.equal(user.state, "removed");
    assert.equal(client.app.currentUser, null);
    assert.deepEqual(client.app.allUsers, {});
  });

  test("after deleteUser() the old refresh token gets 401 'failed to find refresh token'", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const refreshToken = user.refreshToken;
    await client.app.deleteUser(user);
    recordEnded(user, "user_request");
    assert.deepEqual(errorAnswer(await raw("POST", paths.session, { token: refreshToken })),
      invalidSession(messages.noRefreshToken));
  });

  test("after deleteUser() the old access token gets 401 'session has ended' on /auth/profile and /auth/delete", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    const accessToken = user.accessToken;
    await client.app.deleteUser(user);
    recordEnded(user, "user_request");
    assert.deepEqual(errorAnswer(await raw("GET", paths.profile, { token: accessToken })),
      invalidSession(messages.sessionEnded));
    assert.deepEqual(errorAnswer(await raw("DELETE", paths.delete, { token: accessToken })),
      invalidSession(messages.sessionEnded));
  });
});

describe("a user that stays", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("a user neither logged out nor deleted stays active, and a reloaded App restores it with its profile", async (t) => {
    const first = newClient();
    const user = await logInNewUser(t, first);
    const reloaded = newClient({ storage: first.storage });
    const restored = reloaded.app.allUsers[user.id];
    assert.deepEqual(Object.keys(reloaded.app.allUsers), [user.id]);
    assert.equal(restored.state, "active");
    await restored.refreshProfile();
    assert.deepEqual(reloaded.since(0), [`GET ${paths.location} none 200`, `GET ${paths.profile} token 200`]);
    assert.deepEqual(restored.profile, {});
    assert.equal(reloaded.app.currentUser, restored);
  });
});
