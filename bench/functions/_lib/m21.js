// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(21);
exports.id = 21;
exports.total = 21;
