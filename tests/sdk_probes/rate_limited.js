// Probe: list phone numbers until the platform says no (the rate-limited scenario allows 3 a minute).
// Prints one JSON line: what the SDK ended with. Not a sample.
const { SDK } = require('@ringcentral/sdk');

async function main() {
  const platform = new SDK({
    server: process.env.RC_SERVER_URL,
    clientId: process.env.RC_APP_CLIENT_ID,
    clientSecret: process.env.RC_APP_CLIENT_SECRET,
  }).platform();
  await platform.login({ jwt: process.env.RC_USER_JWT });
  try {
    for (let i = 0; i < 4; i += 1) {
      await platform.get('/restapi/v1.0/account/~/extension/~/phone-number');
    }
    console.log(JSON.stringify({ status: 200 }));
  } catch (e) {
    const body = await e.response.clone().json();
    console.log(JSON.stringify({
      status: e.response.status, errorCode: body.errorCode, retryAfter: e.response.headers.get('retry-after'),
    }));
  }
}

main();
