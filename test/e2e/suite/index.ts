/** The extensionTestsPath module: runs the mocha suite, prints `N passed, N failed`. */
import Mocha from 'mocha';
import * as path from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000 });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  mocha.addFile(path.join(__dirname, 'workspace.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      const total = mocha.suite.total();
      console.log(`${total - failures} passed, ${failures} failed`);
      if (failures > 0 || total === 0) reject(new Error(`${failures} of ${total} tests failed`));
      else resolve();
    });
  });
}
