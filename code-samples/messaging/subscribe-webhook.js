// --8<-- [start:subscribe-webhook]
// Subscribe your webhook server to inbound SMS.
//
// Then print the subscription's id and expiry. The platform calls
// WEBHOOK_ADDRESS once as it makes the subscription, so start
// webhook_server.js first. Run it with `node subscribe_webhook.js`. Settings
// come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET, RC_USER_JWT, WEBHOOK_ADDRESS and
// WEBHOOK_VERIFICATION_TOKEN (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const SMS_EVENTS =
  '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS';
// Seconds the subscription lasts; renew it before then (manage_webhooks.js).
const LIFETIME = 7 * 24 * 3600;

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

  // The platform validates the address before it answers: an error here
  // means it did not pass.
  const resp = await platform.post('/restapi/v1.0/subscription', {
    eventFilters: [SMS_EVENTS],
    deliveryMode: {
      transportType: 'WebHook',
      address: setting('WEBHOOK_ADDRESS'),
      verificationToken: setting('WEBHOOK_VERIFICATION_TOKEN'),
    },
    expiresIn: LIFETIME,
  });
  const subscription = await resp.json();
  console.log(`Subscribed ${subscription.deliveryMode.address}`);
  console.log(`Subscription ${subscription.id}, ${subscription.status}, `
    + `expires ${subscription.expirationTime}`);
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
// --8<-- [end:subscribe-webhook]
