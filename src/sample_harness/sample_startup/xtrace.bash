# Sourced by bash (BASH_ENV) before a curl sample while the harness measures which of its lines
# run: a trace of every command, with its file and line, to a file of its own (never to stderr,
# which the harness judges, and never showing the sample anything).
exec {__sample_coverage_fd}>>"$SAMPLE_COVERAGE_TRACES/trace.$$"
BASH_XTRACEFD=$__sample_coverage_fd
PS4='+${BASH_SOURCE[0]}:${LINENO}: '
set -x
