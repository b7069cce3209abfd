// --8<-- [start:list-a2p-messages]
// List every message of a High Volume SMS batch, page by page, with their
// statuses.
//
// Run it with `node a2p_messages.js`. Settings come from .env or the
// environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
// RC_USER_JWT (RC_TIMEOUT_SECONDS is optional). A2P_BATCH_ID, the batch to
// list, is optional too: without it, your newest. Either way the platform
// lists only the last 24 hours' messages unless you give dateFrom.
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const PER_PAGE = 2; // small to show paging; the platform allows up to 1000
const MAX_PAGES = 10; // a bound, in case the batch is larger than you expect
const STATUSES = ['Queued', 'Sent', 'Delivered', 'DeliveryFailed',
  'SendingFailed'];

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

  const batch = await findBatch(platform);
  console.log(`Messages of batch ${batch.id}, ${batch.status}`);
  // Newest first. Without dateFrom the list holds the last 24 hours only.
  const query = { batchId: batch.id, perPage: PER_PAGE };
  const counts = {};
  let token;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const resp = await platform.get('/restapi/v1.0/account/~/a2p-sms/messages',
      query);
    const body = await resp.json();
    console.log(`Page ${page}:`);
    for (const message of body.records) {
      const status = message.messageStatus;
      // A failed message has an errorCode; its prefix names who
      // reported it (SMS-RC-, SMS-UP- or SMS-CAR-).
      const failure = message.errorCode ? ` ${message.errorCode}` : '';
      console.log(`  ${message.to[0]}: ${status}${failure}`);
      counts[status] = (counts[status] || 0) + 1;
    }
    // The last page has no nextPageToken. The token only works with the
    // same query: the same batchId, the next page's place.
    token = body.paging.nextPageToken;
    if (!token) break;
    query.pageToken = token;
  }
  if (token) {
    console.log(`Stopped after ${MAX_PAGES} pages; `
      + 'the batch has more messages');
  }
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const summary = STATUSES.filter((s) => counts[s])
    .map((s) => `${counts[s]} ${s}`).join(', ');
  console.log(`${total} messages${summary ? `: ${summary}` : ''}`);
}

// The batch A2P_BATCH_ID names, else the newest of the last 24 hours.
async function findBatch(platform) {
  const batches = '/restapi/v1.0/account/~/a2p-sms/batches';
  const batchId = process.env.A2P_BATCH_ID;
  if (batchId) {
    return (await platform.get(`${batches}/${batchId}`)).json();
  }
  // Newest first; without dateFrom, the last 24 hours only.
  const resp = await platform.get(batches, { perPage: 1 });
  const { records } = await resp.json();
  if (records.length === 0) {
    throw new Error('you have sent no batch in the last 24 hours; '
      + 'set A2P_BATCH_ID to name one');
  }
  return records[0];
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
// --8<-- [end:list-a2p-messages]
