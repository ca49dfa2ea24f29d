// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(17);
exports.id = 17;
exports.total = 17;
