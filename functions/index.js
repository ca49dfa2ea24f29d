// GET /  ->  a short plain-text index of the example functions.
module.exports = function (ctx) {
  return [
    'fnpool is running. Try:',
    '  GET  /hello?name=Ada',
    '  POST /echo      (send any JSON body)',
    '  GET  /counter   (module state, per worker)',
    '  GET  /notes     (a notes API on the pool\'s database: POST /notes, GET /notes/1)',
    ''
  ].join('\n');
};
