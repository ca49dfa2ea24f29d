// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m16');
var right = require('./m17');

shared.register(8);
exports.id = 8;
exports.total = 8 + left.total + right.total;
