// The email/password provider (local-userpass) through the unmodified realm-web 2.0.1 SDK, under node:test.
// Run: node --test email-password.test.mjs (environment: see support.mjs).
//
// The app named by PORTICO_APP_ID must enable anon-user and local-userpass with automatic confirmation and no
// way to reset passwords, as an export would configure it:
//   "local-userpass": {"name": "local-userpass", "type": "local-userpass", "disabled": false,
//                      "config": {"autoConfirm": true}}
// Mail and functions are covered by the command-service's own tests, which read the mail a real SMTP server
// received; here realm-web's side of each call is checked: what it sends, and what it makes of the answers.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { Credentials, MongoDBRealmError } from "realm-web";
import {
  appId, HEX24, logInNewUser, newClient, paths, recordCreated, recordEnded, recordLinked,
} from "./support.mjs";

const PASSWORD = "correct horse battery";
const SUITE_TIMEOUT_MS = 60_000;
const userpass = (operation) => `/api/client/v2.0/app/${appId}/auth/providers/local-userpass/${operation}`;
const newAddress = (name) => `${name}.${randomUUID()}@Example.test`;

/** Asserts that `promise` fails with realm-web's MongoDBRealmError carrying this status, code and message. */
async function rejectsWith(promise, statusCode, errorCode, error) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof MongoDBRealmError, `expected a MongoDBRealmError, got ${err}`);
    assert.deepEqual({ statusCode: err.statusCode, errorCode: err.errorCode, error: err.error },
      { statusCode, errorCode, error });
    return true;
  });
}

