// Time each request of the samples' flow through the JavaScript SDK, FLOWS times; print JSON.
//
// Run by bench/latency.py as a separate process, as a sample would be, against a mock it names in
// RC_SERVER_URL (the other RC_* settings log in). Prints [[request, milliseconds], ...]. One SDK
// per flow, as one sample run has, so keep-alive connections are reused the way a sample reuses them.
// A first, untimed flow warms the process up (Node loads its HTTP client on the first request): that
// cost belongs to starting the SDK, and shows in a sample's time against the floor.
// Before each flow the mock is reset, untimed, as the harness resets it before each test (which
// also starts the rate-limit counters again: the Auth group allows 5 logins a minute).
const fetch = require('node-fetch');
const { SDK } = require('@ringcentral/sdk');

const EXTENSION = '/restapi/v1.0/account/~/extension/~';

async function timed(label, timings, call) {
  const started = process.hrtime.bigint();
  const response = await call();
  const body = await response.json();
  timings.push([label, Number(process.hrtime.bigint() - started) / 1e6]);
  return body;
}

async function flow(timings) {
  const env = process.env;
  const reset = await fetch(`${env.RC_SERVER_URL}/__mock/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (!reset.ok) throw new Error(`reset: HTTP ${reset.status}`);
  const sdk = new SDK({ server: env.RC_SERVER_URL, clientId: env.RC_APP_CLIENT_ID, clientSecret: env.RC_APP_CLIENT_SECRET });
  const platform = sdk.platform();
  await timed('login', timings, () => platform.login({ jwt: env.RC_USER_JWT }));
  const { records } = await timed('phone-number', timings, () => platform.get(`${EXTENSION}/phone-number`));
  const sender = records.find((record) => record.features.includes('SmsSender')).phoneNumber;
  const message = await timed('sms', timings, () => platform.post(`${EXTENSION}/sms`, {
    from: { phoneNumber: sender }, to: [{ phoneNumber: env.SMS_RECIPIENT }], text: 'Hi',
  }));
  await timed('message-store', timings, () => platform.get(`${EXTENSION}/message-store/${message.id}`));
}

async function main() {
  await flow([]);
  const timings = [];
  for (let i = 0; i < Number(process.argv[2]); i++) await flow(timings);
  console.log(JSON.stringify(timings));
}

main().catch((error) => {
  console.error(`Error: ${error.message}`);
  process.exitCode = 1;
});
