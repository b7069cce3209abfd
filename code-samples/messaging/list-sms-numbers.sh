# --8<-- [start:list-sms-numbers]
#!/usr/bin/env bash
# List the user's phone numbers with their messaging features, and say
# which can send SMS and MMS, with curl and jq.
#
# Run it with `bash sms_numbers.sh`. Settings come from .env or the
# environment: RC_SERVER_URL, RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET and
# RC_USER_JWT (RC_TIMEOUT_SECONDS is optional).
set -euo pipefail

MESSAGING_FEATURES='["SmsSender", "MmsSender", "A2PSmsSender",
  "InternationalSmsSender"]'
EXTENSION=/restapi/v1.0/account/~/extension/~

main() {
  load_settings RC_APP_CLIENT_ID RC_APP_CLIENT_SECRET RC_USER_JWT
  log_in
  api GET "$EXTENSION/phone-number" --oauth2-bearer "$TOKEN"
  jq -r --argjson messaging "$MESSAGING_FEATURES" '.records[]
    | [.features[] | select(IN($messaging[]))] as $features
    | "\(.phoneNumber): \($features | join(", "))"
    | sub(": $"; ": no messaging features")' <<<"$ANSWER"

  local sms mms
  sms=$(jq -r '[.records[] | select(.features | index("SmsSender"))
    | .phoneNumber] | join(", ")' <<<"$ANSWER")
  mms=$(jq -r '[.records[] | select(.features | index("SmsSender")
    and index("MmsSender")) | .phoneNumber] | join(", ")' <<<"$ANSWER")
  if [[ -z $sms ]]; then
    fail "none of this user's phone numbers can send SMS" \
      "(no SmsSender feature)"
  fi
  echo "Can send SMS: $sms"
  echo "Can send MMS: ${mms:-none}"
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
# --8<-- [end:list-sms-numbers]
