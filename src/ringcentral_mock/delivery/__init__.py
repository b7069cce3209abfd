"""Event delivery: the mock as the platform's push side (the WebSocket gateway; webhooks come next)."""
