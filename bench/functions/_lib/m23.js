// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(23);
exports.id = 23;
exports.total = 23;
