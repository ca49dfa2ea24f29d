// GET /fnpool/modcall  ->  "tinypkg 1.0.0: modules: 30, sum 435"
//
// modules.js's graph of 30 modules and package, with a handler that calls
// into the package on every request (an array, a closure, filter and
// join): what that call costs in MuJS shows against modules.js, whose
// handler answers what the graph computed when it loaded.
var root = require('./_lib/m01');
var shared = require('./_lib/m30');
var tinypkg = require('tinypkg');

var greeter = tinypkg.createGreeter(tinypkg.name + ' ' + tinypkg.version);
var summary = 'modules: ' + (shared.count() + 1) + ', sum ' + root.total;

module.exports = function (ctx) {
  return greeter.greet(summary);
};
