// The unmodified realm-web 2.0.1 SDK logging in with Google (ID token and authorization code), Apple, Facebook
// and a custom function, against stand-ins of those providers and of the app's auth function that the Java
// harness runs on 127.0.0.1 (see support.mjs for the environment). Google and Apple ID tokens are minted here
// with the stand-ins' signing keys. Every user a test creates is deleted at its end, through realm-web.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { Credentials, MongoDBRealmError } from "realm-web";
import { appId, logInNewUser, newClient, paths, recordCreated, recordEnded, signRs256 } from "./support.mjs";

const SUITE_TIMEOUT_MS = 60_000;
const login = (provider) => `/api/client/v2.0/app/${appId}/auth/providers/${provider}/login`;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (the Java harness does)`);
  return value;
}

const google = {
  jwk: JSON.parse(required("PORTICO_E2E_GOOGLE_JWK")),
  issuer: required("PORTICO_E2E_GOOGLE_ISSUER"),
  clientId: required("PORTICO_E2E_GOOGLE_CLIENT_ID"),
  code: required("PORTICO_E2E_GOOGLE_CODE"),
  codeSubject: required("PORTICO_E2E_GOOGLE_CODE_SUBJECT"),
};
const apple = {
  jwk: JSON.parse(required("PORTICO_E2E_APPLE_JWK")),
  issuer: required("PORTICO_E2E_APPLE_ISSUER"),
  clientId: required("PORTICO_E2E_APPLE_CLIENT_ID"),
};
const facebook = {
  token: required("PORTICO_E2E_FACEBOOK_TOKEN"),
  userId: required("PORTICO_E2E_FACEBOOK_USER_ID"),
  profile: JSON.parse(required("PORTICO_E2E_FACEBOOK_PROFILE")),
};

/** An ID token of `provider` for `audience`, valid for an hour from now unless `claims` say otherwise. */
function idToken(provider, subject, claims = {}, audience = provider.clientId) {
  const now = Math.floor(Date.now() / 1000);
  return signRs256({ iss: provider.issuer, aud: audience, sub: subject, iat: now, exp: now + 3600, ...claims },
    provider.jwk);
}

const newSubject = () => `1${BigInt.asUintN(63, BigInt(`0x${randomUUID().replace(/-/g, "").slice(0, 16)}`))}`;

/** Logs a new user in with `credentials`, runs `check`, and deletes the user whatever happened. */
async function withNewUser(t, credentials, check) {
  const client = newClient();
  const user = await client.app.logIn(credentials);
  recordCreated(t, user);
  try {
    await check(user, client);
  } finally {
    await client.app.deleteUser(user);
    recordEnded(user, "user_request");
  }
}

/** The login fails with exactly this error, after the location and one login request, leaving no user behind. */
async function assertRefused(credentials, { statusCode = 401, errorCode = "AuthError", error, provider }) {
  const client = newClient();
  const failure = await client.app.logIn(credentials).then(() => null, (e) => e);
  assert.ok(failure instanceof MongoDBRealmError, `a MongoDBRealmError: ${failure}`);
  assert.deepEqual({ statusCode: failure.statusCode, errorCode: failure.errorCode, error: failure.error },
    { statusCode, errorCode, error });
  assert.deepEqual(client.since(0), [`GET ${paths.location} none 200`, `POST ${login(provider)} none ${statusCode}`]);
  assert.deepEqual(client.app.allUsers, {});
}

describe("Google", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("Credentials.google({idToken}) logs the token's subject in, with the profile fields the app keeps", async (t) => {
    const subject = newSubject();
    const token = idToken(google, subject, { name: "Ada Lovelace", given_name: "Ada", family_name: "Lovelace",
      picture: "https://lh3.example.com/ada.jpg", email: "ada@example.com", email_verified: true });
    await withNewUser(t, Credentials.google({ idToken: token }), async (user) => {
      assert.deepEqual(user.identities, [{ id: subject, providerType: "oauth2-google" }]);
      assert.deepEqual(user.profile, { name: "Ada Lovelace", firstName: "Ada", lastName: "Lovelace",
        pictureUrl: "https://lh3.example.com/ada.jpg", email: "ada@example.com" });
      assert.equal(user.providerType, "oauth2-google");
      const again = await newClient().app.logIn(Credentials.google({ idToken: idToken(google, subject) }));
      assert.equal(again.id, user.id);
    });
  });

  test("Credentials.google({authCode}) logs in the user the exchanged code stands for", async (t) => {
    await withNewUser(t, Credentials.google({ authCode: google.code }), async (user) => {
      assert.deepEqual(user.identities, [{ id: google.codeSubject, providerType: "oauth2-google" }]);
      assert.deepEqual(user.profile, { name: "Code Person" });
    });
  });

  test("an ID token for another client, an expired one and a used code get 401 AuthError", async () => {
    await assertRefused(Credentials.google({ idToken: idToken(google, newSubject(), {}, "someone-else") }), {
      provider: "oauth2-google", error: "oauth2-google: invalid id_token: it was issued for another client" });
    const past = Math.floor(Date.now() / 1000) - 7200;
    await assertRefused(Credentials.google({ idToken: idToken(google, newSubject(), { iat: past, exp: past + 3600 }) }), {
      provider: "oauth2-google", error: "oauth2-google: invalid id_token: it has expired" });
    await assertRefused(Credentials.google({ authCode: "4/0Anever-issued" }), {
      provider: "oauth2-google", error: "oauth2-google: invalid authCode" });
  });

  test("an anonymous user links a Google identity with linkCredentials()", async (t) => {
    const client = newClient();
    const user = await logInNewUser(t, client);
    try {
      const subject = newSubject();
      await user.linkCredentials(Credentials.google({ idToken: idToken(google, subject, { name: "Linked" }) }));
      assert.deepEqual(user.identities.map((i) => i.providerType), ["anon-user", "oauth2-google"]);
      assert.equal(user.identities[1].id, subject);
      assert.deepEqual(user.profile, { name: "Linked" });
    } finally {
      await client.app.deleteUser(user);
      recordEnded(user, "user_request");
    }
  });
});

describe("Apple", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("Credentials.apple(idToken) logs the token's subject in, keeping its email", async (t) => {
    const subject = `000${newSubject()}.0042`;
    const token = idToken(apple, subject, { email: "relay@privaterelay.appleid.com", email_verified: "true" });
    await withNewUser(t, Credentials.apple(token), async (user) => {
      assert.deepEqual(user.identities, [{ id: subject, providerType: "oauth2-apple" }]);
      assert.deepEqual(user.profile, { email: "relay@privaterelay.appleid.com" });
    });
  });

  test("a Google token sent as Apple's gets 401 AuthError", async () => {
    await assertRefused(Credentials.apple(idToken(google, newSubject(), {}, apple.clientId)), {
      provider: "oauth2-apple", error: "oauth2-apple: invalid id_token: its signature could not be verified" });
  });
});

describe("Facebook", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("Credentials.facebook(accessToken) logs the token's user in, with the profile from Graph", async (t) => {
    await withNewUser(t, Credentials.facebook(facebook.token), async (user) => {
      assert.deepEqual(user.identities, [{ id: facebook.userId, providerType: "oauth2-facebook" }]);
      assert.deepEqual(user.profile, { name: facebook.profile.name, firstName: facebook.profile.first_name,
        lastName: facebook.profile.last_name, email: facebook.profile.email });
    });
  });

  test("an access token Facebook does not know gets 401 AuthError", async () => {
    await assertRefused(Credentials.facebook(`EAAB${randomUUID().replace(/-/g, "")}`), {
      provider: "oauth2-facebook", error: "oauth2-facebook: invalid accessToken: it is not valid" });
  });
});

describe("custom function", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("Credentials.function(payload) logs in the id the app's auth function answers", async (t) => {
    const username = `ada-${randomUUID()}`;
    await withNewUser(t, Credentials.function({ username, password: "open sesame" }), async (user) => {
      assert.deepEqual(user.identities, [{ id: username, providerType: "custom-function" }]);
      assert.deepEqual(user.profile, { name: `User ${username}` });
      const again = await newClient().app.logIn(Credentials.function({ username, password: "open sesame" }));
      assert.equal(again.id, user.id);
    });
  });

  test("an error of the auth function gets 401 AuthError with its message", async () => {
    await assertRefused(Credentials.function({ username: "mallory", password: "guess" }), {
      provider: "custom-function", error: "function 'authenticate' failed: wrong password" });
  });
});
