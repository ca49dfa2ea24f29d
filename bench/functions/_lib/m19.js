// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(19);
exports.id = 19;
exports.total = 19;
