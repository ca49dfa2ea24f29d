// bench/concurrent.sh: answers after a 20 ms timer, standing in for a
// call to a slow service.
module.exports = function () {
  return new Promise(function (resolve) {
    setTimeout(function () { resolve({ slept: 20 }); }, 20);
  });
};
