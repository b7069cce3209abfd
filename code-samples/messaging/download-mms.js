// --8<-- [start:download-mms]
// Save the pictures and files of each MMS your numbers receive, then mark it read, until Ctrl-C.
//
// Each attachment is saved in the current folder as mms-<message id>-<attachment id> with the
// extension of its media type. Run it with `node download_mms.js`. Settings come from .env or the
// environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and RC_USER_JWT
// (RC_TIMEOUT_SECONDS is optional).
const fs = require('fs');
const { SDK } = require('@ringcentral/sdk');
const { Subscriptions } = require('@ringcentral/subscriptions');
require('dotenv').config({ quiet: true });

const SMS_EVENTS = '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS';
const READY = 'Listening for SMS.';
// The file extensions of the media types an MMS may carry; anything else is saved as .bin.
const EXTENSIONS = {
  'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/bmp': '.bmp', 'image/tiff': '.tiff',
  'image/svg+xml': '.svg', 'video/3gpp': '.3gp', 'video/mp4': '.mp4', 'video/mpeg': '.mpeg', 'audio/mpeg': '.mp3',
  'text/vcard': '.vcf', 'application/zip': '.zip', 'application/gzip': '.gz', 'application/rtf': '.rtf',
};

async function main() {
  const sdk = await logIn();
  const platform = sdk.platform();

  async function save(message) {
    const files = message.attachments.filter((a) => a.type === 'MmsAttachment');
    for (const attachment of files) {
      // The uri is absolute (the platform serves content from its own media host). The name is
      // built from ids alone, never from the message, so it cannot point outside this folder.
      const resp = await platform.get(attachment.uri);
      const answered = (resp.headers.get('Content-Type') || '').split(';')[0];
      if (answered !== attachment.contentType) { // a proxy's web page, say: not the file
        throw new Error(`the platform answered with ${answered} where ${attachment.contentType} was due`);
      }
      const content = Buffer.from(await resp.arrayBuffer());
      const extension = EXTENSIONS[attachment.contentType] || '.bin';
      const name = `mms-${Number(message.id)}-${Number(attachment.id)}${extension}`;
      fs.writeFileSync(name, content);
      console.log(`Saved ${name} (${attachment.contentType}, ${content.length} bytes)`);
    }
    if (files.length > 0) {
      const resp = await platform.put(`/restapi/v1.0/account/~/extension/~/message-store/${message.id}`,
        { readStatus: 'Read' });
      const marked = await resp.json();
      console.log(`Message ${message.id} is now ${marked.readStatus}`);
    }
  }

  await listen(sdk, save);
}

// --- Plumbing: settings, the SDK with a network timeout, errors ----------------------------------

function setting(name, fallback) {
  const value = process.env[name] || fallback;
  if (!value) throw new Error(`${name} is not set; add it to .env or the environment`);
  return value;
}

// The SDK, logged in with the JWT from the settings.
async function logIn() {
  const timeoutSeconds = Number(setting('RC_TIMEOUT_SECONDS', '30'));
  const sdk = new SDK({
    server: setting('RC_SERVER_URL', 'https://platform.ringcentral.com'),
    clientId: setting('RC_APP_CLIENT_ID'),
    clientSecret: setting('RC_APP_CLIENT_SECRET'),
    // Without a timeout the SDK waits forever for an answer. The getter gives each request a signal
    // of its own that aborts it after RC_TIMEOUT_SECONDS.
    defaultRequestInit: { get signal() { return AbortSignal.timeout(timeoutSeconds * 1000); } },
  });
  await sdk.platform().login({ jwt: setting('RC_USER_JWT') });
  return sdk;
}

// Subscribe to inbound SMS and hand each one to onSms, until the program is stopped. If the
// connection drops, the SDK reconnects and recovers the session by itself.
async function listen(sdk, onSms) {
  const subscription = new Subscriptions({ sdk }).createSubscription();
  subscription.on(subscription.events.notification, (event) => {
    Promise.resolve(onSms(event.body)).catch(fail);
  });
  await subscription.setEventFilters([SMS_EVENTS]).register();
  console.log(`${READY} Press Ctrl-C to stop.`);
}

// HTTP status, errorCode and message from the platform's answer, in one line.
async function describe(error) {
  if (error.type === 'invalid-json') return 'the platform answered with something that is not JSON';
  if (error.name === 'AbortError') return 'no answer from the RingCentral platform: timed out (RC_TIMEOUT_SECONDS)';
  if (error.name === 'FetchError') return `no answer from the RingCentral platform: ${error.message}`;
  if (error.wsgError) return `the platform refused the connection: ${error.wsgError.errorCode}: ${error.wsgError.message}`;
  if (error.constructor.name === 'ClosedException') return 'the connection closed before the subscription was made';
  if (!error.response) return error.message; // a setting, or this program's own check
  // An HTTP refusal comes as a fetch Response; the subscription's, over the WebSocket, already read.
  const body = error.response.clone ? await error.response.clone().json().catch(() => null) : error.response.data;
  if (!body) return `HTTP ${error.response.status}: the platform answered with something that is not JSON`;
  const code = body.errorCode || (body.errors || []).map((e) => e.errorCode).find(Boolean) || '';
  return `HTTP ${error.response.status} ${code}: ${body.message || body.error_description || ''}`;
}

// One Error line, and out: the subscription's timers would keep the program running.
async function fail(error) {
  console.error(`Error: ${await describe(error)}`);
  process.exit(1);
}

// Ctrl-C is how this program ends.
process.once('SIGINT', () => {
  console.log('Stopped.');
  process.exit(0);
});
main().catch(fail);
// --8<-- [end:download-mms]
