// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m22');
var right = require('./m23');

shared.register(11);
exports.id = 11;
exports.total = 11 + left.total + right.total;
