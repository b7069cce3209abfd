// --8<-- [start:send-sms]
// Send an SMS from your first SMS-capable number, then report its delivery status.
//
// Run it with `node sms.js`. Settings come from .env or the environment: RC_SERVER_URL,
// RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_USER_JWT and SMS_RECIPIENT (RC_TIMEOUT_SECONDS
// is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const POLL_SECONDS = 2; // how long to wait between status checks while the message is Queued
const MAX_POLLS = 10;

function setting(name, fallback) {
  const value = process.env[name] || fallback;
  if (!value) throw new Error(`${name} is not set; add it to .env or the environment`);
  return value;
}

// The first of the user's numbers whose features include SmsSender.
async function findSmsNumber(platform) {
  const resp = await platform.get('/restapi/v1.0/account/~/extension/~/phone-number');
  const { records } = await resp.json();
  const number = records.find((record) => record.features.includes('SmsSender'));
  if (!number) throw new Error("none of this user's phone numbers can send SMS (no SmsSender feature)");
  return number.phoneNumber;
}

// Read the message back until it leaves Queued, or MAX_POLLS checks have passed.
async function waitWhileQueued(platform, message) {
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    const resp = await platform.get(`/restapi/v1.0/account/~/extension/~/message-store/${message.id}`);
    message = await resp.json();
    if (message.messageStatus !== 'Queued') break;
    await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000));
  }
  return message;
}

async function main() {
  const timeoutSeconds = Number(setting('RC_TIMEOUT_SECONDS', '30'));
  const sdk = new SDK({
    server: setting('RC_SERVER_URL', 'https://platform.ringcentral.com'),
    clientId: setting('RC_APP_CLIENT_ID'),
    clientSecret: setting('RC_APP_CLIENT_SECRET'),
    // Without a timeout the SDK waits forever for an answer. The getter gives each request a signal
    // of its own that aborts it after RC_TIMEOUT_SECONDS.
    defaultRequestInit: { get signal() { return AbortSignal.timeout(timeoutSeconds * 1000); } },
  });
  const platform = sdk.platform();
  await platform.login({ jwt: setting('RC_USER_JWT') });

  const sender = await findSmsNumber(platform);
  const recipient = setting('SMS_RECIPIENT');
  console.log(`Sending from ${sender} to ${recipient}`);
  const resp = await platform.post('/restapi/v1.0/account/~/extension/~/sms', {
    from: { phoneNumber: sender },
    to: [{ phoneNumber: recipient }],
    text: 'Hello World!',
  });
  let message = await resp.json();
  console.log(`SMS sent. Message id: ${message.id}`);

  message = await waitWhileQueued(platform, message);
  console.log(`Message status: ${message.messageStatus}`);
  if (['DeliveryFailed', 'SendingFailed'].includes(message.messageStatus)) {
    throw new Error(`message ${message.id} failed: ${message.deliveryErrorCode}`);
  }
}

// HTTP status, errorCode and message from the platform's answer, in one line.
async function describe(error) {
  if (error.type === 'invalid-json') return 'the platform answered with something that is not JSON';
  if (error.name === 'AbortError') return 'no answer from the RingCentral platform: timed out (RC_TIMEOUT_SECONDS)';
  if (error.name === 'FetchError') return `no answer from the RingCentral platform: ${error.message}`;
  if (!error.response) return error.message; // a setting, or this program's own check
  const body = await error.response.clone().json().catch(() => null);
  if (!body) return `HTTP ${error.response.status}: the platform answered with something that is not JSON`;
  const code = body.errorCode || (body.errors || []).map((e) => e.errorCode).find(Boolean) || '';
  return `HTTP ${error.response.status} ${code}: ${body.message || body.error_description || ''}`;
}

main().catch(async (error) => {
  console.error(`Error: ${await describe(error)}`);
  process.exitCode = 1;
});
// --8<-- [end:send-sms]
