// POST /fnpool/echo with a JSON body  ->  the same JSON back: parsed and
// encoded again, as a JSON API would (php/echo.php does the same).
module.exports = function (ctx) {
  return JSON.parse(ctx.body);
};
