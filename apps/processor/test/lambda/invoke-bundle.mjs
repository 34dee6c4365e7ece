// Runs in a fresh Node process, as Lambda would: imports a built bundle's handler (its init
// reads process.env) and invokes it once with the SQS event in argv[3]; prints the response.
import { interceptLocalhostDns } from 'fauxqs';

const [bundleDir, eventJson] = process.argv.slice(2);
// fauxqs's queue URLs are on sqs.<region>.localhost: resolve *.localhost to the loopback here.
interceptLocalhostDns();
const { handler } = await import(new URL('handler.mjs', `file://${bundleDir}/`).href);
const response = await handler(JSON.parse(eventJson), { getRemainingTimeInMillis: () => 300_000 });
process.stdout.write(`RESPONSE ${JSON.stringify(response)}\n`);
// The pg pool and SDK sockets would keep a Lambda container warm; this process is done.
process.exit(0);
