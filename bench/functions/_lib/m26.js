// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(26);
exports.id = 26;
exports.total = 26;
