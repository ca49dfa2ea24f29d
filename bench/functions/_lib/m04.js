// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m08');
var right = require('./m09');

shared.register(4);
exports.id = 4;
exports.total = 4 + left.total + right.total;
