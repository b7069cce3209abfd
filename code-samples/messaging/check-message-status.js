// --8<-- [start:check-message-status]
// Send an SMS, then check its status until it is delivered or has failed.
//
// It checks a bounded number of times. Run it with `node sms_status.js`.
// Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET, RC_USER_JWT and SMS_RECIPIENT (RC_TIMEOUT_SECONDS is
// optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const POLL_SECONDS = 2; // how long to wait between checks
const MAX_CHECKS = 15; // then stop: the message may still be delivered later
const IN_PROGRESS = ['Queued', 'Sent']; // Sent: handed on, not delivered yet
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

  const sender = await findSmsNumber(platform);
  const recipient = setting('SMS_RECIPIENT');
  console.log(`Sending from ${sender} to ${recipient}`);
  const resp = await platform.post('/restapi/v1.0/account/~/extension/~/sms', {
    from: { phoneNumber: sender },
    to: [{ phoneNumber: recipient }],
    text: 'Hello World!',
  });
  let message = await resp.json();
  console.log(`SMS sent. Message id: ${message.id}, `
    + `status: ${message.messageStatus}`);

  message = await checkStatus(platform, message.id);
  const status = message.messageStatus;
  if (['DeliveryFailed', 'SendingFailed'].includes(status)) {
    const code = message.deliveryErrorCode;
    const prefix = Object.keys(REPORTED_BY).find((p) => code.startsWith(p));
    const party = REPORTED_BY[prefix] || 'an unknown party';
    throw new Error(`message ${message.id} ${status}: ${code}, `
      + `reported by ${party}`);
  }
  if (IN_PROGRESS.includes(status)) {
    console.log(`Still ${status} after ${MAX_CHECKS} checks; `
      + `check message ${message.id} again later`);
  } else {
    console.log(`Message ${message.id} is ${status}`);
  }
}

// The first of the user's numbers whose features include SmsSender.
async function findSmsNumber(platform) {
  const path = '/restapi/v1.0/account/~/extension/~/phone-number';
  const resp = await platform.get(path);
  const { records } = await resp.json();
  const number = records.find((r) => r.features.includes('SmsSender'));
  if (!number) {
    throw new Error(
      "none of this user's phone numbers can send SMS (no SmsSender feature)",
    );
  }
  return number.phoneNumber;
}

// Read the message until its status leaves Queued and Sent. Give up after
// MAX_CHECKS reads.
async function checkStatus(platform, messageId) {
  const path =
    `/restapi/v1.0/account/~/extension/~/message-store/${messageId}`;
  let message;
  for (let check = 1; check <= MAX_CHECKS; check++) {
    const resp = await platform.get(path);
    message = await resp.json();
    console.log(`Check ${check}: ${message.messageStatus}`);
    if (!IN_PROGRESS.includes(message.messageStatus)) break;
    if (check < MAX_CHECKS) {
      await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000));
    }
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
// --8<-- [end:check-message-status]
