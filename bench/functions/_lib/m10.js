// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m20');
var right = require('./m21');

shared.register(10);
exports.id = 10;
exports.total = 10 + left.total + right.total;
