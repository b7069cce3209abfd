// Loaded into a JavaScript sample by bench/sleeps.py (NODE_OPTIONS=--require): adds up the delays
// of the timers that fire (a timer cleared before it fires never made anything wait).
// At exit, appends the total in milliseconds to the file named by BENCH_SLEEP_LOG.
const fs = require('fs');

const originalSetTimeout = global.setTimeout;
let slept = 0;

global.setTimeout = function countedSetTimeout(callback, delay, ...args) {
  return originalSetTimeout((...given) => {
    slept += Number(delay) || 0;
    return callback(...given);
  }, delay, ...args);
};

process.on('exit', () => fs.appendFileSync(process.env.BENCH_SLEEP_LOG, `${slept}\n`));
