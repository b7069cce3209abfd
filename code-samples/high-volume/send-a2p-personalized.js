// --8<-- [start:send-a2p-personalized]
// Send each customer a text of their own, in one High Volume SMS batch.
//
// Run it with `node a2p_personalized.js`. Settings come from .env or the
// environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
// RC_USER_JWT (RC_TIMEOUT_SECONDS is optional). The customers are in the
// CUSTOMERS table below: replace it with yours.
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

// Who to text, and what to tell them: one message each.
const CUSTOMERS = [
  { name: 'Ana', number: '+16505550201', time: 'Monday at 9:00' },
  { name: 'Ben', number: '+16505550202', time: 'Monday at 11:30' },
  { name: 'Cleo', number: '+16505550667', time: 'Tuesday at 14:00' },
  { name: 'Dev', number: '+1650555020', time: 'Wednesday at 10:15' },
];

function reminder(customer) {
  return `Hi ${customer.name}, your appointment is on `
    + `${customer.time}. Reply STOP to opt out.`;
}

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
  console.log(`Sending ${CUSTOMERS.length} reminders from ${sender}`);
  // Each message has a text of its own, so the batch needs none.
  const resp = await platform.post('/restapi/v1.0/account/~/a2p-sms/batches', {
    from: sender,
    messages: CUSTOMERS.map((customer) => ({
      to: [customer.number],
      text: reminder(customer),
    })),
  });
  const batch = await resp.json();
  console.log(
    `Batch ${batch.id}: ${batch.batchSize} accepted, ${batch.status}`,
  );

  // A rejected message's index is its place in the messages sent, which
  // is the customer's place in CUSTOMERS.
  for (const rejected of batch.rejected) {
    const customer = CUSTOMERS[rejected.index];
    console.log(
      `Rejected ${customer.name} (${rejected.to[0]}): `
      + `${rejected.errorCode} ${rejected.description}`,
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
// --8<-- [end:send-a2p-personalized]
