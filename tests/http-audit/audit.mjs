// The GraphQL-over-HTTP audit (graphql-http's auditServer) against a running
// server: every MUST must pass; SHOULD and MAY results are printed.
//
//   node audit.mjs http://127.0.0.1:8080/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2] ?? process.env.CASEBOOK_GRAPHQL_URL;
if (!url) {
  console.error('usage: node audit.mjs http://HOST:PORT/graphql');
  process.exit(2);
}

const results = await auditServer({ url });
let failedMusts = 0;
for (const result of results) {
  const mark = result.status === 'ok' ? 'ok  ' : result.status === 'warn' ? 'warn' : 'FAIL';
  console.log(`${mark} ${result.name}${result.status === 'ok' ? '' : `: ${result.reason}`}`);
  if (result.status === 'error') failedMusts += 1;
}
const counts = results.reduce((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
console.log(`\n${results.length} checks: ${counts.ok ?? 0} ok, ${counts.warn ?? 0} warnings, ${counts.error ?? 0} MUST failures`);
process.exit(failedMusts === 0 ? 0 : 1);
