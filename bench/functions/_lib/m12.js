// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m24');
var right = require('./m25');

shared.register(12);
exports.id = 12;
exports.total = 12 + left.total + right.total;
