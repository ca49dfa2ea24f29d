// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m28');
var right = require('./m29');

shared.register(14);
exports.id = 14;
exports.total = 14 + left.total + right.total;
