// --8<-- [start:delete-message]
// Delete a message from your message store, then restore it.
//
// The message is MESSAGE_ID, or else the newest one of the last 24 hours. Run
// it with `node delete_message.js`. Settings come from .env or the
// environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
// RC_USER_JWT (MESSAGE_ID and RC_TIMEOUT_SECONDS are optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

async function main() {
  const timeoutSeconds = Number(setting('RC_TIMEOUT_SECONDS', '30'));
  const sdk = new SDK({
    server: setting('RC_SERVER_URL', 'https://platform.ringcentral.com'),
    clientId: setting('RC_APP_CLIENT_ID'),
    clientSecret: setting('RC_APP_CLIENT_SECRET'),
    // Without a timeout the SDK waits forever for an answer. The getter
    // gives each request a signal of its own that aborts it after
    // RC_TIMEOUT_SECONDS.
    defaultRequestInit: {
      get signal() { return AbortSignal.timeout(timeoutSeconds * 1000); },
    },
  });
  const platform = sdk.platform();
  await platform.login({ jwt: setting('RC_USER_JWT') });

  const store = '/restapi/v1.0/account/~/extension/~/message-store';
  let messageId = process.env.MESSAGE_ID;
  if (!messageId) {
    const resp = await platform.get(store, { perPage: 1 });
    const newest = (await resp.json()).records;
    if (newest.length === 0) {
      console.log('No message in the last 24 hours to delete');
      return;
    }
    messageId = newest[0].id;
  }
  const path = `${store}/${messageId}`;
  const message = await (await platform.get(path)).json();
  console.log(`Message ${message.id}: ${message.subject}`);

  // 204 No Content: the answer has no body to read.
  await platform.delete(path);
  const deleted = await (await platform.get(path)).json();
  console.log(`Deleted; its availability is now ${deleted.availability}`);

  const resp = await platform.patch(path, { availability: 'Alive' });
  const restored = await resp.json();
  console.log(`Restored; its availability is now ${restored.availability}`);
}

// Plumbing: settings, and errors as one line.

function setting(name, fallback) {
  const value = process.env[name] || fallback;
  if (value) return value;
  throw new Error(`${name} is not set; add it to .env or the environment`);
}

// The platform's answer in one line: HTTP status, errorCode and message.
async function describe(error) {
  const noAnswer = 'no answer from the RingCentral platform';
  const notJson = 'the platform answered with something that is not JSON';
  if (error.type === 'invalid-json') return notJson;
  if (error.name === 'AbortError') {
    return `${noAnswer}: timed out (RC_TIMEOUT_SECONDS)`;
  }
  if (error.name === 'FetchError') return `${noAnswer}: ${error.message}`;
  if (!error.response) return error.message; // a setting, or our own check
  const { status } = error.response;
  const body = await error.response.clone().json().catch(() => null);
  if (!body) return `HTTP ${status}: ${notJson}`;
  const code = body.errorCode
    || (body.errors || []).map((e) => e.errorCode).find(Boolean) || '';
  const message = body.message || body.error_description || '';
  return `HTTP ${status} ${code}: ${message}`;
}

main().catch(async (error) => {
  console.error(`Error: ${await describe(error)}`);
  process.exitCode = 1;
});
// --8<-- [end:delete-message]
