// --8<-- [start:read-message-store]
// List the SMS you received since the start of the day 7 days ago.
//
// Newest first, page by page. Run it with `node sms_history.js`. Settings
// come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const DAYS = 7;
const PER_PAGE = 5; // small to show paging; the platform allows up to 1000
const MAX_PAGES = 20; // a bound, in case the store is larger than you expect

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

  // ISO 8601 in UTC with a Z, as the platform expects; without dateFrom it
  // lists only the last 24 hours.
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const since = new Date(today.getTime() - DAYS * 24 * 60 * 60 * 1000)
    .toISOString();
  console.log(`Inbound SMS since ${since}, ${PER_PAGE} per page`);
  const store = '/restapi/v1.0/account/~/extension/~/message-store';
  let count = 0;
  let page = 1;
  for (; page <= MAX_PAGES; page++) {
    const resp = await platform.get(store, {
      messageType: 'SMS',
      direction: 'Inbound',
      dateFrom: since,
      perPage: PER_PAGE,
      page,
    });
    const body = await resp.json();
    console.log(`Page ${page} of ${body.paging.totalPages}:`);
    for (const message of body.records) {
      console.log(`  ${message.from.phoneNumber}: ${message.subject}`);
    }
    count += body.records.length;
    // The last page has no link to a next one.
    if (!body.navigation.nextPage) break;
  }
  console.log(`Read ${count} messages on ${page} pages`);
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
// --8<-- [end:read-message-store]
