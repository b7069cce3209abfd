"""The platform's rules and state, with no HTTP: the account and its extensions, tokens, the message
store and a message's way to its end, rate limits, and the mock's clock.

The routes translate requests into calls on these and their answers into responses; every refusal
is a `PlatformError` from `ringcentral_mock.errors`. Each object is built once and reset in place
(`MockState.reset`), so whatever holds one keeps a valid one.
"""
