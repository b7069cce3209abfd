// Loaded into a JavaScript sample by bench/sleeps.py (NODE_OPTIONS=--require): adds up the delays
// of the timers that fire (a timer cleared before it fires never made anything wait). Timers set
// by the sample file itself count apart from those set inside libraries. At exit, writes
// {"sample": ms, "library": ms} as JSON to the file named by BENCH_SLEEP_LOG.
const fs = require('fs');
const path = require('path');

const originalSetTimeout = global.setTimeout;
const slept = { sample: 0, library: 0 };
const sampleFile = path.resolve(process.argv[1] || '');

global.setTimeout = function countedSetTimeout(callback, delay, ...args) {
  const caller = (new Error().stack.split('\n')[2] || '');
  const who = sampleFile && caller.includes(sampleFile) ? 'sample' : 'library';
  return originalSetTimeout((...given) => {
    slept[who] += Number(delay) || 0;
    return callback(...given);
  }, delay, ...args);
};

process.on('exit', () => fs.writeFileSync(process.env.BENCH_SLEEP_LOG, JSON.stringify(slept)));
