// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m18');
var right = require('./m19');

shared.register(9);
exports.id = 9;
exports.total = 9 + left.total + right.total;
