"""The harness that proves the guide's samples: catalogue, runner, expectations, redaction."""
