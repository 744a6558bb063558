// The admin console in a real Chromium, driven by Playwright, beside the unmodified realm-web 2.0.1 SDK.
// Run by AdminConsoleBrowserTest (node --test console.browser.mjs); not a *.test.mjs file, so the realm-web run
// leaves it alone. Environment, besides PORTICO_BASE_URL and PORTICO_APP_ID (support.mjs):
//   PORTICO_CONSOLE_URL            the query-service, which serves /console
//   PORTICO_CONSOLE_OPERATOR       an operator's name: a read API credential with every scope, and the same
//   PORTICO_CONSOLE_TOKEN          name and token among the command-service's portico.operators
//   PORTICO_TOKENS_APP_ID          an app with the api-key provider, for server API keys
//   PORTICO_MAIL_APP_ID            an app confirming registrations by e-mail, for the pending-user case
//   PORTICO_CHROMIUM               the Chromium executable
//   PORTICO_CONSOLE_SCREENSHOTS    where each page's screenshot goes

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { App, Credentials, MongoDBRealmError } from "realm-web";
import { appId, baseUrl, MapStorage } from "./support.mjs";

const consoleUrl = (process.env.PORTICO_CONSOLE_URL || "").replace(/\/+$/, "");
const operatorName = process.env.PORTICO_CONSOLE_OPERATOR || "";
const operatorToken = process.env.PORTICO_CONSOLE_TOKEN || "";
const tokensAppId = process.env.PORTICO_TOKENS_APP_ID || "";
const mailAppId = process.env.PORTICO_MAIL_APP_ID || "";
const chromiumPath = process.env.PORTICO_CHROMIUM || "/usr/bin/chromium";
const screenshots = process.env.PORTICO_CONSOLE_SCREENSHOTS || "console-screenshots";
if (!consoleUrl || !operatorName || !operatorToken || !tokensAppId || !mailAppId) {
  throw new Error("set PORTICO_CONSOLE_URL, PORTICO_CONSOLE_OPERATOR, PORTICO_CONSOLE_TOKEN, PORTICO_TOKENS_APP_ID and PORTICO_MAIL_APP_ID");
}
mkdirSync(screenshots, { recursive: true });

const SUITE_TIMEOUT_MS = 180_000;
const PROJECTED_MS = 15_000;

let browser;
let page;
let shot = 0;

