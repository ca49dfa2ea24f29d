// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(29);
exports.id = 29;
exports.total = 29;