describe("email/password registration and login", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("registerUser, then logIn(Credentials.emailPassword) makes one user with a local-userpass identity", async (t) => {
    const client = newClient();
    const email = newAddress("Alice");

    await client.app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
    const user = await client.app.logIn(Credentials.emailPassword(email, PASSWORD));
    recordCreated(t, user);

    assert.match(user.id, HEX24);
    assert.equal(user.providerType, "local-userpass");
    assert.deepEqual(user.identities, [{ id: email.toLowerCase(), providerType: "local-userpass" }]);
    assert.equal(user.profile.email, email.toLowerCase());
    assert.deepEqual(client.since(0), [
      `GET ${paths.location} none 200`,
      `POST ${userpass("register")} none 201`,
      `POST ${userpass("login")} none 200`,
      `GET ${paths.profile} token 200`,
    ]);
    const again = await newClient().app.logIn(Credentials.emailPassword(email.toLowerCase(), PASSWORD));
    assert.equal(again.id, user.id, "the address is compared without regard to case");
  });

  test("a second registration of an address fails with 409 AccountNameInUse", async () => {
    const client = newClient();
    const email = newAddress("Bob");
    await client.app.emailPasswordAuth.registerUser({ email, password: PASSWORD });

    await rejectsWith(client.app.emailPasswordAuth.registerUser({ email: email.toUpperCase(), password: PASSWORD }),
      409, "AccountNameInUse", "name already in use");
  });

  test("a password of fewer than 6 characters fails with 400 BadRequest", async () => {
    await rejectsWith(newClient().app.emailPasswordAuth.registerUser({ email: newAddress("Carol"), password: "12345" }),
      400, "BadRequest", "password must be between 6 and 128 characters");
  });

  test("a wrong password fails with 401 InvalidPassword, and realm-web refreshes nothing", async () => {
    const client = newClient();
    const email = newAddress("Dave");
    await client.app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
    const mark = client.mark();

    await rejectsWith(client.app.logIn(Credentials.emailPassword(email, "wrong password")),
      401, "InvalidPassword", "invalid username/password");
    await rejectsWith(client.app.logIn(Credentials.emailPassword(newAddress("Nobody"), PASSWORD)),
      401, "InvalidPassword", "invalid username/password");

    assert.deepEqual(client.since(mark), [
      `POST ${userpass("login")} none 401`,
      `POST ${userpass("login")} none 401`,
    ]);
  });

  test("automatic confirmation: resending a confirmation, retrying it and resetting by mail are refused", async () => {
    const auth = newClient().app.emailPasswordAuth;
    const email = newAddress("Erin");

    await rejectsWith(auth.resendConfirmationEmail({ email }), 400, "BadRequest",
      "cannot send a confirmation e-mail: new accounts of this app are confirmed automatically");
    await rejectsWith(auth.retryCustomConfirmation({ email }), 400, "BadRequest",
      `cannot run confirmation for ${email}: automatic confirmation is enabled`);
    await rejectsWith(auth.sendResetPasswordEmail({ email }), 400, "BadRequest",
      "password reset is not enabled for this app");
    await rejectsWith(auth.confirmUser({ token: "0".repeat(64), tokenId: "0".repeat(24) }), 400,
      "UserpassTokenInvalid", "invalid token data");
  });

  test("the provider's endpoints ignore a stale access token, which realm-web sends along", async () => {
    const response = await fetch(`${process.env.PORTICO_BASE_URL.replace(/\/+$/, "")}${userpass("register")}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer stale.token.value" },
      body: JSON.stringify({ email: newAddress("Frank"), password: PASSWORD }),
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get("content-type"), null);
  });
});

describe("email/password and an existing user", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("an anonymous user registers and links the credentials: the same user, now with two identities", async (t) => {
    const client = newClient();
    const anonymous = await logInNewUser(t, client);
    const email = newAddress("Grace");
    const mark = client.mark();

    await client.app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
    await anonymous.linkCredentials(Credentials.emailPassword(email, PASSWORD));
    recordLinked(anonymous, "local-userpass");

    assert.deepEqual(anonymous.identities.map((identity) => identity.providerType), ["anon-user", "local-userpass"]);
    assert.deepEqual(client.since(mark), [
      `POST ${userpass("register")} token 201`,
      `POST ${userpass("login")}?link=true token 200`,
      `GET ${paths.profile} token 200`,
    ]);
    const later = await newClient().app.logIn(Credentials.emailPassword(email, PASSWORD));
    assert.equal(later.id, anonymous.id);
  });

  test("while failed logins block an account, linking it fails with 401 InvalidPassword and no refresh", async (t) => {
    const email = newAddress("Heidi");
    await newClient().app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
    const guesser = newClient();
    for (let i = 0; i < 5; i++) {
      await rejectsWith(guesser.app.logIn(Credentials.emailPassword(email, `guess ${i}`)),
        401, "InvalidPassword", "invalid username/password");
    }
    const client = newClient();
    const anonymous = await logInNewUser(t, client);
    const mark = client.mark();

    await assert.rejects(anonymous.linkCredentials(Credentials.emailPassword(email, PASSWORD)), (err) => {
      assert.ok(err instanceof MongoDBRealmError);
      assert.equal(err.statusCode, 401);
      assert.equal(err.errorCode, "InvalidPassword");
      assert.match(err.error, /^too many failed attempts; try again in \d+ seconds$/);
      return true;
    });
    assert.deepEqual(client.since(mark), [`POST ${userpass("login")}?link=true token 401`],
      "a 401 that is not InvalidSession makes realm-web neither refresh nor retry");
    assert.equal(anonymous.state, "active");
  });

  test("after deleteUser, the credentials log in nobody (401 InvalidPassword)", async (t) => {
    const client = newClient();
    const email = newAddress("Ivan");
    await client.app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
    const user = await client.app.logIn(Credentials.emailPassword(email, PASSWORD));
    recordCreated(t, user);

    await client.app.deleteUser(user);
    recordEnded(user, "user_request");

    await rejectsWith(newClient().app.logIn(Credentials.emailPassword(email, PASSWORD)),
      401, "InvalidPassword", "invalid username/password");
  });
});
