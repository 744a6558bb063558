// The unmodified realm-web 2.0.1 SDK reading custom user data that an internal service wrote through the
// service API a moment before (user.refreshCustomData()), and calling the app's functions
// (user.functions.<name>(…)) whose endpoint the Java harness runs on 127.0.0.1. The app names `user_id` as its
// custom data's user id field, as an export's auth/custom_user_data.json would.
//
// Environment (besides support.mjs's): PORTICO_E2E_SERVICE_TOKEN, the bearer token of the internal service.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MongoDBRealmError } from "realm-web";
import { appId, baseUrl, logInNewUser, newClient, recordEnded } from "./support.mjs";

const SUITE_TIMEOUT_MS = 60_000;
const serviceToken = process.env.PORTICO_E2E_SERVICE_TOKEN;
if (!serviceToken) throw new Error("set PORTICO_E2E_SERVICE_TOKEN (the Java harness does)");

/** What an internal service does: PUT the user's whole custom data document (canonical EJSON). */
async function writeCustomData(userId, document) {
  const response = await fetch(`${baseUrl}/api/service/v1/apps/${appId}/users/${userId}/custom-data`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${serviceToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(document),
  });
  assert.equal(response.status, 200, await response.text());
}

/** Logs a new anonymous user in, runs `check`, and deletes the user whatever happened. */
async function withNewUser(t, check) {
  const client = newClient();
  const user = await logInNewUser(t, client);
  try {
    await check(user, client);
  } finally {
    await client.app.deleteUser(user);
    recordEnded(user, "user_request");
  }
}

describe("custom user data and functions", { timeout: SUITE_TIMEOUT_MS }, () => {
  test("refreshCustomData() sees data the service API wrote a moment before", async (t) => {
    await withNewUser(t, async (user, client) => {
      assert.deepEqual(user.customData, {});

      await writeCustomData(user.id, {
        plan: "gold",
        seats: { $numberInt: "3" },
        since: { $date: { $numberLong: "0" } },
        team: { _id: { $oid: "65aa00000000000000000042" } },
      });
      const mark = client.mark();
      const data = await user.refreshCustomData();

      assert.deepEqual(client.since(mark), ["POST /api/client/v2.0/auth/session token 201"]);
      assert.deepEqual(data, {
        plan: "gold", seats: 3, since: "1970-01-01T00:00:00Z", team: { _id: "65aa00000000000000000042" },
        user_id: user.id,
      });
      assert.deepEqual(user.customData, data);
    });
  });

  test("user.functions.sum(...) returns what the function's endpoint computed", async (t) => {
    await withNewUser(t, async (user) => {
      assert.equal(await user.functions.sum(1, 2.5, 3), 6.5);
      assert.equal(await user.callFunction("sum"), 0);
    });
  });

  test("an unknown function is FunctionNotFound in realm-web, and a private one is not callable", async (t) => {
    await withNewUser(t, async (user, client) => {
      for (const name of ["noSuchFunction", "authenticate"]) {
        const mark = client.mark();
        await assert.rejects(user.functions[name](1), (error) => {
          assert.ok(error instanceof MongoDBRealmError, String(error));
          assert.equal(error.statusCode, 404);
          assert.equal(error.errorCode, "FunctionNotFound");
          assert.equal(error.error, `function not found: '${name}'`);
          return true;
        });
        // No refresh and retry: a missing function is not a session problem.
        assert.deepEqual(client.since(mark), [`POST /api/client/v2.0/app/${appId}/functions/call token 404`]);
      }
    });
  });
});
