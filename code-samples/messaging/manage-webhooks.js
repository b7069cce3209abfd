// --8<-- [start:manage-webhooks]
// List the app's subscriptions; renew active ones, delete blacklisted ones.
//
// A subscription expires: run this before it does (daily, say). A blacklisted
// one gets no more notifications and cannot be renewed: once your server
// answers again, subscribe it anew. Run it with `node manage_webhooks.js`.
// Settings come from .env or the environment: RC_SERVER_URL, RC_APP_CLIENT_ID,
// RC_APP_CLIENT_SECRET and RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const SUBSCRIPTIONS = '/restapi/v1.0/subscription';

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

  const resp = await platform.get(SUBSCRIPTIONS);
  const { records } = await resp.json();
  console.log(`${records.length} subscription(s)`);
  for (const subscription of records) {
    const mode = subscription.deliveryMode;
    // A WebSocket subscription has no address.
    const where = mode.address || mode.transportType;
    console.log(`${subscription.id}: ${subscription.status}, ${where}, `
      + `expires ${subscription.expirationTime}`);
    if (subscription.status === 'Blacklisted') {
      await platform.delete(`${SUBSCRIPTIONS}/${subscription.id}`);
      const { reason } = subscription.blacklistedData;
      console.log(`  deleted: blacklisted (${reason}); `
        + 'subscribe the server anew');
    } else if (mode.transportType === 'WebHook') {
      const path = `${SUBSCRIPTIONS}/${subscription.id}/renew`;
      const renewed = await (await platform.post(path)).json();
      console.log(`  renewed until ${renewed.expirationTime}`);
    }
  }
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
// --8<-- [end:manage-webhooks]
