// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m06');
var right = require('./m07');

shared.register(3);
exports.id = 3;
exports.total = 3 + left.total + right.total;
