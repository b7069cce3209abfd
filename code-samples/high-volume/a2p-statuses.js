// --8<-- [start:a2p-statuses]
// Count a High Volume SMS batch's messages by status, with their cost and
// the error codes of those that failed.
//
// Run it with `node a2p_statuses.js`. Settings come from .env or the
// environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
// RC_USER_JWT (RC_TIMEOUT_SECONDS is optional). A2P_BATCH_ID, the batch to
// count, is optional too: without it, your newest. Either way the platform
// counts only the last 24 hours' messages unless you give dateFrom.
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

// Each status, and its key in the answer.
const STATUSES = {
  Queued: 'queued',
  Sent: 'sent',
  Delivered: 'delivered',
  DeliveryFailed: 'deliveryFailed',
  SendingFailed: 'sendingFailed',
};
const REPORTED_BY = {
  'SMS-RC-': 'RingCentral',
  'SMS-UP-': 'the upstream provider',
  'SMS-CAR-': "the recipient's carrier",
};

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
  console.log(`Statuses of batch ${batch.id}, ${batch.status}`);
  const resp = await platform.get('/restapi/v1.0/account/~/a2p-sms/statuses',
    { batchId: batch.id });
  const statuses = await resp.json();
  for (const [status, key] of Object.entries(STATUSES)) {
    const entry = statuses[key] || { count: 0, cost: 0 };
    console.log(`${status}: ${entry.count} (cost ${entry.cost})`);
    // Failures only: how many messages failed with each code.
    const codes = Object.entries(entry.errorCodeCounts || {});
    for (const [code, count] of codes) {
      const prefix = Object.keys(REPORTED_BY).find((p) => code.startsWith(p));
      const party = REPORTED_BY[prefix] || 'an unknown party';
      console.log(`  ${code}: ${count}, reported by ${party}`);
    }
  }
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
// --8<-- [end:a2p-statuses]
