// Probe: log in, move the mock's clock past the access token's lifetime, then list phone numbers.
// Prints one JSON line: what the SDK ended with. Not a sample: it drives the mock's admin API.
const { SDK } = require('@ringcentral/sdk');

async function main() {
  const server = process.env.RC_SERVER_URL;
  const platform = new SDK({
    server, clientId: process.env.RC_APP_CLIENT_ID, clientSecret: process.env.RC_APP_CLIENT_SECRET,
  }).platform();
  await platform.login({ jwt: process.env.RC_USER_JWT });
  await fetch(`${server}/__mock/clock`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance: 3600 }),
  });
  try {
    const response = await platform.get('/restapi/v1.0/account/~/extension/~/phone-number');
    console.log(JSON.stringify({ status: 200, records: (await response.json()).records.length }));
  } catch (e) {
    const body = await e.response.clone().json();
    console.log(JSON.stringify({ status: e.response.status, errorCode: body.errorCode }));
  }
}

main();
