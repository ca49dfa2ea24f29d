// GET /hello?name=Ada  ->  {"message":"Hello, Ada!"}
module.exports = function (ctx) {
  var name = ctx.query.name || 'world';
  return { message: 'Hello, ' + name + '!' };
};
