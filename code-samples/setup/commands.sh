# Not a script to run. These are the shell commands the guide's pages show,
# kept here so that every code block on the site is an include. Each named
# section below is included by a page with
#   --8<-- "code-samples/setup/commands.sh:<section name>"

# --- Install the SDK and dotenv (messaging pages) -----------------------------

# --8<-- [start:install-python]
pip install ringcentral python-dotenv
# --8<-- [end:install-python]

# --8<-- [start:install-javascript]
npm install @ringcentral/sdk dotenv
# --8<-- [end:install-javascript]

# --- Run a sample (messaging pages) -------------------------------------------

# --8<-- [start:run-python-send-sms]
python sms.py
# --8<-- [end:run-python-send-sms]

# --8<-- [start:run-javascript-send-sms]
node sms.js
# --8<-- [end:run-javascript-send-sms]

# --8<-- [start:run-python-call-queue]
python sms_call_queue.py
# --8<-- [end:run-python-call-queue]

# --8<-- [start:run-javascript-call-queue]
node sms_call_queue.js
# --8<-- [end:run-javascript-call-queue]

# --8<-- [start:run-python-handling-errors]
python handling_errors.py
# --8<-- [end:run-python-handling-errors]

# --8<-- [start:run-javascript-handling-errors]
node handling_errors.js
# --8<-- [end:run-javascript-handling-errors]

# --8<-- [start:make-mock-flaky]
make mock SCENARIO=flaky
# --8<-- [end:make-mock-flaky]

# --8<-- [start:run-python-list-sms-numbers]
python sms_numbers.py
# --8<-- [end:run-python-list-sms-numbers]

# --8<-- [start:run-javascript-list-sms-numbers]
node sms_numbers.js
# --8<-- [end:run-javascript-list-sms-numbers]

# --8<-- [start:install-javascript-receiving]
npm install @ringcentral/sdk @ringcentral/subscriptions dotenv
# --8<-- [end:install-javascript-receiving]

# --8<-- [start:run-python-receive-sms]
python receive_sms.py
# --8<-- [end:run-python-receive-sms]

# --8<-- [start:run-javascript-receive-sms]
node receive_sms.js
# --8<-- [end:run-javascript-receive-sms]

# --8<-- [start:run-python-auto-reply]
python auto_reply.py
# --8<-- [end:run-python-auto-reply]

# --8<-- [start:run-javascript-auto-reply]
node auto_reply.js
# --8<-- [end:run-javascript-auto-reply]

# --8<-- [start:run-python-download-mms]
python download_mms.py
# --8<-- [end:run-python-download-mms]

# --8<-- [start:run-javascript-download-mms]
node download_mms.js
# --8<-- [end:run-javascript-download-mms]

# --8<-- [start:run-python-webhook-server]
python webhook_server.py
# --8<-- [end:run-python-webhook-server]

# --8<-- [start:run-javascript-webhook-server]
node webhook_server.js
# --8<-- [end:run-javascript-webhook-server]

# --8<-- [start:run-python-subscribe-webhook]
python subscribe_webhook.py
# --8<-- [end:run-python-subscribe-webhook]

# --8<-- [start:run-javascript-subscribe-webhook]
node subscribe_webhook.js
# --8<-- [end:run-javascript-subscribe-webhook]

# --8<-- [start:run-python-manage-webhooks]
python manage_webhooks.py
# --8<-- [end:run-python-manage-webhooks]

# --8<-- [start:run-javascript-manage-webhooks]
node manage_webhooks.js
# --8<-- [end:run-javascript-manage-webhooks]

# --8<-- [start:webhook-env]
WEBHOOK_PORT=5000
WEBHOOK_ADDRESS=http://127.0.0.1:5000/webhook
WEBHOOK_VERIFICATION_TOKEN=a-long-random-secret-of-your-own
# --8<-- [end:webhook-env]

# PORT stands for the port in the RC_SERVER_URL line that `make mock` printed.
# --8<-- [start:mock-deliveries]
curl http://127.0.0.1:PORT/__mock/deliveries
# --8<-- [end:mock-deliveries]

