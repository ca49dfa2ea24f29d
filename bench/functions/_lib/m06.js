// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m12');
var right = require('./m13');

shared.register(6);
exports.id = 6;
exports.total = 6 + left.total + right.total;
