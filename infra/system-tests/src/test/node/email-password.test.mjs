// The email/password provider (local-userpass) through the unmodified realm-web 2.0.1 SDK, under node:test.
// Run: node --test email-password.test.mjs (environment: see support.mjs, and below).
//
// The app named by PORTICO_APP_ID must enable anon-user and local-userpass with automatic confirmation and no
// way to reset passwords, as an export would configure it:
//   "local-userpass": {"name": "local-userpass", "type": "local-userpass", "disabled": false,
//                      "config": {"autoConfirm": true}}
// Two more apps run the rest of the emailPasswordAuth API (the Java harness serves both, SystemTestApps):
//   PORTICO_E2E_MAIL_APP_ID       confirms new accounts and resets passwords by e-mail, with links to
//                                 PORTICO_E2E_CONFIRM_URL and PORTICO_E2E_RESET_URL; the messages are read where
//                                 the SMTP server that received them wrote them (PORTICO_E2E_MAIL_DIR)
//   PORTICO_E2E_FUNCTIONS_APP_ID  confirms and resets by the app's functions, which answer by the address:
//                                 "pending." addresses are pending on the first run and confirmed on the next,
//                                 "refused." ones fail; a reset succeeds when its first argument is
//                                 PORTICO_E2E_RESET_ANSWER and fails otherwise
// The users of those two apps are not recorded: the lifecycle checks of the Java harness are about
// PORTICO_APP_ID's.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { Credentials, MongoDBRealmError } from "realm-web";
import {
  appId, awaitMail, HEX24, logInNewUser, newClient, paths, recordCreated, recordEnded, recordLinked,
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

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (the Java harness does)`);
  return value;
}

const mailApp = {
  id: required("PORTICO_E2E_MAIL_APP_ID"),
  confirmUrl: required("PORTICO_E2E_CONFIRM_URL"),
  resetUrl: required("PORTICO_E2E_RESET_URL"),
};
const functionsApp = { id: required("PORTICO_E2E_FUNCTIONS_APP_ID"), resetAnswer: required("PORTICO_E2E_RESET_ANSWER") };
const NEW_PASSWORD = "staple battery horse";

/** Registers `email` in the mail app and confirms it with the link of the first message it receives. */
async function registerAndConfirm(auth, email) {
  await auth.registerUser({ email, password: PASSWORD });
  const mail = await awaitMail(email, 1, mailApp.confirmUrl);
  await auth.confirmUser({ token: mail.token, tokenId: mail.tokenId });
}

describe("confirmation and password reset by e-mail", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("registerUser mails a link; confirmUser with its token and tokenId lets the user log in, once", async () => {
    const client = newClient({ id: mailApp.id });
    const auth = client.app.emailPasswordAuth;
    const email = newAddress("Judy");

    await auth.registerUser({ email, password: PASSWORD });
    await rejectsWith(client.app.logIn(Credentials.emailPassword(email, PASSWORD)), 401, "AuthError",
      "confirmation required");
    const mail = await awaitMail(email, 1, mailApp.confirmUrl);
    assert.equal(mail.subject, "Confirm your email address");
    assert.match(mail.token, /^[0-9a-f]{64}$/);
    assert.match(mail.tokenId, HEX24);
    await auth.confirmUser({ token: mail.token, tokenId: mail.tokenId });
    const user = await client.app.logIn(Credentials.emailPassword(email, PASSWORD));

    assert.deepEqual(user.identities, [{ id: email.toLowerCase(), providerType: "local-userpass" }]);
    assert.equal(user.profile.email, email.toLowerCase());
    await rejectsWith(auth.confirmUser({ token: mail.token, tokenId: mail.tokenId }), 400, "UserpassTokenInvalid",
      "invalid token data");
  });

  test("resendConfirmationEmail mails a new link, and the earlier one no longer confirms", async () => {
    const client = newClient({ id: mailApp.id });
    const auth = client.app.emailPasswordAuth;
    const email = newAddress("Karl");
    await auth.registerUser({ email, password: PASSWORD });
    const first = await awaitMail(email, 1, mailApp.confirmUrl);

    await auth.resendConfirmationEmail({ email });
    const second = await awaitMail(email, 2, mailApp.confirmUrl);

    assert.notEqual(second.token, first.token);
    await rejectsWith(auth.confirmUser({ token: first.token, tokenId: first.tokenId }), 400, "UserpassTokenInvalid",
      "invalid token data");
    await auth.confirmUser({ token: second.token, tokenId: second.tokenId });
    await client.app.logIn(Credentials.emailPassword(email, PASSWORD));
    // Answered as for any address, confirmed or unknown: the answer tells nothing about accounts.
    await auth.resendConfirmationEmail({ email });
    await auth.resendConfirmationEmail({ email: newAddress("Nobody") });
  });

  test("sendResetPasswordEmail mails a link; resetPassword sets the new password, and the link works once", async () => {
    const client = newClient({ id: mailApp.id });
    const auth = client.app.emailPasswordAuth;
    const email = newAddress("Lena");
    await registerAndConfirm(auth, email);
    const user = await client.app.logIn(Credentials.emailPassword(email, PASSWORD));

    await auth.sendResetPasswordEmail({ email });
    const mail = await awaitMail(email, 2, mailApp.resetUrl);
    assert.equal(mail.subject, "Reset your password");
    await auth.resetPassword({ token: mail.token, tokenId: mail.tokenId, password: NEW_PASSWORD });

    const again = await newClient({ id: mailApp.id }).app.logIn(Credentials.emailPassword(email, NEW_PASSWORD));
    assert.equal(again.id, user.id);
    await rejectsWith(newClient({ id: mailApp.id }).app.logIn(Credentials.emailPassword(email, PASSWORD)),
      401, "InvalidPassword", "invalid username/password");
    await rejectsWith(auth.resetPassword({ token: mail.token, tokenId: mail.tokenId, password: "a third password" }),
      400, "UserpassTokenInvalid", "invalid token data");
    await rejectsWith(auth.resetPassword({ token: "f".repeat(63) + "e", tokenId: mail.tokenId, password: "a third password" }),
      400, "UserpassTokenInvalid", "invalid token data");
    await newClient({ id: mailApp.id }).app.logIn(Credentials.emailPassword(email, NEW_PASSWORD));
  });
});

describe("confirmation and password reset by the app's functions", { timeout: SUITE_TIMEOUT_MS }, () => {
  const functionAddress = (kind) => `${kind}.${randomUUID()}@example.test`;

  test("a confirmation function that answers success confirms at registration", async () => {
    const app = newClient({ id: functionsApp.id }).app;
    const email = functionAddress("welcome");

    await app.emailPasswordAuth.registerUser({ email, password: PASSWORD });

    const user = await app.logIn(Credentials.emailPassword(email, PASSWORD));
    assert.deepEqual(user.identities, [{ id: email, providerType: "local-userpass" }]);
  });

  test("after a pending answer, retryCustomConfirmation runs the function again and its success confirms", async () => {
    const app = newClient({ id: functionsApp.id }).app;
    const email = functionAddress("pending");
    await app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
    await rejectsWith(app.logIn(Credentials.emailPassword(email, PASSWORD)), 401, "AuthError", "confirmation required");

    await app.emailPasswordAuth.retryCustomConfirmation({ email });

    await app.logIn(Credentials.emailPassword(email, PASSWORD));
    await rejectsWith(app.emailPasswordAuth.retryCustomConfirmation({ email }), 400, "UserAlreadyConfirmed",
      "already confirmed");
  });

  test("a confirmation function that answers fail refuses the registration", async () => {
    const app = newClient({ id: functionsApp.id }).app;
    const email = functionAddress("refused");

    await rejectsWith(app.emailPasswordAuth.registerUser({ email, password: PASSWORD }), 400, "BadRequest",
      `failed to confirm user "${email}"`);
    await rejectsWith(app.logIn(Credentials.emailPassword(email, PASSWORD)), 401, "InvalidPassword",
      "invalid username/password");
  });

  test("callResetPasswordFunction: a refused reset changes nothing, an accepted one sets the password", async () => {
    const app = newClient({ id: functionsApp.id }).app;
    const email = functionAddress("forgetful");
    await app.emailPasswordAuth.registerUser({ email, password: PASSWORD });

    await rejectsWith(app.emailPasswordAuth.callResetPasswordFunction({ email, password: NEW_PASSWORD }, "a wrong answer"),
      400, "BadRequest", `failed to reset password for user "${email}"`);
    await app.logIn(Credentials.emailPassword(email, PASSWORD));

    await app.emailPasswordAuth.callResetPasswordFunction({ email, password: NEW_PASSWORD }, functionsApp.resetAnswer);

    await newClient({ id: functionsApp.id }).app.logIn(Credentials.emailPassword(email, NEW_PASSWORD));
    await rejectsWith(newClient({ id: functionsApp.id }).app.logIn(Credentials.emailPassword(email, PASSWORD)),
      401, "InvalidPassword", "invalid username/password");
  });
});
