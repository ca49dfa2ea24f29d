// GET /counter  ->  how many requests this worker has served this function.
// Module-level code runs once per worker: `started` and `count` persist
// between requests, so each worker counts on its own.
var started = new Date().toISOString();
var count = 0;

module.exports = function (ctx) {
  count += 1;
  return { count: count, workerStarted: started };
};
