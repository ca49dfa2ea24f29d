// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(18);
exports.id = 18;
exports.total = 18;
