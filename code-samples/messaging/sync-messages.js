// --8<-- [start:sync-messages]
// Keep a copy of your message store in sync: a full sync, then changes only.
//
// The first run asks for a full sync (the last 24 hours) and keeps its sync
// token in sync-token.txt. Each later run asks only for what changed since,
// and keeps the new token. Run it with `node sync_messages.js`. Settings come
// from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
const fs = require('fs');
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const TOKEN_FILE = 'sync-token.txt';

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

  const sync = '/restapi/v1.0/account/~/extension/~/message-sync';
  const token = fs.existsSync(TOKEN_FILE)
    ? fs.readFileSync(TOKEN_FILE, 'utf8').trim() : '';
  let answer = null;
  if (token) {
    try {
      const resp = await platform.get(sync, {
        syncType: 'ISync', syncToken: token });
      answer = await resp.json();
      console.log(`Changes since the last sync: ${answer.records.length}`);
    } catch (error) {
      // MSG-333: the token is too old; only a full sync helps.
      if (!(await describe(error)).startsWith('HTTP 400 MSG-333')) {
        throw error;
      }
      console.log('The sync token is stale: a full sync again');
    }
  }
  if (answer === null) {
    const resp = await platform.get(sync, { syncType: 'FSync' });
    answer = await resp.json();
    console.log(`Full sync: ${answer.records.length} messages`);
  }
  for (const record of answer.records) {
    // A deleted message comes back as its id and availability only.
    if (record.availability !== 'Alive') {
      console.log(`  ${record.id}: ${record.availability}`);
    } else {
      console.log(`  ${record.id}: ${record.readStatus}, ${record.subject}`);
    }
  }
  fs.writeFileSync(TOKEN_FILE, answer.syncInfo.syncToken);
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
// --8<-- [end:sync-messages]
