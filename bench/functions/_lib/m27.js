// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(27);
exports.id = 27;
exports.total = 27;
