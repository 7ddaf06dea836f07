// graphql-http's GraphQL-over-HTTP audit against a running server: `node audit.mjs <url>`.
// Prints every audit that did not pass; exits 1 on any error (MUST) or warning (SHOULD).
// Notices (MAY) are printed but tolerated: the spec leaves those to the server.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    const body = await result.response.text().catch(() => '');
    console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason}`);
    console.log(`  ${result.response.status} ${body.slice(0, 300)}`);
  }
}
console.log(
  `${results.length} audits: ${counts.ok} ok, ${counts.error} errors, ` +
    `${counts.warn} warnings, ${counts.notice} notices`,
);
process.exit(counts.error + counts.warn === 0 ? 0 : 1);
