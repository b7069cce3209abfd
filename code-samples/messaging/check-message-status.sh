# --8<-- [start:check-message-status]
#!/usr/bin/env bash
# Send an SMS, then check its status until it is delivered or has failed,
# a bounded number of times, with curl and jq.
#
# Run it with `bash sms_status.sh`. Settings come from .env or the
# environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET,
# RC_USER_JWT and SMS_RECIPIENT (RC_TIMEOUT_SECONDS is optional).
set -euo pipefail

POLL_SECONDS=2  # how long to wait between checks
MAX_CHECKS=15  # then stop: the message may still be delivered later
EXTENSION=/restapi/v1.0/account/~/extension/~

main() {
  load_settings RC_APP_CLIENT_ID RC_APP_CLIENT_SECRET RC_USER_JWT \
    SMS_RECIPIENT
  log_in
  find_sms_number
  echo "Sending from $NUMBER to $SMS_RECIPIENT"
  api POST "$EXTENSION/sms" --oauth2-bearer "$TOKEN" \
    --header "Content-Type: application/json" \
    --data "$(jq -n --arg from "$NUMBER" --arg to "$SMS_RECIPIENT" '{
      from: {phoneNumber: $from},
      to: [{phoneNumber: $to}],
      text: "Hello World!"
    }')"
  local id status
  id=$(jq -r .id <<<"$ANSWER")
  status=$(jq -r .messageStatus <<<"$ANSWER")
  echo "SMS sent. Message id: $id, status: $status"

  check_status "$id"
  case $STATUS in
    DeliveryFailed | SendingFailed)
      local code
      code=$(jq -r .deliveryErrorCode <<<"$ANSWER")
      fail "message $id $STATUS: $code, reported by $(reported_by "$code")" ;;
    Queued | Sent)  # Sent: handed on, delivery not confirmed yet
      echo "Still $STATUS after $MAX_CHECKS checks;" \
        "check message $id again later" ;;
    *)
      echo "Message $id is $STATUS" ;;
  esac
}

# STATUS: the message's status once it has left Queued and Sent, or after
# MAX_CHECKS checks (ANSWER holds the message as last read).
check_status() {
  for ((check = 1; check <= MAX_CHECKS; check++)); do
    api GET "$EXTENSION/message-store/$1" --oauth2-bearer "$TOKEN"
    STATUS=$(jq -r .messageStatus <<<"$ANSWER")
    echo "Check $check: $STATUS"
    if [[ $STATUS != Queued && $STATUS != Sent ]]; then
      break
    fi
    if ((check < MAX_CHECKS)); then
      sleep "$POLL_SECONDS"
    fi
  done
}

# Who reported a delivery error: its code's prefix says.
reported_by() {
  case $1 in
    SMS-RC-*) echo "RingCentral" ;;
    SMS-UP-*) echo "the upstream provider" ;;
    SMS-CAR-*) echo "the recipient's carrier" ;;
    *) echo "an unknown party" ;;
  esac
}

# The JWT grant: the app's id and secret as Basic auth, the user's JWT as
# the assertion. TOKEN, the access token, authorizes every later call.
log_in() {
  api POST /restapi/oauth/token \
    --user "$RC_APP_CLIENT_ID:$RC_APP_CLIENT_SECRET" \
    --data-urlencode grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer \
    --data-urlencode "assertion=$RC_USER_JWT"
  TOKEN=$(jq -r .access_token <<<"$ANSWER")
}

# NUMBER: the first of the user's numbers whose features include SmsSender.
find_sms_number() {
  api GET "$EXTENSION/phone-number" --oauth2-bearer "$TOKEN"
  NUMBER=$(jq -r 'first(.records[] | select(.features | index("SmsSender"))
    | .phoneNumber) // empty' <<<"$ANSWER")
  if [[ -z $NUMBER ]]; then
    fail "none of this user's phone numbers can send SMS" \
      "(no SmsSender feature)"
  fi
}

# Plumbing: settings from .env, a network timeout, errors as one line.

# Settings come from the environment, else from .env in this folder (the
# environment wins, as with python-dotenv and dotenv). Each name given must
# be set; RC_SERVER_URL and RC_TIMEOUT_SECONDS have defaults.
load_settings() {
  local name value
  if [[ -f .env ]]; then
    while IFS='=' read -r name value || [[ -n $name ]]; do
      if [[ $value =~ ^\"(.*)\"$|^\'(.*)\'$ ]]; then
        value=${BASH_REMATCH[1]}${BASH_REMATCH[2]}  # "quoted" or 'quoted'
      fi
      if [[ $name =~ ^[A-Z_][A-Z0-9_]*$ && -z ${!name:-} ]]; then
        export "$name=$value"
      fi
    done <.env
  fi
  RC_SERVER_URL=${RC_SERVER_URL:-https://platform.ringcentral.com}
  RC_TIMEOUT_SECONDS=${RC_TIMEOUT_SECONDS:-30}
  for name in "$@"; do
    if [[ -z ${!name:-} ]]; then
      fail "$name is not set; add it to .env or the environment"
    fi
  done
}

# api METHOD PATH [CURL OPTION...] sets ANSWER to the platform's JSON answer.
# No answer within RC_TIMEOUT_SECONDS, one that is not JSON, or an error
# status stops the script with one Error line. curl never waits forever,
# and never prints the token: no --verbose, no set -x.
api() {
  local method=$1 path=$2 status
  shift 2
  if ! ANSWER=$(curl --silent --show-error --max-time "$RC_TIMEOUT_SECONDS" \
    --request "$method" --write-out '\n%{http_code}' "$@" \
    "$RC_SERVER_URL$path" 2>&1); then
    fail "no answer from the RingCentral platform:" \
      "$(grep -m1 '^curl: ' <<<"$ANSWER")"
  fi
  status=${ANSWER##*$'\n'}
  ANSWER=${ANSWER%$'\n'*}
  if ! jq empty 2>/dev/null <<<"$ANSWER"; then
    local not_json="the platform answered with something that is not JSON"
    if ((status >= 400)); then
      fail "HTTP $status: $not_json"
    fi
    fail "$not_json"
  fi
  if ((status >= 400)); then
    fail "HTTP $status $(jq -r '(.errorCode // .errors[0].errorCode // "")
      + ": " + (.message // .error_description // "")' <<<"$ANSWER")"
  fi
}

fail() {
  echo "Error: $*" >&2
  exit 1
}

main "$@"
# --8<-- [end:check-message-status]
