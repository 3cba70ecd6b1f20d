// Cross-check of the generated schemas with Ajv, a complete draft-07
// validator, outside "go test" (it needs node and two npm packages):
//
//   npm install ajv@8 yaml@2          (in any directory, then NODE_PATH=…/node_modules)
//   go run ./cmd/maki schema --kind system > /tmp/system.schema.json
//   go run ./cmd/maki schema --kind organisation > /tmp/organisation.schema.json
//   node internal/schema/testdata/ajv/check.js /tmp/system.schema.json /tmp/organisation.schema.json
//
// It checks every fixture's verdict against its name (valid-*, invalid-*)
// and reports every file of the example content the schema rejects
// (MAKI_CONTENT=<dir> checks another content directory, such as a
// synthetic corpus that passes "maki check").
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const YAML = require("yaml");

const [systemSchema, orgSchema] = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
const ajv = new Ajv({ allErrors: true, strict: false });
const kinds = [
  { schema: ajv.compile(systemSchema), fixtures: "systems", content: "systeme" },
  { schema: ajv.compile(orgSchema), fixtures: "organisations", content: "organisationen" },
];
const here = __dirname;
const repo = path.join(here, "..", "..", "..", "..");
let bad = 0;
for (const k of kinds) {
  const dir = path.join(here, "..", k.fixtures);
  for (const f of fs.readdirSync(dir).sort()) {
    const ok = k.schema(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
    if (ok !== f.startsWith("valid-")) {
      bad++;
      console.log(`${k.fixtures}/${f}: ajv says valid=${ok}`, JSON.stringify(k.schema.errors));
    }
  }
  const cdir = path.join(process.env.MAKI_CONTENT || path.join(repo, "content"), k.content);
  for (const f of fs.existsSync(cdir) ? fs.readdirSync(cdir).sort() : []) {
    let src = fs.readFileSync(path.join(cdir, f), "utf8");
    if (f.endsWith(".md")) {
      const m = src.match(/^---\r?\n([\s\S]*?)\r?\n---/);
      if (!m) continue;
      src = m[1];
    } else if (!f.endsWith(".yaml")) continue;
    // The core schema of YAML 1.2, like the yaml-language-server.
    const doc = YAML.parse(src, { schema: "core" });
    if (!k.schema(doc)) {
      bad++;
      console.log(`content/${k.content}/${f}:`, k.schema.errors.map((e) => `${e.instancePath} ${e.message}`).join("; "));
    }
  }
}
console.log(bad === 0 ? "ajv: all fixtures and content agree" : `ajv: ${bad} disagreements`);
process.exit(bad === 0 ? 0 : 1);
