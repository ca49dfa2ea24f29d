// GET /fnpool/hello  ->  "hello" (text/plain): the benchmark's hello
// workload, the same answer as hello-fcgi.c and php/hello.php.
module.exports = function (ctx) {
  return 'hello';
};
