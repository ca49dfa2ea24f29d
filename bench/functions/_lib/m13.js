// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');
var left = require('./m26');
var right = require('./m27');

shared.register(13);
exports.id = 13;
exports.total = 13 + left.total + right.total;
