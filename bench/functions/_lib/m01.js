// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m02');
var right = require('./m03');

shared.register(1);
exports.id = 1;
exports.total = 1 + left.total + right.total;
