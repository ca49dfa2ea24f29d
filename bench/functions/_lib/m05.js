// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m10');
var right = require('./m11');

shared.register(5);
exports.id = 5;
exports.total = 5 + left.total + right.total;
