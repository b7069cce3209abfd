// --8<-- [start:webhook-server]
// Receive SMS by webhook: a small server that prints each one, until Ctrl-C.
//
// It answers the platform's validation and refuses any notification without
// your verification token. Run it with `node webhook_server.js`. Settings come
// from .env or the environment: WEBHOOK_VERIFICATION_TOKEN (the secret the
// subscription was given) and WEBHOOK_PORT (5000 if not set). It listens on
// 127.0.0.1 only: the platform reaches it through a tunnel or a reverse proxy.
const crypto = require('crypto');
const http = require('http');
require('dotenv').config({ quiet: true });

const PATH = '/webhook';

function main() {
  const token = setting('WEBHOOK_VERIFICATION_TOKEN');
  const port = Number(setting('WEBHOOK_PORT', '5000'));
  const server = http.createServer((req, res) => handle(token, req, res));
  server.on('error', (error) => {
    exitWith(`cannot listen on 127.0.0.1: ${error.code}`);
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`Listening on http://127.0.0.1:${port}${PATH}. `
      + 'Press Ctrl-C to stop.');
  });
}

// What to do with each SMS: here, print who sent it and what it says.
function onSms(message) {
  console.log(`SMS from ${message.from.phoneNumber}: ${message.subject}`);
}

function handle(token, req, res) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== PATH) return answer(res, 404);
    const validation = req.headers['validation-token'];
    // The platform checks the address as the subscription is made.
    if (validation !== undefined) {
      answer(res, 200, { 'Validation-Token': validation });
      console.log('Validated the subscription');
      return undefined;
    }
    if (!sameSecret(req.headers['verification-token'] || '', token)) {
      // Not from the platform, or not for this subscription.
      answer(res, 403);
      console.log('Refused a notification without the verification token');
      return undefined;
    }
    // At once: the platform waits 3 s, then counts the delivery as failed.
    answer(res, 200);
    onSms(JSON.parse(Buffer.concat(chunks).toString('utf8')).body);
    return undefined;
  });
}

// An empty JSON answer: the platform wants it small (at most 1 KiB in all).
function answer(res, status, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': '0',
    ...headers,
  });
  res.end();
}

// Compared in constant time, so the answer's timing tells nothing about the
// token.
function sameSecret(given, token) {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

// Plumbing: settings, Ctrl-C, and errors as one line.

function setting(name, fallback) {
  const value = process.env[name] || fallback;
  if (value) return value;
  throw new Error(`${name} is not set; add it to .env or the environment`);
}

function exitWith(line) {
  console.error(`Error: ${line}`);
  process.exit(1);
}

// Ctrl-C is how this program ends.
process.once('SIGINT', () => {
  console.log('Stopped.');
  process.exit(0);
});
try {
  main();
} catch (error) {
  exitWith(error.message);
}
// --8<-- [end:webhook-server]
