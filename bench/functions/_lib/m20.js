// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(20);
exports.id = 20;
exports.total = 20;