/** A screenshot of the page, then axe-core: no serious or critical violation. */
async function check(name) {
  shot += 1;
  await page.screenshot({ path: join(screenshots, `${String(shot).padStart(2, "0")}-${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const grave = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), [],
    `accessibility of ${name}`);
}

/** Reloads `url` until `predicate(page)` holds: the read models trail the event store by a moment. */
async function eventually(url, predicate, what) {
  const deadline = Date.now() + PROJECTED_MS;
  for (;;) {
    await page.goto(url);
    if (await predicate()) {
      return;
    }
    if (Date.now() > deadline) {
      assert.fail(`not within ${PROJECTED_MS} ms: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function signIn(name, token) {
  await page.goto(`${consoleUrl}/console/sign-in`);
  await page.getByLabel("Operator name").fill(name);
  await page.getByLabel("Operator token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function text(selector) {
  return (await page.locator(selector).innerText()).trim();
}

async function failure(promise) {
  const error = await promise.then((value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`), (e) => e);
  assert.ok(error instanceof MongoDBRealmError, `a MongoDBRealmError: ${error}`);
  return { statusCode: error.statusCode, errorCode: error.errorCode };
}

describe("the admin console", { timeout: SUITE_TIMEOUT_MS }, () => {
  const realm = new App({ id: appId, baseUrl, storage: new MapStorage() });
  let user;

  before(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    user = await realm.logIn(Credentials.anonymous(false));
    // Stays, with its login, for the overview's chart: a deleted user's sessions leave the read model.
    await new App({ id: appId, baseUrl, storage: new MapStorage() }).logIn(Credentials.anonymous(false));
  });

  after(async () => {
    await browser?.close();
  });

  test("an anonymous visitor is sent to sign in", async () => {
    await page.goto(`${consoleUrl}/console/users`);
    assert.equal(new URL(page.url()).pathname, "/console/sign-in");
    await check("sign-in");
  });

  test("a wrong token and an end user's access token are refused", async () => {
    await signIn(operatorName, `${operatorToken}-wrong`);
    assert.equal(await text("[role=alert]"), "Wrong operator name or token.");
    await check("sign-in-refused");

    await signIn(user.id, user.accessToken);
    assert.equal(await text("[role=alert]"), "Wrong operator name or token.");
    await signIn(operatorName, user.accessToken);
    assert.equal(await text("[role=alert]"), "Wrong operator name or token.");
  });

  test("the operator signs in, back where the visit began, and finds the user realm-web created", async () => {
    await signIn(operatorName, operatorToken);
    assert.equal(new URL(page.url()).pathname, "/console/users");
    await page.goto(`${consoleUrl}/console`);
    await check("overview-without-app");

    const search = `${consoleUrl}/console/users?app_id=${appId}&provider_type=anon-user&state=active`;
    await eventually(search, async () => (await page.getByRole("link", { name: user.id }).count()) === 1,
      `user ${user.id} in the listing`);
    await check("users");
    await page.getByRole("link", { name: user.id }).click();
    assert.equal(await text("#user-state"), "active");
    assert.match(await page.locator("main").innerText(), /anon-user/);
    await check("user");
  });

  test("disabled, its realm-web refresh fails; enabled again", async () => {
    await page.getByRole("button", { name: "Disable" }).click();
    assert.match(await text("[role=status]"), new RegExp(`User ${user.id} is disabled; 1 session\\(s\\) ended\\.`));
    assert.equal(await text("#user-state"), "disabled");
    await check("user-disabled");

    assert.deepEqual(await failure(user.refreshAccessToken()), { statusCode: 401, errorCode: "UserDisabled" });

    await page.getByRole("button", { name: "Enable" }).click();
    assert.match(await text("[role=status]"), new RegExp(`User ${user.id} is enabled`));
    assert.equal(await text("#user-state"), "active");
  });

  test("delete asks first, naming the user, then deletes it", async () => {
    await page.goto(`${consoleUrl}/console/users/${user.id}`);
    await page.getByRole("link", { name: "Delete…" }).click();
    assert.equal(await text("h1"), `Delete user ${user.id}?`);
    await check("confirm-delete");
    await page.getByRole("button", { name: `Delete user ${user.id}` }).click();
    assert.equal(new URL(page.url()).pathname, "/console/users");
    assert.match(await text("[role=status]"), new RegExp(`User ${user.id} of app ${appId} is deleted`));
  });

  test("the history shows the deleted user's timeline, its personal data erased", async () => {
    await eventually(`${consoleUrl}/console/history/${user.id}`,
      async () => (await page.locator("main").innerText()).includes("UserDeleted"), "the deletion in the history");
    const timeline = await page.locator("main").innerText();
    assert.match(timeline, /UserRegistered/);
    assert.match(timeline, /IdentityLinked/);
    assert.match(timeline, /\(personal data erased\)/);
    assert.match(timeline, new RegExp(`operator ${operatorName}`));
    await check("history");

    // A minute ahead: the field holds whole seconds, and the deletion may have been within this one.
    await page.getByLabel("The user as it was at (UTC)").fill(new Date(Date.now() + 60_000).toISOString().slice(0, 19));
    await page.getByRole("button", { name: "Show" }).click();
    assert.equal(await text("#state-then"), "deleted");
    await check("state");
  });

  test("the chain verification says the user's chain is intact", async () => {
    await page.goto(`${consoleUrl}/console/history/${user.id}`);
    await page.getByRole("link", { name: "Verify this user's chain" }).click();
    assert.match(await text("#chain-result"), /^Intact: \d+ event\(s\) checked, no break\.$/);
    await check("chain");
  });

  test("a server API key's secret is shown once", async () => {
    await page.goto(`${consoleUrl}/console/apps`);
    assert.match(await page.locator("main").innerText(), new RegExp(tokensAppId));
    await check("apps");
    const name = `console-key-${randomUUID().slice(0, 8)}`;
    await page.goto(`${consoleUrl}/console/apps/${tokensAppId}/keys`);
    await page.getByLabel("New key's name").fill(name);
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await text("#secret");
    assert.match(secret, /^\S{32,}$/);
    await check("key-created");

    const keyUser = await new App({ id: tokensAppId, baseUrl, storage: new MapStorage() })
      .logIn(Credentials.apiKey(secret));
    assert.ok(keyUser.id);

    await page.getByRole("link", { name: "Back to the keys" }).click();
    const keys = await page.locator("main").innerText();
    assert.match(keys, new RegExp(name));
    assert.ok(!keys.includes(secret), "the list never shows the secret");
    await check("keys");
    await page.getByRole("button", { name: `Disable ${name}` }).click();
    assert.match(await text("[role=status]"), /is disabled\./);
    await page.getByRole("button", { name: `Delete ${name}` }).click();
    assert.match(await text("[role=status]"), /is deleted/);
  });

  test("a pending registration is confirmed by the operator", async () => {
    const email = `pending-${randomUUID()}@example.com`;
    const password = `pw-${randomUUID()}`;
    const mailApp = new App({ id: mailAppId, baseUrl, storage: new MapStorage() });
    await mailApp.emailPasswordAuth.registerUser({ email, password });
    await assert.rejects(mailApp.logIn(Credentials.emailPassword(email, password)), MongoDBRealmError,
      "unconfirmed, the registration cannot log in");
    await page.goto(`${consoleUrl}/console/apps/${mailAppId}/pending?email=${encodeURIComponent(email)}`);
    assert.match(await page.locator("main").innerText(), new RegExp(email.replace(/[.]/g, "\\.")));
    await check("pending");
    await page.getByRole("button", { name: `Confirm ${email}` }).click();
    assert.match(await text("[role=status]"), /is confirmed/);
    const confirmed = await mailApp.logIn(Credentials.emailPassword(email, password));
    assert.equal(confirmed.providerType, "local-userpass");
  });

  test("the overview charts the app's logins", async () => {
    await page.goto(`${consoleUrl}/console?app_id=${appId}&range=hour`);
    assert.ok(await page.locator("#logins-chart rect").count() > 0, "bars in the chart");
    assert.match(await page.locator("#logins-heading").innerText(), new RegExp(appId));
    assert.match(await page.locator("main").innerText(), /Failed logins/);
    await check("overview");
  });

  test("at phone width the pages still fit and work", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${consoleUrl}/console/users?app_id=${appId}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px too wide)`);
    await check("users-phone");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  });

  test("signing out ends the session", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto(`${consoleUrl}/console`);
    assert.equal(new URL(page.url()).pathname, "/console/sign-in");
  });
});
