/**
 * Jest's node environment with the explicit-resource-management symbols of the host realm.
 *
 * Node 20 defines Symbol.dispose and Symbol.asyncDispose on its own realm only; the vm context
 * that jest 29 runs each suite in has a Symbol without them. playwright-core's bundle disposes
 * handles with `using`, so inside that context iframe clicks never resolve a frame's position.
 * Handing the context the host's symbols makes `using` behave as it does in plain node.
 */
const { TestEnvironment } = require('jest-environment-node');

class NodeEnvironmentWithDispose extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const contextSymbol = this.global.Symbol;
    for (const name of ['dispose', 'asyncDispose']) {
      if (Symbol[name] !== undefined && contextSymbol[name] === undefined) {
        Object.defineProperty(contextSymbol, name, { value: Symbol[name] });
      }
    }
  }
}

module.exports = NodeEnvironmentWithDispose;
