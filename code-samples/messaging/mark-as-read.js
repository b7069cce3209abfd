// --8<-- [start:mark-as-read]
// Mark read the unread SMS of your newest conversation.
//
// It finds the newest unread SMS you received since the start of the day 30
// days ago, then marks each unread message of its conversation read. Run it
// with `node mark_read.js`. Settings come from .env or the environment:
// RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and RC_USER_JWT
// (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const DAYS = 30;
const MAX_MESSAGES = 100; // marked in one run; run it again for more

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

  // Without dateFrom the store lists only the last 24 hours.
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const since = new Date(today.getTime() - DAYS * 24 * 60 * 60 * 1000);
  const unread = {
    messageType: 'SMS',
    direction: 'Inbound',
    readStatus: 'Unread',
    dateFrom: since.toISOString(),
  };
  const store = '/restapi/v1.0/account/~/extension/~/message-store';
  let resp = await platform.get(store, { ...unread, perPage: 1 });
  const newest = (await resp.json()).records;
  if (newest.length === 0) {
    console.log(`No unread SMS since ${since.toISOString().slice(0, 10)}`);
    return;
  }
  console.log(`Conversation with ${newest[0].from.phoneNumber}:`);
  // conversation.id is the conversation's id as a string: the number is too
  // large for a JavaScript number to hold exactly.
  const { id } = newest[0].conversation;
  const conversation = { ...unread, conversationId: id };
  resp = await platform.get(store, { ...conversation, perPage: MAX_MESSAGES });
  const messages = (await resp.json()).records;
  for (const message of messages) {
    await platform.put(`${store}/${message.id}`, { readStatus: 'Read' });
    console.log(`  Marked read: ${message.subject}`);
  }
  console.log(`Marked ${messages.length} messages read`);
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
// --8<-- [end:mark-as-read]
