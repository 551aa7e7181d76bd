// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node has only from 22 on; these machines run Node 20.
// Load with `node --import ./src/test/node/polyfill.mjs ...`.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
