// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m04');
var right = require('./m05');

shared.register(2);
exports.id = 2;
exports.total = 2 + left.total + right.total;
