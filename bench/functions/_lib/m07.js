// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m14');
var right = require('./m15');

shared.register(7);
exports.id = 7;
exports.total = 7 + left.total + right.total;
