// One node of the benchmark's 30-module graph (see ../modules.js).
var shared = require('./m30');

shared.register(25);
exports.id = 25;
exports.total = 25;
