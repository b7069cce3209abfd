// --8<-- [start:send-a2p-sms]
// Send one text to many recipients as a High Volume SMS batch.
//
// Run it with `node a2p_sms.js`. Settings come from .env or the environment:
// RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_USER_JWT and
// A2P_RECIPIENTS, the numbers to text, separated by commas
// (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const TEXT =
  'Our spring sale starts today: 20% off everything. Reply STOP to opt out.';

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
  console.log(`Sending to ${recipients.length} recipients from ${sender}`);
  // One message per recipient; each may have a text of its own, and
  // those without take the batch's.
  const resp = await platform.post('/restapi/v1.0/account/~/a2p-sms/batches', {
    from: sender,
    text: TEXT,
    messages: recipients.map((number) => ({ to: [number] })),
  });
  const batch = await resp.json();
  console.log(
    `Batch ${batch.id}: ${batch.batchSize} accepted, ${batch.status}`,
  );

  // An invalid number does not fail the batch: it is listed here, in
  // this answer only, and nobody is told again.
  for (const rejected of batch.rejected) {
    console.log(
      `Rejected ${rejected.to[0]}: ${rejected.errorCode} `
      + `${rejected.description}`,
    );
  }
  if (batch.batchSize === 0) {
    throw new Error('every recipient was rejected; nothing was sent');
  }
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
// --8<-- [end:send-a2p-sms]
