// --8<-- [start:handling-errors]
// Send an SMS, retrying what the platform says is worth retrying.
//
// A 429 (too many requests) or 503 (service unavailable) is tried again after
// the wait its Retry-After header asks for; a read that got no answer is tried
// again. (An expired access token the SDK refreshes by itself.) Each request
// gets at most MAX_ATTEMPTS tries. Any other error stops the program with one
// line naming the platform's errorCode. Run it with `node handling_errors.js`.
// Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET, RC_USER_JWT and SMS_RECIPIENT (RC_TIMEOUT_SECONDS is
// optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const MAX_ATTEMPTS = 3; // tries per request, the first one included
// The platform is busy: the same request may succeed later.
const RETRY_AFTER_STATUSES = [429, 503];
const DEFAULT_WAIT_SECONDS = 30; // when a 429 or 503 comes without Retry-After
const MAX_WAIT_SECONDS = 120; // never wait longer than this for one retry

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
  const jwt = setting('RC_USER_JWT');
  await withRetries(() => platform.login({ jwt }));

  const sender = await findSmsNumber(platform);
  const recipient = setting('SMS_RECIPIENT');
  console.log(`Sending from ${sender} to ${recipient}`);
  const body = {
    from: { phoneNumber: sender },
    to: [{ phoneNumber: recipient }],
    text: 'Hello World!',
  };
  const path = '/restapi/v1.0/account/~/extension/~/sms';
  let message = await withRetries(() => platform.post(path, body));
  console.log(`SMS sent. Message id: ${message.id}`);

  const url =
    `/restapi/v1.0/account/~/extension/~/message-store/${message.id}`;
  message = await withRetries(() => platform.get(url), true);
  console.log(`Message status: ${message.messageStatus}`);
}

// The first of the user's numbers whose features include SmsSender.
async function findSmsNumber(platform) {
  const path = '/restapi/v1.0/account/~/extension/~/phone-number';
  const { records } = await withRetries(() => platform.get(path), true);
  const number = records.find((r) => r.features.includes('SmsSender'));
  if (!number) {
    throw new Error(
      "none of this user's phone numbers can send SMS (no SmsSender feature)",
    );
  }
  return number.phoneNumber;
}

// Call send() and read the JSON it answers; try again where that can help,
// MAX_ATTEMPTS tries in all. Pass repeatable = true for reads only: a send
// that got no answer may still have gone out.
async function withRetries(send, repeatable = false) {
  for (let attempt = 1; ; attempt++) {
    try {
      // A connection cut off mid-answer fails here.
      return await (await send()).json();
    } catch (error) {
      if (attempt === MAX_ATTEMPTS) throw error;
      if (isNetworkError(error) && repeatable) {
        console.log('No answer from the platform; trying again');
      } else if (error.response
        && RETRY_AFTER_STATUSES.includes(error.response.status)) {
        const wait = secondsToWait(error.response);
        const code = errorCode((await errorBody(error.response)) || {});
        console.log(`HTTP ${error.response.status} ${code}: `
          + `the platform asks to wait ${wait} s; trying again`);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      } else {
        throw error; // 400, 401, 403, 404...: a retry would fail the same way
      }
    }
  }
}

// No answer at all: refused, cut off or timed out (not an unreadable body).
function isNetworkError(error) {
  return (error.name === 'FetchError' && error.type !== 'invalid-json')
    || error.name === 'AbortError';
}

function secondsToWait(response) {
  const value = response.headers.get('Retry-After') || '';
  const wait = /^\d+$/.test(value) ? Number(value) : DEFAULT_WAIT_SECONDS;
  return Math.min(wait, MAX_WAIT_SECONDS);
}

// The platform's JSON error body: errorCode, message, and errors[] (with
// parameterName).
async function errorBody(response) {
  // null: a proxy or a gateway answered, not the platform
  return response.clone().json().catch(() => null);
}

// API errors carry errorCode at the top; OAuth errors in errors[] only.
function errorCode(body) {
  return body.errorCode
    || (body.errors || []).map((e) => e.errorCode).find(Boolean) || '';
}

// Plumbing: settings, and errors as one line.

function setting(name, fallback) {
  const value = process.env[name] || fallback;
  if (value) return value;
  throw new Error(`${name} is not set; add it to .env or the environment`);
}

// The platform's error body in one line, with the parameter at fault.
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
  const body = await errorBody(error.response);
  if (!body) return `HTTP ${status}: ${notJson}`;
  const first = (body.errors || [])[0] || {};
  const message = body.message || body.error_description
    || first.message || '';
  const atFault = first.parameterName ? ` (${first.parameterName})` : '';
  return `HTTP ${status} ${errorCode(body)}: ${message}${atFault}`;
}

main().catch(async (error) => {
  console.error(`Error: ${await describe(error)}`);
  process.exitCode = 1;
});
// --8<-- [end:handling-errors]
