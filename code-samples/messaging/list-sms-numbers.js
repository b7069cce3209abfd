// --8<-- [start:list-sms-numbers]
// List the user's phone numbers with their messaging features.
//
// Then say which can send SMS and MMS. Run it with `node sms_numbers.js`.
// Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const MESSAGING_FEATURES = [
  'SmsSender', 'MmsSender', 'A2PSmsSender', 'InternationalSmsSender',
];

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

  const path = '/restapi/v1.0/account/~/extension/~/phone-number';
  const resp = await platform.get(path);
  const { records } = await resp.json();
  for (const number of records) {
    const features = number.features
      .filter((f) => MESSAGING_FEATURES.includes(f));
    const listed = features.join(', ') || 'no messaging features';
    console.log(`${number.phoneNumber}: ${listed}`);
  }

  const sms = records
    .filter((n) => n.features.includes('SmsSender'))
    .map((n) => n.phoneNumber);
  const mms = records
    .filter((n) => n.features.includes('SmsSender')
      && n.features.includes('MmsSender'))
    .map((n) => n.phoneNumber);
  if (sms.length === 0) {
    throw new Error(
      "none of this user's phone numbers can send SMS (no SmsSender feature)",
    );
  }
  console.log(`Can send SMS: ${sms.join(', ')}`);
  console.log(`Can send MMS: ${mms.join(', ') || 'none'}`);
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
// --8<-- [end:list-sms-numbers]
