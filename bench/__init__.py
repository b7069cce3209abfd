"""`make bench`: how close the harness runs to the floor of starting each language's SDK.

Run as `python -m bench` from the repository root; it imports the installed harness (`sample_harness`).
"""
