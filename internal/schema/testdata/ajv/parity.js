// Checks the cases TestSchemaParity (parity_test.go) writes with Ajv, a
// complete draft-07 validator using ECMAScript regular expressions as
// editors do: every document's verdict must equal the Go validator's.
//
//   NODE_PATH=…/node_modules node parity.js cases.json
"use strict";
const fs = require("fs");
const Ajv = require("ajv");

const { schemas, cases } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = schemas.map((s) => ajv.compile(s));
let bad = 0;
for (const c of cases) {
  const ok = validators[c.schema](c.doc);
  if (ok !== c.valid) {
    bad++;
    console.log(`${c.name}: ajv says valid=${ok}, the Go validator ${c.valid}`, JSON.stringify(validators[c.schema].errors));
  }
}
console.log(bad === 0 ? `ajv: ${cases.length} documents, same verdicts` : `ajv: ${bad} of ${cases.length} documents disagree`);
process.exit(bad === 0 ? 0 : 1);
