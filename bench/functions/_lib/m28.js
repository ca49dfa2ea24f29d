// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(28);
exports.id = 28;
exports.total = 28;
