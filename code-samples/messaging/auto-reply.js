// --8<-- [start:auto-reply]
// Answer each SMS you receive with an away message, once per sender.
//
// It runs until Ctrl-C. The reply goes out from the number the text was sent
// to. Run it with `node auto_reply.js`. Settings come from .env or the
// environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
// RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
const { Subscriptions } = require('@ringcentral/subscriptions');
require('dotenv').config({ quiet: true });

const SMS_EVENTS =
  '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS';
const READY = 'Listening for SMS.';
const AWAY = 'Thanks for your message. We are closed until Monday '
  + 'and will answer you then.';

async function main() {
  const sdk = await logIn();
  const platform = sdk.platform();
  // One away message per sender: two auto-repliers must not text each other
  // forever.
  const answered = new Set();

  async function reply(message) {
    const sender = message.from.phoneNumber;
    // The number texted is the one marked as the target (the text may have
    // gone to several).
    const target = message.to.find((to) => to.target) || message.to[0];
    const ours = target.phoneNumber;
    if (answered.has(sender)) {
      console.log(`SMS from ${sender}: already answered`);
      return;
    }
    answered.add(sender);
    const path = '/restapi/v1.0/account/~/extension/~/sms';
    const resp = await platform.post(path, {
      from: { phoneNumber: ours },
      to: [{ phoneNumber: sender }],
      text: AWAY,
    });
    const sent = await resp.json();
    console.log(`Replied to ${sender} from ${ours} (message ${sent.id})`);
  }

  await listen(sdk, reply);
}

// The SDK, logged in with the JWT from the settings.
async function logIn() {
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
  await sdk.platform().login({ jwt: setting('RC_USER_JWT') });
  return sdk;
}

// Subscribe to inbound SMS and hand each one to onSms, until the program is
// stopped. If the connection drops, the SDK reconnects and recovers the
// session by itself.
async function listen(sdk, onSms) {
  const subscription = new Subscriptions({ sdk }).createSubscription();
  subscription.on(subscription.events.notification, (event) => {
    Promise.resolve(onSms(event.body)).catch(fail);
  });
  await subscription.setEventFilters([SMS_EVENTS]).register();
  console.log(`${READY} Press Ctrl-C to stop.`);
}

// Plumbing: settings, Ctrl-C, and errors as one line.

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
  if (error.wsgError) {
    const { errorCode, message } = error.wsgError;
    return `the platform refused the connection: ${errorCode}: ${message}`;
  }
  if (error.constructor.name === 'ClosedException') {
    return 'the connection closed before the subscription was made';
  }
  if (!error.response) return error.message; // a setting, or our own check
  const { status } = error.response;
  // An HTTP refusal comes as a fetch Response; the subscription's, over the
  // WebSocket, already read.
  const body = error.response.clone
    ? await error.response.clone().json().catch(() => null)
    : error.response.data;
  if (!body) return `HTTP ${status}: ${notJson}`;
  const code = body.errorCode
    || (body.errors || []).map((e) => e.errorCode).find(Boolean) || '';
  const message = body.message || body.error_description || '';
  return `HTTP ${status} ${code}: ${message}`;
}

// One Error line, and out: the subscription's timers would keep it running.
async function fail(error) {
  console.error(`Error: ${await describe(error)}`);
  process.exit(1);
}

// A WebSocket handshake the platform refuses in HTTP: the SDK leaves the ws
// library's error to no one, which would crash with a stack. Anything else
// uncaught is a bug: let it crash so.
process.on('uncaughtException', (error) => {
  if (!/^Unexpected server response/.test(error?.message)) throw error;
  fail(new Error(`the platform refused the connection: ${error.message}`));
});

// Ctrl-C is how this program ends.
process.once('SIGINT', () => {
  console.log('Stopped.');
  process.exit(0);
});
main().catch(fail);
// --8<-- [end:auto-reply]
