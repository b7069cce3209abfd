// --8<-- [start:send-mms]
// Send an MMS (a text with an image attached), then report its status.
//
// It goes from your first MMS-capable number. Run it with `node mms.js`.
// Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET, RC_USER_JWT and SMS_RECIPIENT (RC_TIMEOUT_SECONDS is
// optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

// The picture: a 16x16 checkerboard PNG, inline so the sample runs as it is.
// To send a file of yours, read it instead:
// require('fs').readFileSync('photo.jpg'), with 'image/jpeg' as its type.
const IMAGE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAI0lEQVR42mNgSDsD'
  + 'R//TGOAIp/gg1ECUIiTxwahhNB4GhQYA1kVLkAa1oJwAAAAASUVORK5CYII=',
  'base64',
);
const IMAGE_NAME = 'checkers.png';
const IMAGE_TYPE = 'image/png';
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

  const sender = await findMmsNumber(platform);
  const recipient = setting('SMS_RECIPIENT');
  console.log(`Sending ${IMAGE_NAME} from ${sender} to ${recipient}`);
  // A multipart body: first the JSON request (as for an SMS), then one part
  // per attachment (at most 10, together at most 1.5 MB).
  const form = new FormData();
  const body = {
    from: { phoneNumber: sender },
    to: [{ phoneNumber: recipient }],
    text: 'Hello World, with a picture!',
  };
  const json = JSON.stringify(body);
  form.append('json', new Blob([json], { type: 'application/json' }),
    'request.json');
  form.append('attachment', new Blob([IMAGE], { type: IMAGE_TYPE }),
    IMAGE_NAME);
  // The SDK sends with node-fetch, which cannot send Node's FormData: encode
  // it as a Request would, into bytes and a Content-Type with its boundary.
  // Bytes, not a stream: if the SDK refreshes the token and repeats the
  // request, it sends them again.
  const encoded = new Request('http://localhost', {
    method: 'POST',
    body: form,
  });
  const path = '/restapi/v1.0/account/~/extension/~/sms';
  const resp = await platform.post(
    path,
    Buffer.from(await encoded.arrayBuffer()),
    undefined,
    { headers: { 'Content-Type': encoded.headers.get('Content-Type') } },
  );
  let message = await resp.json();
  console.log(`MMS sent. Message id: ${message.id}`);
  for (const attachment of message.attachments) {
    if (attachment.type === 'MmsAttachment') {
      console.log(`Attached: ${attachment.contentType}`);
    }
  }

  message = await waitWhileQueued(platform, message);
  console.log(`Message status: ${message.messageStatus}`);
  if (['DeliveryFailed', 'SendingFailed'].includes(message.messageStatus)) {
    const code = message.deliveryErrorCode;
    throw new Error(`message ${message.id} failed: ${code}`);
  }
}

// The first of the user's numbers with both SmsSender and MmsSender.
async function findMmsNumber(platform) {
  const path = '/restapi/v1.0/account/~/extension/~/phone-number';
  const resp = await platform.get(path);
  const { records } = await resp.json();
  const number = records.find((r) => r.features.includes('SmsSender')
    && r.features.includes('MmsSender'));
  if (!number) {
    throw new Error(
      "none of this user's phone numbers can send MMS (no MmsSender feature)",
    );
  }
  return number.phoneNumber;
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
// --8<-- [end:send-mms]
