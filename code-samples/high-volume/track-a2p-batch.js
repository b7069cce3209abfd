// --8<-- [start:track-a2p-batch]
// Send a High Volume SMS batch, then track it until it is Completed.
//
// It checks a bounded number of times. Run it with `node a2p_track.js`.
// Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET, RC_USER_JWT and A2P_RECIPIENTS, the numbers to text,
// separated by commas (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const TEXT =
  'Our spring sale starts today: 20% off everything. Reply STOP to opt out.';
const POLL_SECONDS = 5; // how long to wait between checks
const MAX_CHECKS = 20; // then stop: the batch goes on, and can be read later

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

  const sender = await findA2pNumber(platform);
  const recipients = setting('A2P_RECIPIENTS').split(',');
  const resp = await platform.post('/restapi/v1.0/account/~/a2p-sms/batches', {
    from: sender,
    text: TEXT,
    messages: recipients.map((number) => ({ to: [number] })),
  });
  let batch = await resp.json();
  // The recipients it rejected are listed in this answer only; this
  // sample just counts them.
  console.log(`Batch ${batch.id}: ${batch.batchSize} accepted, `
    + `${batch.rejected.length} rejected`);
  if (batch.batchSize === 0) {
    throw new Error('every recipient was rejected; nothing was sent');
  }

  batch = await track(platform, batch.id);
  if (batch.status === 'Completed') {
    // The cost is known only once the batch is Completed.
    console.log(`Batch ${batch.id} Completed: ${batch.batchSize} messages, `
      + `cost ${batch.cost}`);
  } else {
    console.log(`Still ${batch.status} after ${MAX_CHECKS} checks; `
      + `check batch ${batch.id} again later`);
  }
}

// Read the batch until its status is Completed. Give up after MAX_CHECKS
// reads.
async function track(platform, batchId) {
  const path = `/restapi/v1.0/account/~/a2p-sms/batches/${batchId}`;
  let batch;
  for (let check = 1; check <= MAX_CHECKS; check++) {
    const resp = await platform.get(path);
    batch = await resp.json();
    console.log(`Check ${check}: ${batch.status}, `
      + `${batch.processedCount} of ${batch.batchSize} processed`);
    if (batch.status === 'Completed') break;
    if (check < MAX_CHECKS) {
      await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000));
    }
  }
  return batch;
}

// The first of the user's numbers with the A2PSmsSender feature.
async function findA2pNumber(platform) {
  const path = '/restapi/v1.0/account/~/extension/~/phone-number';
  const resp = await platform.get(path);
  const { records } = await resp.json();
  const number = records.find((r) => r.features.includes('A2PSmsSender'));
  if (!number) {
    throw new Error("none of this user's phone numbers can send SMS in "
      + 'batches (no A2PSmsSender feature)');
  }
  return number.phoneNumber;
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
// --8<-- [end:track-a2p-batch]
