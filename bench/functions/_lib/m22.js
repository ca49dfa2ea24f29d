// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(22);
exports.id = 22;
exports.total = 22;
