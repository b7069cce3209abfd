// Loaded into a JavaScript sample (NODE_OPTIONS=--require) by the harness, never by a reader, with
// SAMPLE_SLEEPS_MOVE_CLOCK (the mock's URL): a timer the sample file itself sets moves the mock's
// clock on by its delay, then fires, instead of waiting, as fake timers do. Timers set inside
// libraries still wait.
const path = require('path');

const sampleFile = path.resolve(process.argv[1] || '');
const originalSetTimeout = global.setTimeout;
const originalClearTimeout = global.clearTimeout;
const cleared = new WeakSet();

global.setTimeout = function movingSetTimeout(callback, delay, ...args) {
  const caller = new Error().stack.split('\n')[2] || '';
  if (!sampleFile || !caller.includes(sampleFile)) {
    return originalSetTimeout(callback, delay, ...args);
  }
  // A real timer as the handle (it keeps the program alive until the clock has moved), never due.
  const handle = originalSetTimeout(() => {}, 2 ** 31 - 1);
  fetch(`${process.env.SAMPLE_SLEEPS_MOVE_CLOCK}/__mock/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance: (Number(delay) || 0) / 1000 }),
  }).finally(() => {
    if (!cleared.has(handle)) {
      originalClearTimeout(handle);
      callback(...args);
    }
  });
  return handle;
};

global.clearTimeout = function clearingTimeout(handle) {
  if (handle && typeof handle === 'object') cleared.add(handle);
  return originalClearTimeout(handle);
};
