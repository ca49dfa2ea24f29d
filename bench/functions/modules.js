// GET /fnpool/modules  ->  "tinypkg 1.0.0: modules: 30, sum 435"
//
// The entry of a graph of 30 small modules (_lib/m01.js .. m30.js: a tree
// whose every node also requires the shared m30) and an npm-style package
// (node_modules/tinypkg).  The graph loads once per worker and the
// greeting is made then; once warm, a request should cost what hello
// costs, which shows that nothing is loaded again (bench/README.md).
// modcall.js calls into the package on every request instead.
var root = require('./_lib/m01');
var shared = require('./_lib/m30');
var tinypkg = require('tinypkg');

var greeter = tinypkg.createGreeter(tinypkg.name + ' ' + tinypkg.version);
var summary = 'modules: ' + (shared.count() + 1) + ', sum ' + root.total;
var greeting = greeter.greet(summary);

module.exports = function (ctx) {
  return greeting;
};
