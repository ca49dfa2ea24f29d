// POST /fnpool/echo with a JSON body  ->  the same JSON back: fnpool parses
// an application/json body into ctx.body (in C), and the returned object
// is encoded again, as a JSON API would (php/echo.php does the same).
module.exports = function (ctx) {
  return ctx.body;
};
