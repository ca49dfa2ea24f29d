// One of 20 small functions that bench/run.sh loads into a single worker
// to measure what each loaded function costs in memory.
var id = 19;
var table = {};
for (var i = 0; i < 16; i++)
  table['k' + i] = id * i;

module.exports = function (ctx) {
  var k = ctx.query.k || '1';
  return { fn: id, method: ctx.method, value: table['k' + k] };
};
