"""Probe: log in, move the mock's clock past the access token's lifetime, then list phone numbers.

Prints one JSON line: what the SDK ended with. Not a sample: it drives the mock's admin API.
"""

import json
import os
import urllib.request

from ringcentral import SDK
from ringcentral.http.api_exception import ApiException

server = os.environ["RC_SERVER_URL"]
platform = SDK(os.environ["RC_APP_CLIENT_ID"], os.environ["RC_APP_CLIENT_SECRET"], server).platform()
platform.login(jwt=os.environ["RC_USER_JWT"])
urllib.request.urlopen(urllib.request.Request(
    f"{server}/__mock/clock", data=json.dumps({"advance": 3600}).encode(),
    headers={"Content-Type": "application/json"}, method="POST")).read()
try:
    records = platform.get("/restapi/v1.0/account/~/extension/~/phone-number").json_dict()["records"]
    print(json.dumps({"status": 200, "records": len(records)}))
except ApiException as e:
    response = e.api_response().response()
    print(json.dumps({"status": response.status_code, "errorCode": response.json()["errorCode"]}))
