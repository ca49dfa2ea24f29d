// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(24);
exports.id = 24;
exports.total = 24;
