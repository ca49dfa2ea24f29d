// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(15);
exports.id = 15;
exports.total = 15;
