// Validates the JSON exports against register.schema.json with Ajv, a
// complete JSON Schema 2020-12 validator (the Go test uses a small
// validator for the subset the schema uses; this cross-checks it).
//
//   node ajv-check.js register.schema.json register.json systeme/*.json
//
// Files named register.json are checked against the schema, all others
// against its $defs/system (the single-system files). Needs the npm
// packages ajv@8 and ajv-formats@3 on NODE_PATH; check-formats.sh installs
// them into a temporary directory.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaFile, ...docs] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(fs.readFileSync(schemaFile, "utf8")), "register.schema.json");
const validateRegister = ajv.getSchema("register.schema.json");
const validateSystem = ajv.compile({ $ref: "register.schema.json#/$defs/system" });
let bad = 0;
for (const f of docs) {
  const doc = JSON.parse(fs.readFileSync(f, "utf8"));
  const v = path.basename(f) === "register.json" ? validateRegister : validateSystem;
  if (!v(doc)) {
    bad++;
    console.log(`${f}:`, v.errors.map((e) => `${e.instancePath} ${e.message}`).join("; "));
  }
}
console.log(bad === 0 ? `ajv: ${docs.length} files valid` : `ajv: ${bad} of ${docs.length} files invalid`);
process.exit(bad === 0 ? 0 : 1);
