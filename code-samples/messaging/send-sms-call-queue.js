// --8<-- [start:send-sms-call-queue]
// Send an SMS on behalf of a call queue, then report its delivery status.
//
// Log in as the queue's manager with a JWT issued for the queue (a Department
// extension): its direct numbers then carry SmsSender. Run it with
// `node sms_call_queue.js`. Settings come from .env or the environment:
// RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET, RC_USER_JWT and
// SMS_RECIPIENT (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const POLL_SECONDS = 2; // between status checks while the message is Queued
const MAX_POLLS = 10;

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

  const [queue, sender] = await findQueueSmsNumber(platform);
  const recipient = setting('SMS_RECIPIENT');
  console.log(`Sending for call queue ${queue} from ${sender} `
    + `to ${recipient}`);
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
    const code = message.deliveryErrorCode;
    throw new Error(`message ${message.id} failed: ${code}`);
  }
}

// The call queue's name and its first own number with SmsSender.
async function findQueueSmsNumber(platform) {
  const path = '/restapi/v1.0/account/~/extension/~/phone-number';
  const resp = await platform.get(path);
  const { records } = await resp.json();
  const number = records.find((r) => r.extension.type === 'Department'
    && r.features.includes('SmsSender'));
  if (!number) {
    throw new Error(
      'RC_USER_JWT does not log in as a call queue with an SMS-capable number',
    );
  }
  return [number.extension.name, number.phoneNumber];
}

// Read the message back while it is Queued, at most MAX_POLLS times.
async function waitWhileQueued(platform, message) {
  const path =
    `/restapi/v1.0/account/~/extension/~/message-store/${message.id}`;
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    const resp = await platform.get(path);
    message = await resp.json();
    if (message.messageStatus !== 'Queued') break;
    await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000));
  }
  return message;
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
// --8<-- [end:send-sms-call-queue]
