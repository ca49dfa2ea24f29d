// GET /fnpool/modules  ->  "tinypkg 1.0.0: modules: 30, sum 435"
//
// The entry of a graph of 30 small modules (_lib/m01.js .. m30.js: a tree
// whose every node also requires the shared m30) and an npm-style package
// (node_modules/tinypkg).  The graph loads once per worker; once warm, a
// request should cost about what hello costs (bench/README.md).
var root = require('./_lib/m01');
var shared = require('./_lib/m30');
var tinypkg = require('tinypkg');

var greeter = tinypkg.createGreeter(tinypkg.name + ' ' + tinypkg.version);
var summary = 'modules: ' + (shared.count() + 1) + ', sum ' + root.total;

module.exports = function (ctx) {
  return greeter.greet(summary);
};
