"""The platform's HTTP surface. Thin handlers, one module per resource (validate, call the state, return
the model); what they share (`deps`: the state, the caller, the media-type and rate-limit checks); the
schema they answer in (`models`) and state rendered in it (`views`); MMS bodies (`multipart`); the
body-size layer (`bodylimit`). The routing table is in app.py."""
