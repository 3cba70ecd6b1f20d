// Validates daten/eurocities.json with Ajv (JSON Schema 2020-12) against
// registration-v0.3.1.schema.json, registration by registration. A
// registration may lack required attributes (maki leaves out what it does
// not record instead of inventing it); every other violation fails.
//
//   node ats-check.js registration-v0.3.1.schema.json eurocities.json
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaFile, docFile] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
const regs = JSON.parse(fs.readFileSync(docFile, "utf8"));
if (!Array.isArray(regs)) {
  console.log(`${docFile}: not an array of registrations`);
  process.exit(1);
}
let bad = 0;
const missing = {};
regs.forEach((r, i) => {
  if (validate(r)) return;
  for (const e of validate.errors) {
    if (e.keyword === "required") {
      missing[e.params.missingProperty] = (missing[e.params.missingProperty] || 0) + 1;
      continue;
    }
    bad++;
    console.log(`${docFile}: registration ${i} (${r.website}): ${e.instancePath} ${e.message}`);
  }
});
const gaps = Object.keys(missing).sort().map((k) => `${k} ${missing[k]}`).join(", ");
console.log(`ajv: ${regs.length} registrations, ${bad} violations other than missing required attributes`);
console.log(`ajv: required attributes left out (not recorded by maki): ${gaps || "none"}`);
process.exit(bad === 0 ? 0 : 1);