# PORT stands for the port in the RC_SERVER_URL line that `make mock` printed.
# --8<-- [start:mock-inbound-mms]
curl -X POST http://127.0.0.1:PORT/__mock/inbound \
  -H 'Content-Type: application/json' \
  -d "{\"from\": \"+14155550123\", \"text\": \"Our new storefront\",
       \"attachments\": [{\"contentType\": \"image/png\",
                        \"content\": \"$(base64 -w0 photo.png)\"}]}"
# --8<-- [end:mock-inbound-mms]

# PORT stands for the port in the RC_SERVER_URL line that `make mock` printed.
# --8<-- [start:mock-inbound-sms]
curl -X POST http://127.0.0.1:PORT/__mock/inbound \
  -H 'Content-Type: application/json' \
  -d '{"from": "+14155550123", "text": "Are you open on Saturday?"}'
# --8<-- [end:mock-inbound-sms]

# --8<-- [start:install-javascript-mms]
npm install @ringcentral/sdk dotenv form-data
# --8<-- [end:install-javascript-mms]

# --8<-- [start:run-python-send-mms]
python mms.py
# --8<-- [end:run-python-send-mms]

# --8<-- [start:run-javascript-send-mms]
node mms.js
# --8<-- [end:run-javascript-send-mms]

# --8<-- [start:run-python-check-message-status]
python sms_status.py
# --8<-- [end:run-python-check-message-status]

# --8<-- [start:run-javascript-check-message-status]
node sms_status.js
# --8<-- [end:run-javascript-check-message-status]

# --8<-- [start:run-python-read-message-store]
python sms_history.py
# --8<-- [end:run-python-read-message-store]

# --8<-- [start:run-javascript-read-message-store]
node sms_history.js
# --8<-- [end:run-javascript-read-message-store]

# --- Try the samples against the mock (running-the-samples.md) ----------------

# --8<-- [start:make-install]
make install
# --8<-- [end:make-install]

# --8<-- [start:make-mock]
make mock
# --8<-- [end:make-mock]

# --8<-- [start:make-mock-call-queue]
make mock SCENARIO=call-queue
# --8<-- [end:make-mock-call-queue]

# --8<-- [start:make-mock-no-sms-number]
make mock SCENARIO=no-sms-number
# --8<-- [end:make-mock-no-sms-number]

# --8<-- [start:make-mock-delivery-failed]
make mock SCENARIO=delivery-failed
# --8<-- [end:make-mock-delivery-failed]

# --8<-- [start:make-mock-opted-out]
make mock SCENARIO=opted-out
# --8<-- [end:make-mock-opted-out]

# --8<-- [start:make-mock-two-numbers]
make mock SCENARIO=two-numbers
# --8<-- [end:make-mock-two-numbers]

# --8<-- [start:make-mock-message-history]
make mock SCENARIO=message-history
# --8<-- [end:make-mock-message-history]

# PORT stands for the port in the RC_SERVER_URL line that `make mock` printed.
# --8<-- [start:mock-requests]
curl http://127.0.0.1:PORT/__mock/requests
# --8<-- [end:mock-requests]

# --8<-- [start:make-verify]
make verify
# --8<-- [end:make-verify]

# --- Live runs against the platform (maintainers/live-runs.md) ---------------

# --8<-- [start:make-verify-live]
make verify-live
# --8<-- [end:make-verify-live]

# --8<-- [start:make-verify-live-python]
make verify-live PYTEST_ARGS='-k python'
# --8<-- [end:make-verify-live-python]

# --8<-- [start:make-verify-live-more]
make verify-live LIVE_MAX_MESSAGES=6
# --8<-- [end:make-verify-live-more]

# --8<-- [start:pytest-live-env-file]
.venv/bin/python -m pytest --live --live-env-file=live.env -n 0 tests/test_samples.py
# --8<-- [end:pytest-live-env-file]
