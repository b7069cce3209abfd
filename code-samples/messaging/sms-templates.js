// --8<-- [start:sms-templates]
// Create an SMS template, list your templates, text from one, delete it.
//
// Run it with `node sms_templates.js`. Settings come from .env or the
// environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET,
// RC_USER_JWT and SMS_RECIPIENT (TEMPLATE_NAME, the new template's name, and
// RC_TIMEOUT_SECONDS are optional).
const { SDK } = require('@ringcentral/sdk');
require('dotenv').config({ quiet: true });

const TEXT = 'Your order is ready for pickup.';

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

  // A name your templates already have is refused: that ends the run
  // with one Error line.
  const templates =
    '/restapi/v1.0/account/~/extension/~/message-store-templates';
  let resp = await platform.post(templates, {
    displayName: setting('TEMPLATE_NAME', 'Order ready'),
    body: { text: TEXT },
  });
  const created = await resp.json();
  console.log(`Created template ${created.id}: ${created.displayName}`);

  // Your own templates (scope Personal) and the company's.
  resp = await platform.get(templates);
  const listed = (await resp.json()).records;
  console.log(`Your templates: ${listed.length}`);
  for (const template of listed) {
    console.log(`  ${template.displayName} (${template.scope}): `
      + `${template.body.text}`);
  }

  const sender = await findSmsNumber(platform);
  const recipient = setting('SMS_RECIPIENT');
  resp = await platform.post('/restapi/v1.0/account/~/extension/~/sms', {
    from: { phoneNumber: sender },
    to: [{ phoneNumber: recipient }],
    text: created.body.text,
  });
  const message = await resp.json();
  console.log(`Sent ${created.displayName} to ${recipient}: `
    + `message ${message.id}`);

  // 204 No Content: the answer has no body to read.
  await platform.delete(`${templates}/${created.id}`);
  console.log(`Deleted template ${created.id}`);
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
// --8<-- [end:sms-templates]
