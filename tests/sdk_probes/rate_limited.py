"""Probe: list phone numbers until the platform says no (the rate-limited scenario allows 3 a minute).

Prints one JSON line: what the SDK ended with. Not a sample.
"""

import json
import os

from ringcentral import SDK
from ringcentral.http.api_exception import ApiException

platform = SDK(os.environ["RC_APP_CLIENT_ID"], os.environ["RC_APP_CLIENT_SECRET"],
               os.environ["RC_SERVER_URL"]).platform()
platform.login(jwt=os.environ["RC_USER_JWT"])
try:
    for _ in range(4):
        platform.get("/restapi/v1.0/account/~/extension/~/phone-number")
    print(json.dumps({"status": 200}))
except ApiException as e:
    response = e.api_response().response()
    print(json.dumps({"status": response.status_code, "errorCode": response.json()["errorCode"],
                      "retryAfter": response.headers["Retry-After"]}))
