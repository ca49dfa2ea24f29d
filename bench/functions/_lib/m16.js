// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(16);
exports.id = 16;
exports.total = 16;
